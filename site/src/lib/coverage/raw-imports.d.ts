// Vite's `?raw` import of the boundary file (a string at build time; see county-maps.ts).
declare module '*.geojson?raw' {
  const text: string;
  export default text;
}
