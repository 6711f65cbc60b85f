import { type Company, type Contact, type FieldDefinition, LIFECYCLE_STAGES, type Member, minorUnits } from '@kith/core';
import { html, nothing, type TemplateResult } from 'lit';
import { type FieldAria, formField } from '../form-field.js';
import type { Translation } from '../translations/en.js';
import { customValue } from './edit-state.js';
import type { CardMessages } from './messages/index.js';

/** What the edit form shows: the record as the edit started, its custom fields, the members to own it, and the errors to show in place. */
export interface EditView {
  t: Translation;
  m: CardMessages;
  entity: 'contact' | 'company';
  base: Contact | Company;
  fields: readonly FieldDefinition[];
  members: readonly Member[];
  invalid: Readonly<Record<string, string>>;
}

/** Where each email or phone sent to the core came from: `emails[2]` of the patch is input `emails.<n>`. */
export type ListInputs = Record<'emails' | 'phones', number[]>;

const idOf = (name: string) => `e-${name.replace(/[^\w-]/g, '-')}`;

function field(view: EditView, name: string, label: string, control: (id: string, aria: FieldAria) => TemplateResult) {
  const id = idOf(name);
  return formField(id, label, view.invalid[name], (aria) => control(id, aria));
}

function text(view: EditView, name: string, label: string, value: string | undefined, type = 'text') {
  return field(view, name, label, (id, a) => html`<input id=${id} name=${name} type=${type} .value=${value ?? ''} aria-invalid=${a.invalid} aria-describedby=${a.describedby} />`);
}

function customControl(view: EditView, def: FieldDefinition) {
  const name = `custom.${def.key}`;
  const value = view.base.custom[def.key];
  const t = view.m;
  switch (def.type) {
    case 'boolean':
      return field(view, name, def.label, (id, a) => html`<select id=${id} name=${name} aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
        <option value="" ?selected=${value === undefined}>${t.none}</option>
        <option value="true" ?selected=${value === true}>${t.yes}</option>
        <option value="false" ?selected=${value === false}>${t.no}</option>
      </select>`);
    case 'select':
      return field(view, name, def.label, (id, a) => html`<select id=${id} name=${name} aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
        <option value="" ?selected=${value === undefined}>${t.none}</option>
        ${def.options?.map((o) => html`<option value=${o.value} ?selected=${value === o.value}>${o.label}</option>`)}
      </select>`);
    case 'multi-select': {
      const chosen = Array.isArray(value) ? value : [];
      const error = view.invalid[name];
      return html`<fieldset aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${idOf(name)}-error` : nothing}>
        <legend>${def.label}</legend>
        ${def.options?.map((o) => html`<label><input type="checkbox" name=${name} value=${o.value} ?checked=${chosen.includes(o.value)} /> ${o.label}</label>`)}
        ${error ? html`<span id=${`${idOf(name)}-error`} part="field-error">${error}</span>` : nothing}
      </fieldset>`;
    }
    case 'money': {
      const m = value as { amount: number; currency: string } | undefined;
      const major = m ? String(m.amount / 10 ** minorUnits(m.currency)) : '';
      return html`<div class="row" role="group" aria-label=${def.label}>
        ${text(view, name, `${def.label}: ${t.amount}`, major, 'text')} ${text(view, `${name}.currency`, `${def.label}: ${t.currency}`, m?.currency ?? '')}
      </div>`;
    }
    case 'number':
      return text(view, name, def.label, value === undefined ? '' : String(value), 'text');
    case 'date':
      return text(view, name, def.label, value as string | undefined, 'date');
    case 'email':
    case 'url':
      return text(view, name, def.label, value as string | undefined, def.type);
    case 'phone':
      return text(view, name, def.label, value as string | undefined, 'tel');
    default:
      return field(view, name, def.label, (id, a) => html`<textarea id=${id} name=${name} rows="2" .value=${(value as string | undefined) ?? ''} aria-invalid=${a.invalid} aria-describedby=${a.describedby}></textarea>`);
  }
}

/** One input per stored email or phone, plus an empty one to add another; clearing an input removes that entry. */
function list(view: EditView, key: 'emails' | 'phones', entries: readonly { value: string }[], label: string, more: string) {
  const type = key === 'emails' ? 'email' : 'tel';
  return html`${[...entries, { value: '' }].map((e, i) => text(view, `${key}.${i}`, i < entries.length ? `${label} ${i + 1}` : more, e.value, type))}`;
}

/** The inline edit form's fields, initialised from the record the edit started from. */
export function renderEditFields(view: EditView): TemplateResult {
  const t = view.m;
  const owner = field(view, 'ownerId', t.owner, (id, a) => html`<select id=${id} name="ownerId" aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
    <option value="" ?selected=${!view.base.ownerId}>${t.noOwner}</option>
    ${view.members.map((m) => html`<option value=${m.id} ?selected=${m.id === view.base.ownerId}>${m.name}</option>`)}
  </select>`);
  const tags = text(view, 'tags', `${t.tags} (${t.tagsHint})`, view.base.tags.join(', '));
  const custom = view.fields.map((d) => customControl(view, d));
  if (view.entity === 'company') {
    const c = view.base as Company;
    return html`${text(view, 'name', t.name, c.name)} ${text(view, 'domain', t.domain, c.domain)} ${owner} ${tags} ${custom}`;
  }
  const c = view.base as Contact;
  return html`<div class="row">${text(view, 'firstName', t.firstName, c.firstName)} ${text(view, 'lastName', t.lastName, c.lastName)}</div>
    ${text(view, 'jobTitle', t.jobTitle, c.jobTitle)}
    <fieldset><legend>${t.email}</legend>${list(view, 'emails', c.emails, t.email, t.newEmail)}</fieldset>
    <fieldset><legend>${t.phone}</legend>${list(view, 'phones', c.phones, t.phone, t.newPhone)}</fieldset>
    ${text(view, 'birthday', t.birthday, c.birthday, 'date')}
    ${field(view, 'lifecycle', view.t.lifecycleLabel, (id, a) => html`<select id=${id} name="lifecycle" aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
      ${LIFECYCLE_STAGES.map((s) => html`<option value=${s} ?selected=${s === c.lifecycle}>${view.t.lifecycle[s]}</option>`)}
    </select>`)}
    ${owner} ${tags} ${custom}`;
}

/**
 * Reads the edit form into values by path (`firstName`, `emails`,
 * `custom.budget`); undefined clears a field. Entries whose text did not
 * change keep everything stored with them (a label, the E.164 form).
 */
export function readEditForm(form: HTMLFormElement, view: Pick<EditView, 'entity' | 'base' | 'fields'>): { values: Map<string, unknown>; lists: ListInputs } {
  const data = new FormData(form);
  const str = (name: string) => {
    const v = data.get(name);
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  const values = new Map<string, unknown>();
  const lists: ListInputs = { emails: [], phones: [] };
  const names = view.entity === 'company' ? ['name', 'domain', 'ownerId'] : ['firstName', 'lastName', 'jobTitle', 'birthday', 'lifecycle', 'ownerId'];
  for (const n of names) values.set(n, str(n));
  const tags = (str('tags') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  values.set('tags', [...new Set(tags)]);
  if (view.entity === 'contact') {
    const c = view.base as Contact;
    for (const key of ['emails', 'phones'] as const) {
      const stored: readonly { value: string }[] = c[key];
      const out: unknown[] = [];
      for (let i = 0; i <= stored.length; i++) {
        const v = str(`${key}.${i}`);
        if (!v) continue;
        lists[key].push(i);
        const before = stored[i];
        out.push(before && before.value === v ? before : { value: v, ...((before as { label?: string } | undefined)?.label ? { label: (before as { label?: string }).label } : {}) });
      }
      values.set(key, out);
    }
  }
  for (const def of view.fields) values.set(`custom.${def.key}`, customValue(def, data, `custom.${def.key}`));
  return { values, lists };
}
