import type { Preview } from '@storybook/web-components-vite';
import '../packages/elements/src/theme/theme.css';

const preview: Preview = {
  parameters: { layout: 'padded' },
};
export default preview;
