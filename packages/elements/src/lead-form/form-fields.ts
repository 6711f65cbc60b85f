import type { LeadSubmission } from '@kith/core';
import type { LeadFormMessages } from './messages.js';

/**
 * Reading the host's own `<form>`: which controls count, their values as a
 * lead, dependent fields, and validation on top of the browser's constraint
 * validation (required, type, pattern, min/max ... all still apply).
 */

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Hidden inputs the captcha widgets add to the form they sit in: their token goes to the server's hook, not into the lead. */
const CAPTCHA = ['cf-turnstile-response', 'h-captcha-response', 'g-recaptcha-response'];
/** Names that become the lead's own properties; every other field goes to `fields`. */
const OWN = ['firstName', 'lastName', 'email', 'phone', 'company', 'message'] as const;
export const TRAP = 'kith-website';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;
const PHONE = /^\+?[\d\s().-]{6,}$/;
const isPhone = (c: Control) => c.type === 'tel' || c.name === 'phone';
const isEmail = (c: Control) => c.type === 'email' || c.name === 'email';

/** The controls a submit reads: named, enabled, not buttons, not inside something hidden (a dependent field not shown). */
export function controls(form: HTMLFormElement): Control[] {
  return ([...form.elements] as Control[]).filter(
    (c) => c.name && !c.disabled && !['submit', 'button', 'reset', 'file', 'image'].includes(c.type) && !c.closest('[hidden]') && c.name !== TRAP,
  );
}

/** A control's value as the lead carries it; undefined when empty or unticked. */
function valueOf(c: Control): string | number | boolean | string[] | undefined {
  if (c instanceof HTMLSelectElement && c.multiple) return [...c.selectedOptions].map((o) => o.value);
  if (c instanceof HTMLInputElement) {
    if (c.type === 'checkbox' || c.type === 'radio') return c.checked ? (c.type === 'checkbox' && c.value === 'on' ? true : c.value) : undefined;
    if ((c.type === 'number' || c.type === 'range') && c.value !== '') return c.valueAsNumber;
  }
  return c.value.trim() || undefined;
}

/** The values of a form by name: a name on several ticked boxes gives a list. */
export function values(form: HTMLFormElement): Map<string, ReturnType<typeof valueOf>> {
  const out = new Map<string, ReturnType<typeof valueOf>>();
  for (const c of controls(form)) {
    const v = valueOf(c);
    if (v === undefined) continue;
    const seen = out.get(c.name);
    const group = c.type === 'checkbox' && form.querySelectorAll(`input[type=checkbox][name="${CSS.escape(c.name)}"]`).length > 1;
    out.set(c.name, group ? [...((seen as string[] | undefined) ?? []), String(v)] : v);
  }
  return out;
}

/**
 * Shows or hides each `[data-kith-show-when]` part of the form:
 * `data-kith-show-when="interest"` shows it when `interest` has any value,
 * `"interest=demo,trial"` when it has one of those. Hidden parts are neither
 * validated nor sent.
 */
export function applyDependencies(form: HTMLFormElement): void {
  // Several passes settle chains (C depends on B depends on A) without ordering them.
  for (let pass = 0; pass < 3; pass++) {
    const vals = values(form);
    for (const part of form.querySelectorAll<HTMLElement>('[data-kith-show-when]')) {
      const [name, wanted] = part.dataset.kithShowWhen!.split('=') as [string, string | undefined];
      const v = vals.get(name.trim());
      const have = (Array.isArray(v) ? v : v === undefined ? [] : [String(v)]);
      part.hidden = wanted === undefined ? have.length === 0 : !wanted.split(',').some((w) => have.includes(w.trim()));
    }
  }
}

/** Whether a control is valid, as a message key: native constraints first, then the email and phone shapes the server also checks. */
export function problem(c: Control): keyof LeadFormMessages | undefined {
  const v = c.validity;
  if (v.valueMissing) return 'required';
  if (v.typeMismatch && isEmail(c)) return 'email';
  if (!v.valid) return 'invalid';
  if (c.value && isEmail(c) && !EMAIL.test(c.value.trim())) return 'email';
  if (c.value && isPhone(c) && !(PHONE.test(c.value.trim()) && /(\d\D*){6}/.test(c.value))) return 'phone';
  return undefined;
}

/** A lead from the form's values, without key, touches or time (the element adds those). */
export function readLead(form: HTMLFormElement): {
  lead: Omit<LeadSubmission, 'key' | 'formId'>;
  captcha?: string;
  trap?: string;
} {
  const vals = values(form);
  const lead: Omit<LeadSubmission, 'key' | 'formId'> & Record<string, unknown> = {};
  const fields: Record<string, string | number | boolean | string[]> = {};
  let captcha: string | undefined;
  for (const [name, value] of vals) {
    if (CAPTCHA.includes(name)) captcha = String(value);
    else if ((OWN as readonly string[]).includes(name)) lead[name] = String(value);
    else if (name === 'name') {
      const [first, ...rest] = String(value).split(/\s+/);
      lead.firstName ??= first;
      if (rest.length) lead.lastName ??= rest.join(' ');
    } else if (name === 'consent') {
      const box = form.querySelector<HTMLInputElement>('input[name=consent]')!;
      lead.consent = {
        purpose: box.dataset.purpose || 'contact',
        wordingVersion: box.dataset.wordingVersion || '1',
        text: (box.closest('label')?.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 5000) || undefined,
      };
    } else fields[name] = value!;
  }
  if (Object.keys(fields).length) lead.fields = fields;
  const trap = (form.querySelector(`[name=${TRAP}]`) as HTMLInputElement | null)?.value || undefined;
  return { lead, ...(captcha ? { captcha } : {}), ...(trap ? { trap } : {}) };
}

let ids = 0;

/** Puts `message` next to the control (in the host's `[data-kith-error-for=name]` if it has one) and links it for screen readers. */
export function showError(form: HTMLFormElement, c: Control, message: string | undefined): void {
  let slot = form.querySelector<HTMLElement>(`[data-kith-error-for="${CSS.escape(c.name)}"]`);
  if (!slot && !message) return;
  if (!slot) {
    slot = document.createElement('span');
    slot.dataset.kithErrorFor = c.name;
    slot.id = `kith-error-${++ids}`;
    const group = (c.type === 'checkbox' || c.type === 'radio') && form.querySelectorAll(`[name="${CSS.escape(c.name)}"]`).length > 1;
    ((group && c.closest('fieldset')) || c.closest('label') || c).after(slot);
  }
  slot.id ||= `kith-error-${++ids}`;
  slot.textContent = message ?? '';
  slot.hidden = !message;
  for (const each of form.querySelectorAll<Control>(`[name="${CSS.escape(c.name)}"]`)) {
    const described = (each.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== slot.id);
    if (message) described.push(slot.id);
    if (described.length) each.setAttribute('aria-describedby', described.join(' '));
    else each.removeAttribute('aria-describedby');
    if (message) each.setAttribute('aria-invalid', 'true');
    else each.removeAttribute('aria-invalid');
  }
}
