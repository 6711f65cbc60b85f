/**
 * What one timeline entry says, by kind, as plain text (Lit escapes it when
 * rendered). Names of stages and members come from lookups the element keeps;
 * field changes use the label stored with the change, so they still read well
 * after the field's definition is deleted.
 */
import type { Activity, FieldChange, Money } from '@kith/core';
import type { Translation } from '../translations/en.js';

export interface EntryContext {
  t: Translation;
  money(value: Money): string;
  stageName(id: string | undefined): string;
  memberName(id: string | undefined): string;
}

const isMoney = (v: unknown): v is Money => !!v && typeof v === 'object' && typeof (v as Money).amount === 'number' && typeof (v as Money).currency === 'string';

/** A stored value as a person reads it. */
export function valueText(v: unknown, cx: EntryContext): string {
  if (v === undefined || v === null || v === '') return cx.t.timeline.emptyValue;
  if (isMoney(v)) return cx.money(v);
  if (Array.isArray(v)) return v.map((x) => valueText(x, cx)).join(', ');
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).map((x) => valueText(x, cx)).join(' ');
  return String(v);
}

/** "Label: before → after" for one field change. */
export function changeText(c: FieldChange, cx: EntryContext): string {
  return `${c.label ?? c.field}: ${valueText(c.before, cx)} → ${valueText(c.after, cx)}`;
}

/** The entry's headline and body lines. */
export function entryLines(a: Activity, cx: EntryContext): { headline: string; lines: string[] } {
  const t = cx.t.timeline;
  const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' · ');
  switch (a.type) {
    case 'note':
      return { headline: '', lines: [a.text] };
    case 'call':
      return { headline: join(a.outcome && t.outcomes[a.outcome], a.durationSec ? `${Math.round(a.durationSec / 60)} min` : undefined), lines: a.text ? [a.text] : [] };
    case 'email':
      return { headline: a.subject, lines: a.text ? [a.text] : [] };
    case 'meeting':
      return { headline: join(a.title, a.location), lines: [a.outcome, a.text].filter((x): x is string => !!x) };
    case 'message':
      return { headline: a.channel, lines: [a.text] };
    case 'form':
      return { headline: a.formId, lines: Object.entries(a.fields).map(([k, v]) => `${k}: ${valueText(v, cx)}`) };
    case 'document':
      return { headline: join(a.title, a.number, a.amount && cx.money(a.amount)), lines: [] };
    case 'created':
      return { headline: a.title ?? '', lines: [] };
    case 'fields-changed':
      return { headline: '', lines: a.changes.map((c) => changeText(c, cx)) };
    case 'stage-changed':
      return { headline: join(`${cx.stageName(a.fromStageId)} → ${cx.stageName(a.toStageId)}`, a.lostReason && t.lostBecause(a.lostReason)), lines: [] };
    case 'owner-changed':
      return { headline: `${cx.memberName(a.fromOwnerId)} → ${cx.memberName(a.toOwnerId)}`, lines: [] };
    case 'lifecycle-changed':
      return { headline: `${a.from ? cx.t.lifecycle[a.from] : t.emptyValue} → ${cx.t.lifecycle[a.to]}`, lines: [] };
    case 'task-completed':
      return { headline: a.title, lines: a.outcome ? [a.outcome] : [] };
    case 'merged':
      return { headline: '', lines: a.summary ? [a.summary] : [] };
  }
}
