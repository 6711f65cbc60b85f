import { LIFECYCLE_STAGES, type LifecycleStage } from '@kith/core';
import { html, nothing } from 'lit';
import { KithElement } from '../kith-element.js';
import { styles } from './styles.js';

/**
 * A contact's lifecycle stage (lead, prospect, customer, loyal, lost) as a
 * small labelled badge in the page's language.
 *
 * @tag kith-lifecycle-badge
 * @summary Shows a lifecycle stage.
 * @csspart base - The badge.
 * @csspart dot - The coloured dot before the label.
 * @cssproperty --kith-badge-color - The dot's colour; defaults per stage to the status tokens.
 * @cssproperty --kith-badge-radius - The badge's corner radius; defaults to --kith-radius.
 */
export class KithLifecycleBadge extends KithElement {
  static override styles = styles;

  static override properties = {
    stage: { reflect: true },
  };

  /** The stage to show. */
  declare stage: LifecycleStage | undefined;

  constructor() {
    super();
    this.stage = undefined;
  }

  override render() {
    const stage = this.stage && (LIFECYCLE_STAGES as readonly string[]).includes(this.stage) ? this.stage : undefined;
    if (!stage) return nothing;
    const t = this.localize.t;
    return html`<span part="base" role="img" aria-label="${t.lifecycleLabel}: ${t.lifecycle[stage]}" dir=${this.localize.dir()}
      ><span part="dot" aria-hidden="true"></span><span aria-hidden="true">${t.lifecycle[stage]}</span></span
    >`;
  }
}
