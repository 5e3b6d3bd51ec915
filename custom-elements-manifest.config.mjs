// `cem analyze` (run by `vite build`) reads the class JSDoc of every element and writes
// dist/custom-elements.json.
export default {
  globs: ['widget/components/**/*.component.ts', 'widget/internal/claims-element.ts'],
  exclude: ['**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
  dependencies: false,
  packagejson: false,
};
