import { MessageSection } from '../../localize.js';
import { en, type KpiBoardMessages } from './en.js';
import { ru } from './ru.js';

export type { KpiBoardMessages };

/**
 * The KPI board's messages, apart from the shared tables. English and
 * Russian ship; other languages fall back to English until registered with
 * `kpiBoardMessages.register('ka', { … })`.
 */
export const kpiBoardMessages = new MessageSection<KpiBoardMessages>({ en, ru });
