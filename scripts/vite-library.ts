import type { UserConfig } from 'vite';

/** Runtime dependencies stay external: consumers' bundlers dedupe them. */
const external = [/^@kith\//, /^lit($|\/)/, /^@lit\//, /^zod($|\/)/, /^libphonenumber-js($|\/)/, /^idb($|\/)/];

/**
 * The Vite library-mode config every package shares: ES modules only, one
 * output file per entry, dependencies external. Declarations come from tsc.
 */
export function libraryConfig(entry: Record<string, string>): UserConfig {
  return {
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      lib: { entry, formats: ['es'] },
      rolldownOptions: {
        external,
        // One output file per source module: with `sideEffects: false` a consumer's
        // bundler then drops every module it does not use (a single-file dist defeats that).
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      },
    },
  };
}
