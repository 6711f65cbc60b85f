// The demo: the SDK at work in a page. Later issues replace these plain views
// with Kith's own elements (board, card, timeline) over IndexedDB.
import { type Deal, type Pipeline, contactName, createCrm, dueInfo, formatMoney, isKithError, localTimeZone, sumByCurrency } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import type { KithCrm } from '@kith/elements';
import '@kith/elements/define-all.js';
import { html, render } from 'lit';
import { loadSampleData } from './sample-data.ts';

const crm = createCrm({ storage: memoryStorage() });
const app = document.getElementById('app') as KithCrm;
const view = document.getElementById('view')!;
app.crm = crm;

const langSelect = document.getElementById('lang') as HTMLSelectElement;
langSelect.addEventListener('change', () => {
  document.documentElement.lang = langSelect.value;
  void draw();
});

let message = '';

async function move(deal: Deal, pipeline: Pipeline, direction: 1 | -1) {
  const index = pipeline.stages.findIndex((s) => s.id === deal.stageId);
  const target = pipeline.stages[index + direction];
  if (!target) return;
  try {
    await crm.deals.move(deal.id, target.id, target.kind === 'lost' ? { lostReason: 'Price' } : {});
    message = `Moved “${deal.title}” to ${target.name}.`;
  } catch (error) {
    message = isKithError(error) ? error.message : String(error);
  }
  await draw();
}

async function draw(): Promise<void> {
  const lang = document.documentElement.lang || 'en';
  const pipeline = await crm.pipelines.ensureDefault();
  const contacts = (await crm.contacts.list({ orderBy: { field: 'lastName' }, limit: 100 })).items;
  const deals = (await crm.deals.list({ limit: 500 })).items;
  const tasks = (await crm.tasks.list({ where: [{ field: 'completedAt', op: 'exists', value: false }], orderBy: { field: 'due' }, limit: 50 })).items;
  const first = contacts[0];
  const timeline = first ? (await crm.activities.timeline({ contactId: first.id }, { limit: 20 })).items : [];
  const zone = localTimeZone();

  render(
    html`
      <p role="status">${message}</p>
      <section aria-labelledby="contacts-h">
        <h2 id="contacts-h">Contacts</h2>
        <table>
          <thead><tr><th>Name</th><th>Email</th><th>Phone (E.164)</th><th>Stage</th></tr></thead>
          <tbody>
            ${contacts.map(
              (c) => html`<tr><td>${contactName(c)}</td><td>${c.emails[0]?.value ?? ''}</td><td>${c.phones[0]?.e164 ?? ''}</td><td><kith-lifecycle-badge stage=${c.lifecycle}></kith-lifecycle-badge></td></tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="pipeline-h">
        <h2 id="pipeline-h">Pipeline “${pipeline.name}”</h2>
        <div class="board">
          ${pipeline.stages.map((stage) => {
            const inStage = deals.filter((d) => d.stageId === stage.id);
            const totals = Object.entries(sumByCurrency(inStage.map((d) => d.value)));
            return html`<div class="column">
              <h3>${stage.name} <span class="muted">(${inStage.length})</span></h3>
              <div class="muted">${totals.map(([currency, amount]) => formatMoney({ amount, currency }, lang)).join(' · ') || '—'}</div>
              ${inStage.map(
                (d) => html`<div class="card">
                  <div>${d.title}</div>
                  <div class="muted">${formatMoney(d.value, lang)}${d.lostReason ? ` · ${d.lostReason}` : ''}</div>
                  <button @click=${() => move(d, pipeline, -1)} aria-label="Move ${d.title} back">◀</button>
                  <button @click=${() => move(d, pipeline, 1)} aria-label="Move ${d.title} forward">▶</button>
                </div>`,
              )}
            </div>`;
          })}
        </div>
      </section>
      <section aria-labelledby="tasks-h">
        <h2 id="tasks-h">Open tasks</h2>
        <ul>
          ${tasks.map((t) => {
            const due = dueInfo(t, crm.clock.now(), zone);
            return html`<li>${t.title} <span class="muted">— ${t.due} · ${due.state}${due.state === 'overdue' ? ` (${due.daysLate}d)` : ''}</span></li>`;
          })}
        </ul>
      </section>
      ${first
        ? html`<section aria-labelledby="timeline-h">
            <h2 id="timeline-h">Timeline of ${contactName(first)}</h2>
            <ol class="timeline">
              ${timeline.map((a) => html`<li><strong>${a.type}</strong> <span class="muted">${new Date(a.occurredAt).toLocaleString(lang)}</span></li>`)}
            </ol>
          </section>`
        : ''}
    `,
    view,
  );
}

await loadSampleData(crm);
await draw();
// Redraw on every committed change: the same feed live elements use.
crm.watch(() => void draw());
