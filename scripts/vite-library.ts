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
        output: { preserveModules: false, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
}
