// The import/export guide's example (docs/import-export.md quotes it; test/core/guides.test.ts runs it).
import { createCrm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';

export async function importExportExample() {
  const crm = createCrm({ storage: memoryStorage(), options: { defaultCountry: 'US' } });
  await crm.fields.define({ entity: 'contact', key: 'city', label: 'Город', type: 'text' });

  const csv = ['Имя,Фамилия,Телефон,Correu electrònic,Город,Birthday', 'Ana,López,(209)172-7124x3651,ana@example.com,Tbilisi,26-08-1990', 'Bo,Chan,,not-an-email,Nairobi,', 'Ana,López,,ANA@example.com,,'].join('\n');

  // 1. What a mapping screen shows: headers, suggestions, the detected date order.
  const preview = await crm.imports.preview(csv, { entity: 'contact' });

  // 2. A dry run: every row checked, nothing written.
  const dry = await crm.imports.run(csv, { entity: 'contact', dryRun: true });

  // 3. The import itself, with progress and a way to cancel.
  const controller = new AbortController();
  const report = await crm.imports.run(csv, { entity: 'contact', signal: controller.signal, onProgress: (p) => console.debug(`${p.rows} rows`) });
  const errorReport = crm.imports.issuesCsv(report.issues);

  // 4. Duplicates and merge.
  await crm.contacts.create({ firstName: 'Ana', lastName: 'Lopez', emails: [{ value: 'ana.lopez@work.example' }], phones: [{ value: '+1 209 172 7124' }] });
  const groups = await crm.duplicates.find({ entity: 'contact' });
  const [keep, ...others] = groups[0]!.ids;
  const plan = await crm.duplicates.merge({ entity: 'contact', into: keep!, from: others, dryRun: true });
  const merged = await crm.duplicates.merge({ entity: 'contact', into: keep!, from: others });

  // 5. Export: what it writes, an import reads back.
  const exported = await crm.exports.csv({ entity: 'contact' });

  return { preview, dry, report, errorReport, groups, plan, merged, exported };
}
