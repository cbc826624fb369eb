/** SVG files are imported as strings (raw loader in webpack and in jest). */
declare module '*.svg' {
  const value: string;
  export default value;
}
