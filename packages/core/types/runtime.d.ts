// The few host globals the core relies on. The core builds without the DOM and
// without @types/node, so a stray `document` or `Buffer` fails its type check;
// everything here exists in browsers, Node >= 20, Deno, Bun and workers alike.
declare const crypto: {
  getRandomValues<T extends Uint8Array>(array: T): T;
  randomUUID(): string;
};
declare function structuredClone<T>(value: T): T;
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(id: unknown): void;
declare function queueMicrotask(callback: () => void): void;
declare const console: { warn(...args: unknown[]): void; error(...args: unknown[]): void };
declare function btoa(data: string): string;
declare function atob(data: string): string;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
/** Files and streams an import reads (browsers, Node >= 20, Deno, Bun). */
declare class Blob {
  readonly size: number;
  readonly type: string;
  stream(): ReadableStream<Uint8Array>;
  text(): Promise<string>;
  constructor(parts?: unknown[], options?: { type?: string });
}
interface ReadableStream<R> {
  getReader(): { read(): Promise<{ done: true; value?: undefined } | { done: false; value: R }>; releaseLock(): void };
}
interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
}
