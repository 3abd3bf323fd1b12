import fs from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Plugin } from 'vite';

/**
 * Build-time Danmarkskort: reads the kommune boundaries (Geodatastyrelsen /
 * Danske Kommuner, FOT 2014, 1:500 000 — copied from shared/data into
 * renderer/map/), simplifies them with topojson-simplify (shared borders stay
 * shared), projects them to SVG paths and serves the result as the virtual
 * module `virtual:kommune-map`. Bornholm is drawn as an inset, as on Danish maps.
 * No geometry is computed in the running app and nothing is fetched.
 */
export interface KommuneMapData {
  readonly width: number;
  readonly height: number;
  readonly kommuner: readonly { readonly kode: number; readonly navn: string; readonly d: string }[];
  readonly inset: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

const virtualId = 'virtual:kommune-map';
const resolvedId = `\0${virtualId}`;
const BORNHOLM = 400;
// Bornholm is moved this far (degrees) into the Kattegat corner of the map.
const insetShift: Position = [-2.55, 1.75];

export function buildKommuneMap(geojsonFile: string, width = 600): KommuneMapData {
  const source = JSON.parse(fs.readFileSync(geojsonFile, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { kode: string; navn: string }>;
  const shifted: FeatureCollection<Polygon | MultiPolygon, { kode: string; navn: string }> = {
    ...source,
    features: source.features.map((f) => (Number(f.properties.kode) === BORNHOLM ? shiftFeature(f, insetShift) : f)),
  };
  const topo = presimplify(topology({ kommuner: shifted }, 1e5) as unknown as Topology<{ kommuner: GeometryCollection<{ kode: string; navn: string }> }>);
  const simplified = simplify(topo, quantile(topo, 0.12));
  const collection = feature(simplified, simplified.objects.kommuner) as unknown as FeatureCollection<Polygon | MultiPolygon, { kode: string; navn: string }>;

  const cosLat = Math.cos((56 * Math.PI) / 180);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  const each = (f: Feature<Polygon | MultiPolygon>, visit: (p: Position) => void) => {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const polygon of polygons) for (const ring of polygon) for (const p of ring) visit(p);
  };
  for (const f of collection.features)
    each(f, ([lon, lat]) => {
      minX = Math.min(minX, lon! * cosLat);
      maxX = Math.max(maxX, lon! * cosLat);
      minY = Math.min(minY, -lat!);
      maxY = Math.max(maxY, -lat!);
    });
  const scale = width / (maxX - minX);
  const height = Math.ceil((maxY - minY) * scale);
  const project = ([lon, lat]: Position): string => `${((lon! * cosLat - minX) * scale).toFixed(1)},${((-lat! - minY) * scale).toFixed(1)}`;

  const kommuner = collection.features.map((f) => {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const d = polygons
      .flatMap((polygon) => polygon.filter((ring) => ring.length > 2).map((ring) => `M${ring.map(project).join('L')}Z`))
      .join('');
    return { kode: Number(f.properties.kode), navn: f.properties.navn, d };
  });

  const bornholm = collection.features.find((f) => Number(f.properties.kode) === BORNHOLM);
  let inset = { x: 0, y: 0, width: 0, height: 0 };
  if (bornholm) {
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    each(bornholm, (p) => {
      const [x, y] = project(p).split(',').map(Number) as [number, number];
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    });
    inset = { x: x0 - 8, y: y0 - 8, width: x1 - x0 + 16, height: y1 - y0 + 16 };
  }
  return { width, height, kommuner, inset };
}

function shiftFeature<T extends Feature<Polygon | MultiPolygon, { kode: string; navn: string }>>(f: T, [dx, dy]: Position): T {
  const move = (ring: Position[]) => ring.map(([x, y]) => [x! + dx!, y! + dy!]);
  const geometry: Polygon | MultiPolygon =
    f.geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: f.geometry.coordinates.map(move) }
      : { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map((polygon) => polygon.map(move)) };
  return { ...f, geometry };
}

export function kommuneMapPlugin(): Plugin {
  const file = path.resolve(import.meta.dirname, 'kommuner.geojson');
  return {
    name: 'kredsbog-kommune-map',
    resolveId: (id) => (id === virtualId ? resolvedId : undefined),
    load(id) {
      if (id !== resolvedId) return undefined;
      this.addWatchFile(file);
      return `export default ${JSON.stringify(buildKommuneMap(file))};`;
    },
  };
}
