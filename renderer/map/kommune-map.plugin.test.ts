import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKommuneMap } from './kommune-map.plugin';

describe('build-time Danmarkskort', () => {
  const map = buildKommuneMap(path.join(import.meta.dirname, 'kommuner.geojson'));

  it('draws all 98 kommuner as SVG paths in a Denmark-shaped box', () => {
    expect(map.kommuner).toHaveLength(98);
    expect(new Set(map.kommuner.map((k) => k.kode)).size).toBe(98);
    expect(map.kommuner.every((k) => /^M[\d.,LMZ-]+Z$/.test(k.d))).toBe(true);
    expect(map.height / map.width).toBeGreaterThan(0.9);
    expect(map.height / map.width).toBeLessThan(1.4);
  });

  it('keeps the paths small enough to ship in the renderer', () => {
    const bytes = map.kommuner.reduce((sum, k) => sum + k.d.length, 0);
    expect(bytes).toBeLessThan(150_000);
  });

  it('puts Bornholm in an inset inside the map', () => {
    expect(map.inset.width).toBeGreaterThan(10);
    expect(map.inset.x + map.inset.width).toBeLessThanOrEqual(map.width + 8);
    expect(map.inset.y).toBeGreaterThanOrEqual(-8);
  });
});
