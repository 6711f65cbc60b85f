import { z } from '../zod.js';
import { DateOnly } from '../model/common.js';
import { addDays, dateInZone, startOfDay } from '../time.js';

/**
 * The period a KPI covers: calendar days `from` to `to`, both included, on
 * the viewer's calendar (`timeZone`). An event belongs to the range when the
 * date it happened on, in that zone, lies inside: a deal won at 23:30 UTC on
 * 31 March counts for April in Tbilisi and for March in New York.
 */
export const KpiRange = z
  .strictObject({
    from: DateOnly,
    to: DateOnly,
    timeZone: z.string().check(
      z.refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'Unknown time zone'),
    ),
  })
  .check(z.refine((r) => r.from <= r.to, { message: 'from is after to', path: ['from'] }));
export type KpiRange = z.infer<typeof KpiRange>;

/** The calendar month (`YYYY-MM`) an instant falls in, in the zone. */
export const monthOf = (instant: string | number, timeZone: string) => dateInZone(instant, timeZone).slice(0, 7);

/** The calendar year (`YYYY`) an instant falls in, in the zone. */
export const yearOf = (instant: string | number, timeZone: string) => dateInZone(instant, timeZone).slice(0, 4);

/** True when the instant happened on a day of the range. */
export function inRange(instant: string | number | undefined, range: KpiRange): boolean {
  if (instant === undefined || instant === '') return false;
  const day = dateInZone(instant, range.timeZone);
  return day >= range.from && day <= range.to;
}

/** The months the range touches, in order (`YYYY-MM`). */
export function monthsOf(range: Pick<KpiRange, 'from' | 'to'>): string[] {
  const out: string[] = [];
  let [y, m] = range.from.split('-').map(Number) as [number, number];
  const last = range.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/** The instant (ms) a month ends in the zone: the start of the next month's first day. */
export function endOfMonth(month: string, timeZone: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return startOfDay(next, timeZone);
}

/** The range's bounds as instants (ms): the start of `from` and the end of `to` in the zone. */
export function rangeBounds(range: KpiRange): { start: number; end: number } {
  return { start: startOfDay(range.from, range.timeZone), end: startOfDay(addDays(range.to, 1), range.timeZone) };
}

/**
 * Whether a contact created in the range arrived as a lead: anything but an
 * import. A spreadsheet moved into the CRM is base, not requests, so it counts
 * in base growth but not in lead conversion or first response.
 */
export const arrivedAsLead = (c: { source?: { channel?: string | undefined } | undefined }) => c.source?.channel !== 'import';
