/**
 * The reference server: Kith's HTTP protocol over in-memory storage, with
 * sample data, for the demo's "server" mode, the lead form's landing-page
 * example and trying the REST adapter.
 *
 *   npm run serve                       # http://127.0.0.1:8787/kith
 *   PORT=9000 KITH_TOKEN=s3cret npm run serve
 *
 * Environment:
 * - PORT (8787) and HOST (127.0.0.1: loopback only, on purpose).
 * - KITH_TOKEN: when set, every request needs `Authorization: Bearer <token>`.
 * - KITH_CORS: extra allowed origins, comma-separated (the Vite demo's are allowed).
 * - KITH_EMPTY=1: start without sample data.
 * Data lives in memory: a restart starts afresh.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '@kith/adapters/http';
import { referenceHandler } from './reference-server.ts';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const token = process.env.KITH_TOKEN;
const origins = ['http://localhost:5173', 'http://127.0.0.1:5173', ...(process.env.KITH_CORS?.split(',').map((o) => o.trim()).filter(Boolean) ?? [])];

const handler = await referenceHandler({ token, origins, sampleData: !process.env.KITH_EMPTY });
const server = createServer(toNodeListener(handler));
server.listen(port, host, () => {
  const { port: actual } = server.address() as AddressInfo;
  console.log(`kith reference server: http://${host}:${actual}/kith  (${token ? 'bearer token required' : 'no auth'}; CORS: ${origins.join(', ')})`);
});

const stop = () => {
  handler.close();
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
