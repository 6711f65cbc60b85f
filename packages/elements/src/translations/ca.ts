import { plural } from './plural.js';
import type { Translation } from './en.js';

export const ca: Translation = {
  $code: 'ca',
  $name: 'Català',
  $dir: 'ltr',
  lifecycle: { lead: 'Contacte potencial', prospect: 'Prospecte', customer: 'Client', loyal: 'Client fidel', lost: 'Perdut' },
  lifecycleLabel: 'Etapa del cicle de vida',
  errors: {
    validation: 'Reviseu els camps marcats.',
    conflict: 'Algú altre ho ha canviat mentrestant. Torneu a carregar per veure la seva versió.',
    'not-found': 'Aquest registre ja no existeix.',
    storage: "No s'ha pogut desar. Comproveu la connexió i torneu-ho a provar.",
    closed: "La connexió amb el CRM s'ha tancat.",
    aborted: "S'ha cancel·lat.",
    quota: "El navegador no té més espai per desar dades. Allibereu espai i torneu-ho a provar.",
    blocked: "Kith és obert en una altra pestanya amb una versió anterior. Tanqueu o recarregueu les altres pestanyes.",
    version: "Hi ha una versió més nova de l'aplicació oberta en un altre lloc. Recarregueu aquesta pàgina.",
    timeout: "El servidor triga massa a respondre. Torneu-ho a provar.",
    network: "No s'ha pogut connectar amb el servidor. Comproveu la connexió i torneu-ho a provar.",
    unauthorized: "Torneu a iniciar la sessió.",
    forbidden: "No teniu permís per fer això.",
    "rate-limited": "Massa sol·licituds. Espereu un moment i torneu-ho a provar.",
    "too-large": "És massa gran per enviar-ho.",
  },
  noCrm: 'No hi ha cap CRM connectat.',
  overdueBy: (n) => plural('ca', n, { one: 'endarrerida # dia', other: 'endarrerida # dies' }),
  dueIn: (n) => plural('ca', n, { one: "d'aquí a # dia", other: "d'aquí a # dies" }),
  dueToday: 'avui',
};
