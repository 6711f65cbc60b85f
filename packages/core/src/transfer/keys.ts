/**
 * Match keys shared by import, duplicate search and merge: two records are
 * the same customer when they share one.
 */

/** A company name as compared: case, accents, punctuation and legal suffixes do not count (`Horn, Shepard & Watson LLC` = `horn shepard watson`). */
export function companyNameKey(name: string): string {
  return personNameKey(name.replace(/&/g, ' '))
    .split(' ')
    .filter((w) => w && !LEGAL.has(w) && w !== 'and')
    .join(' ');
}

const LEGAL = new Set(['inc', 'llc', 'ltd', 'limited', 'gmbh', 'ag', 'sa', 'sl', 'srl', 'bv', 'oy', 'ab', 'plc', 'corp', 'corporation', 'co', 'company', 'ooo', 'ооо', 'оао', 'зао', 'ип', 'შპს', 'სს']);

const ASCII = /^[\x00-\x7f]*$/;

/** A person's or company's name as compared: lower case, accents and punctuation dropped, spaces collapsed. */
export function personNameKey(name: string): string {
  // ASCII needs no decomposition and its letters and digits are a-z, 0-9: the same key, several times faster (an import asks per row).
  if (ASCII.test(name)) return name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * How alike two names are, 0..1: the Dice coefficient of their letter pairs,
 * word order ignored (`Ana María López` vs `Lopez Ana Maria` is 1).
 */
export function nameSimilarity(a: string, b: string): number {
  const x = bigrams(personNameKey(a).split(' ').sort().join(' '));
  const y = bigrams(personNameKey(b).split(' ').sort().join(' '));
  if (!x.length || !y.length) return 0;
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of y) {
    const n = counts.get(g);
    if (n) {
      shared++;
      counts.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

/**
 * Keys already taken, by key, with who took them: a stored record, or a row
 * of the file being imported (and the record it became).
 */
export class KeyIndex {
  readonly #owners = new Map<string, { id: string; row?: number }>();

  /** Records `key` as belonging to `id` (from `row` of the file, if any) unless someone holds it already. */
  add(key: string, id: string, row?: number): void {
    if (!this.#owners.has(key)) this.#owners.set(key, row === undefined ? { id } : { id, row });
  }

  get(key: string): { id: string; row?: number } | undefined {
    return this.#owners.get(key);
  }
}
