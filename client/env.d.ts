/** Text files the client bundles whole (Vite's `?raw` imports): the teacher's guide, the sheets' styles. */
declare module "*?raw" {
  const text: string;
  export default text;
}
