import { isKithError, type ValidationIssue } from '@kith/core';
import { html, nothing, type TemplateResult } from 'lit';

/** What a control binds so its error is announced with it. */
export interface FieldAria {
  invalid: 'true' | 'false';
  describedby: string | typeof nothing;
}

/**
 * A labelled control with its error shown under it and tied to it by
 * `aria-describedby` (the error's id is the control's id + `-error`), the
 * one way Kith's forms show a field's error in place.
 */
export function formField(id: string, label: string, error: string | undefined, control: (aria: FieldAria) => unknown): TemplateResult {
  return html`<div class="field">
    <label for=${id}>${label}</label>${control({ invalid: error ? 'true' : 'false', describedby: error ? `${id}-error` : nothing })}
    ${error ? html`<span id=${`${id}-error`} part="field-error">${error}</span>` : nothing}
  </div>`;
}

/**
 * A validation error's issues as messages by input name, the first issue
 * per input; `nameOf` maps an issue's path to the input it belongs to
 * (undefined: no input shows it). Any other error gives none.
 */
export function invalidInputs(error: unknown, nameOf: (path: ValidationIssue['path']) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isKithError(error, 'validation')) return out;
  for (const issue of (error as { issues?: ValidationIssue[] }).issues ?? []) {
    const name = nameOf(issue.path);
    if (name) out[name] ??= issue.message;
  }
  return out;
}
