// The pipeline board guide's scripted examples (docs/pipeline-board.md quotes them;
// test/elements/docs-guides.browser.test.ts runs them on a board in Chromium).
import type { Crm } from '@kith/core';
import type { KithPipelineBoard } from '@kith/elements';
import { html } from 'lit';

/** Cards with the title, the company and, on a stuck deal, how long it has sat. */
export function compactCards(board: KithPipelineBoard): void {
  board.renderCard = (deal, info) => html`
    <strong>${deal.title}</strong>
    <span>${info.companyName ?? ''}</span>
    ${info.rotting ? html`<em>stuck ${info.daysInStage} days</em>` : ''}`;
}

/** Refuses a drop on Won from someone who may not close deals; the card stays where it was. */
export function guardClosing(board: KithPipelineBoard, userMayCloseDeals: boolean): void {
  board.addEventListener('kith-deal-move', (e) => {
    const { toStageId } = e.detail;
    if (toStageId === 'won' && !userMayCloseDeals) e.preventDefault();
  });
}

/** A select field on deals, for `group-by="region"`. */
export async function defineRegion(crm: Crm): Promise<void> {
  await crm.fields.define({ entity: 'deal', key: 'region', label: 'Region', type: 'select',
    options: [{ value: 'north', label: 'North' }, { value: 'south', label: 'South' }] });
}
