import { dateInZone, daysBetween } from './time.js';

/**
 * Whole days from today (in the viewer's `timeZone`) to the next birthday;
 * 0 on the day itself. The year of birth is ignored. A 29 February birthday
 * falls on 28 February in common years, the last day of the birth month, so
 * the reminder never slips into March.
 */
export function daysUntilBirthday(birthday: string, now: number, timeZone: string): number {
  const today = dateInZone(now, timeZone);
  const year = Number(today.slice(0, 4));
  const month = birthday.slice(5, 7);
  const day = birthday.slice(8, 10);
  const on = (y: number) => {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return `${y}-${month}-${month === '02' && day === '29' && !leap ? '28' : day}`;
  };
  const thisYear = daysBetween(today, on(year));
  return thisYear >= 0 ? thisYear : daysBetween(today, on(year + 1));
}
