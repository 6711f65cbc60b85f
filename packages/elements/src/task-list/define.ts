import { KithTaskList } from './kith-task-list.js';

KithTaskList.define('kith-task-list');

declare global {
  interface HTMLElementTagNameMap {
    'kith-task-list': KithTaskList;
  }
}
