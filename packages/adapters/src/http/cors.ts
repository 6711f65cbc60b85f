/** Which sites may call the handler from a browser. */
export interface CorsOptions {
  /** Allowed origins (`https://shop.example`), or `*` for any site (then credentials are never allowed). */
  origins: readonly string[] | '*';
  /** Let browsers send cookies / HTTP auth (only with a list of origins). */
  credentials?: boolean;
  /** How long a browser may cache a preflight answer, in seconds (default 600). */
  maxAgeSeconds?: number;
}

const ALLOWED_HEADERS = 'authorization, content-type, if-match, if-none-match';
const EXPOSED_HEADERS = 'etag, retry-after';

function allowedOrigin(cors: CorsOptions | undefined, origin: string | null): string | undefined {
  if (!cors || !origin) return undefined;
  if (cors.origins === '*') return '*';
  return cors.origins.includes(origin) ? origin : undefined;
}

/** Headers for an actual (non-preflight) response; none when the origin is not allowed, so the browser blocks the read. */
export function corsHeaders(cors: CorsOptions | undefined, origin: string | null): Record<string, string> {
  const allowed = allowedOrigin(cors, origin);
  if (!allowed) return {};
  return {
    'access-control-allow-origin': allowed,
    'access-control-expose-headers': EXPOSED_HEADERS,
    ...(allowed !== '*' ? { vary: 'Origin' } : {}),
    ...(cors?.credentials && allowed !== '*' ? { 'access-control-allow-credentials': 'true' } : {}),
  };
}

/** The answer to an OPTIONS preflight; `methods` narrows it for a route that takes fewer (the lead route: POST). */
export function preflight(cors: CorsOptions | undefined, request: Request, methods = 'GET, POST, PUT, DELETE, OPTIONS'): Response {
  const headers = corsHeaders(cors, request.headers.get('origin'));
  if (!headers['access-control-allow-origin']) return new Response(null, { status: 403 });
  return new Response(null, {
    status: 204,
    headers: {
      ...headers,
      'access-control-allow-methods': methods,
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': String(cors?.maxAgeSeconds ?? 600),
    },
  });
}
