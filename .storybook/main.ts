import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions } from 'vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Telemetry waits on the closed network for seconds per build (shared/TOOLCHAIN.md).
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // Read the packages' sources, like the demo and tests: no build needed first.
    viteConfig.resolve = { ...viteConfig.resolve, conditions: ['source', ...defaultClientConditions] };
    return viteConfig;
  },
};
export default config;
