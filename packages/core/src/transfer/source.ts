/**
 * Where an import reads from, as text chunks: a string, a Blob or File (read as
 * a stream, so a 100 MB file never sits in memory twice), or any async
 * iterable of strings or bytes (a Node stream, a fetch body).
 */
export type ImportSource = string | Blob | AsyncIterable<string | Uint8Array> | readonly Record<string, unknown>[];

/** Text of at most about this many characters is handed to the CSV parser at once. */
const CHUNK = 256 * 1024;

/** The source's text in chunks, with its size in bytes when known (for progress). */
export function textChunks(source: Exclude<ImportSource, readonly Record<string, unknown>[]>): { total: number | undefined; chunks: AsyncIterable<string> } {
  if (typeof source === 'string') {
    return {
      total: source.length,
      chunks: (async function* () {
        for (let i = 0; i < source.length; i += CHUNK) yield source.slice(i, i + CHUNK);
      })(),
    };
  }
  if (typeof Blob !== 'undefined' && source instanceof Blob) return { total: source.size, chunks: decode(streamIterable(source.stream())) };
  return { total: undefined, chunks: decode(source as AsyncIterable<string | Uint8Array>) };
}

async function* streamIterable(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* decode(input: AsyncIterable<string | Uint8Array>): AsyncIterable<string> {
  // A byte-order mark, as Excel writes it, is not part of the first header.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  for await (const part of input) {
    const text = typeof part === 'string' ? part : decoder.decode(part, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * Regroups text chunks so each one ends at a record boundary: a line break
 * outside quotes. A quoted field may hold line breaks and escaped quotes
 * (`""`); both keep the count of quotes even, so "outside quotes" is "after an
 * even number of quotes since the start". The CSV grammar itself is left to
 * papaparse; this only decides where it is safe to cut.
 */
export async function* recordAligned(chunks: AsyncIterable<string>): AsyncIterable<string> {
  let carry = '';
  // Whether the end of `carry` is inside quotes; `carry` always starts at a record boundary.
  let carryQuoted = false;
  for await (const chunk of chunks) {
    const text = carry + chunk;
    let quoted: boolean = carryQuoted;
    let cut = -1;
    for (let i = carry.length; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (c === 10 && !quoted) cut = i;
    }
    if (cut < 0) {
      carry = text;
      carryQuoted = quoted;
      continue;
    }
    yield text.slice(0, cut + 1);
    carry = text.slice(cut + 1);
    // The tail starts outside quotes (it follows a cut), so it ends in the state the whole text ends in.
    carryQuoted = quoted;
  }
  if (carry) yield carry;
}
