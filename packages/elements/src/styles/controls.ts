import { css } from 'lit';

/**
 * Text inputs, selects and text areas inside the card's and task list's forms:
 * the page's font, and the theme's border, radius and surface, so a form in
 * a shadow root looks like the rest of the element.
 */
export const controls = css`
  input,
  select,
  textarea {
    font: inherit;
    padding: 0.3em 0.5em;
    border: 1px solid var(--_k-border);
    border-radius: var(--_k-radius);
    background: var(--_k-surface);
    color: inherit;
  }
`;
