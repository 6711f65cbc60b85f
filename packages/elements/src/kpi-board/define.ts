import { KithKpiBoard } from './kith-kpi-board.js';

KithKpiBoard.define('kith-kpi-board');

declare global {
  interface HTMLElementTagNameMap {
    'kith-kpi-board': KithKpiBoard;
  }
}
