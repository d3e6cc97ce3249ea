/** Text files the client bundles whole (Vite's `?raw` imports): the teacher's guide. */
declare module "*.md?raw" {
  const text: string;
  export default text;
}
