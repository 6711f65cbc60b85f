import { MessageSection } from '../../localize.js';
import { en, type ImportMessages } from './en.js';
import { ru } from './ru.js';

export type { ImportMessages };

/**
 * The import wizard's messages, apart from the shared tables. English and
 * Russian ship; other languages fall back to English until registered with
 * `importMessages.register('ca', { … })`.
 */
export const importMessages = new MessageSection<ImportMessages>({ en, ru });
