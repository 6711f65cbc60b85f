import type { Translation } from './en.js';

export const sw: Translation = {
  $code: 'sw',
  $name: 'Kiswahili',
  $dir: 'ltr',
  lifecycle: { lead: 'Mteja mtarajiwa', prospect: 'Mteja anayewezekana', customer: 'Mteja', loyal: 'Mteja wa kudumu', lost: 'Amepotea' },
  lifecycleLabel: 'Hatua ya mteja',
  errors: {
    validation: 'Tafadhali kagua sehemu zilizowekwa alama.',
    conflict: 'Mtu mwingine amebadilisha hiki. Pakia upya kuona toleo lake.',
    'not-found': 'Rekodi hii haipo tena.',
    storage: 'Imeshindwa kuhifadhi. Kagua muunganisho wako na ujaribu tena.',
    closed: 'Muunganisho na CRM umefungwa.',
    aborted: 'Imeghairiwa.',
    quota: "Kivinjari hakina nafasi ya kuhifadhi zaidi. Futa baadhi ya data kisha ujaribu tena.",
    blocked: "Kith iko wazi kwenye kichupo kingine chenye toleo la zamani. Funga au pakia upya vichupo vingine.",
    version: "Toleo jipya la programu hii liko wazi mahali pengine. Pakia upya ukurasa huu.",
    timeout: "Seva imechukua muda mrefu kujibu. Jaribu tena.",
    network: "Imeshindwa kufikia seva. Angalia muunganisho wako kisha ujaribu tena.",
    unauthorized: "Tafadhali ingia tena.",
    forbidden: "Huruhusiwi kufanya hili.",
    "rate-limited": "Maombi mengi mno. Subiri kidogo kisha ujaribu tena.",
    "too-large": "Hiki ni kikubwa mno kutuma.",
  },
  noCrm: 'Hakuna CRM iliyounganishwa.',
  // Swahili counts after the noun: "siku 2" is "2 days" for every number.
  overdueBy: (n) => `imechelewa kwa siku ${n}`,
  dueIn: (n) => `baada ya siku ${n}`,
  dueToday: 'leo',
};
