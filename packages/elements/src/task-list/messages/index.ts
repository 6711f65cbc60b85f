import { MessageSection } from '../../localize.js';
import { ca } from './ca.js';
import { en, type TaskListMessages } from './en.js';
import { ka } from './ka.js';
import { ru } from './ru.js';
import { sw } from './sw.js';

export type { TaskListMessages };

/** The task list's messages, apart from the shared tables; add a language with `taskListMessages.register('de', { … })`. */
export const taskListMessages = new MessageSection<TaskListMessages>({ en, ru, ka, ca, sw });
