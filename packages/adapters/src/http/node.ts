/**
 * The shapes of Node's `http` request and response this bridge uses, written
 * out so the module imports nothing from Node and the package stays loadable
 * in browsers and other runtimes.
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  /** A TLS socket has `encrypted: true`. */
  socket?: unknown;
  on(event: 'close', listener: () => void): unknown;
}
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  on(event: 'close', listener: () => void): unknown;
  destroyed?: boolean;
  writableEnded?: boolean;
}

const addresses = new WeakMap<Request, string>();

/** The address of the socket a request came in on, when `toNodeListener` made it (the lead route's default client id). */
export function clientAddress(request: Request): string | undefined {
  return addresses.get(request);
}

/**
 * Adapts a Fetch-style handler to Node's `http.createServer`: the request
 * body streams in, the response streams out, and a client that disconnects
 * aborts the request's signal (ending a long-poll at once).
 */
export function toNodeListener(handler: (request: Request) => Promise<Response>, options: { origin?: string } = {}) {
  return (req: NodeRequestLike, res: NodeResponseLike): void => {
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const host = (Array.isArray(req.headers.host) ? req.headers.host[0] : req.headers.host) ?? 'localhost';
    const origin = options.origin ?? `${(req.socket as { encrypted?: boolean } | undefined)?.encrypted ? 'https' : 'http'}://${host}`;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const iterator = req[Symbol.asyncIterator]();
    const body =
      method === 'GET' || method === 'HEAD'
        ? null
        : new ReadableStream<Uint8Array>({
            async pull(stream) {
              const { done, value } = await iterator.next();
              if (done) stream.close();
              else stream.enqueue(typeof value === 'string' ? new TextEncoder().encode(value) : value);
            },
            async cancel() {
              await iterator.return?.();
            },
          });
    const request = new Request(new URL(req.url ?? '/', origin), {
      method,
      headers,
      body,
      signal: controller.signal,
      ...(body ? { duplex: 'half' } : {}),
    } as RequestInit);
    const address = (req.socket as { remoteAddress?: string } | undefined)?.remoteAddress;
    if (address) addresses.set(request, address);
    void respond(handler, request, res);
  };
}

async function respond(handler: (request: Request) => Promise<Response>, request: Request, res: NodeResponseLike): Promise<void> {
  let response: Response;
  try {
    response = await handler(request);
  } catch (error) {
    console.error('kith: the handler threw', error);
    response = new Response(JSON.stringify({ error: { code: 'storage', message: 'Internal error' } }), { status: 500, headers: { 'content-type': 'application/json' } });
  }
  if (res.destroyed) return;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  res.writeHead(response.status, headers);
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      res.write(value);
    }
  }
  if (!res.writableEnded) res.end();
}
