declare module 'virtual:kommune-map' {
  /** Built by renderer/map/kommune-map.plugin.ts at build time. */
  const map: {
    readonly width: number;
    readonly height: number;
    readonly kommuner: readonly { readonly kode: number; readonly navn: string; readonly d: string }[];
    readonly inset: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  };
  export default map;
}
