import type { Translation } from './en.js';

// Georgian nouns after a numeral stay singular, so one form serves every count.
export const ka: Translation = {
  $code: 'ka',
  $name: 'ქართული',
  $dir: 'ltr',
  lifecycle: { lead: 'ლიდი', prospect: 'პოტენციური', customer: 'კლიენტი', loyal: 'მუდმივი', lost: 'დაკარგული' },
  lifecycleLabel: 'სასიცოცხლო ციკლის ეტაპი',
  errors: {
    validation: 'გთხოვთ, შეამოწმოთ მონიშნული ველები.',
    conflict: 'ეს ჩანაწერი სხვამ შეცვალა. განაახლეთ მისი ვერსიის სანახავად.',
    'not-found': 'ეს ჩანაწერი აღარ არსებობს.',
    storage: 'შენახვა ვერ მოხერხდა. შეამოწმეთ კავშირი და სცადეთ თავიდან.',
    closed: 'CRM-თან კავშირი დაიხურა.',
    aborted: 'გაუქმდა.',
  },
  noCrm: 'CRM არ არის დაკავშირებული.',
  overdueBy: (n) => `ვადაგადაცილებულია ${n} დღით`,
  dueIn: (n) => `${n} დღეში`,
  dueToday: 'დღეს',
};
