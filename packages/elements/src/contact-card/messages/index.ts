import { MessageSection } from '../../localize.js';
import { ca } from './ca.js';
import { en, type CardMessages } from './en.js';
import { ka } from './ka.js';
import { ru } from './ru.js';
import { sw } from './sw.js';

export type { CardMessages };

/**
 * The contact card's messages, kept out of the shared tables so the board,
 * the timeline and the lead form do not carry them. Add a language with
 * `cardMessages.register('de', { … })`.
 */
export const cardMessages = new MessageSection<CardMessages>({ en, ru, ka, ca, sw });
