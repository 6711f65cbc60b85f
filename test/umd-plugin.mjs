/**
 * The test server sends packages to Chromium as they are, and papaparse ships
 * only a UMD build, which assigns to `this.Papa` when it finds no CommonJS
 * `module` (undefined in an ES module). Vite converts it for the demo, the
 * bundles and Storybook; here it is wrapped so it sees a `module` and the
 * page gets its export as the default one.
 */
const UMD = [/\/node_modules\/papaparse\/papaparse(\.min)?\.js$/];

export function umdPlugin() {
  return {
    name: 'kith-umd-as-esm',
    transform(context) {
      if (!UMD.some((re) => re.test(context.path))) return undefined;
      return { body: `const module = { exports: {} };\nconst exports = module.exports;\n${context.body}\nexport default module.exports;\n` };
    },
  };
}
