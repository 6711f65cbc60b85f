import { KithPipelineBoard } from './kith-pipeline-board.js';

KithPipelineBoard.define('kith-pipeline-board');

declare global {
  interface HTMLElementTagNameMap {
    'kith-pipeline-board': KithPipelineBoard;
  }
}
