/** What one attempt to post a lead came to. */
export type Outcome =
  | { kind: 'sent'; replayed: boolean }
  /** Worth trying again later: offline, a timeout, the server down or busy. */
  | { kind: 'retry'; afterMs?: number }
  /** The server refused the lead itself; sending it again cannot help. */
  | { kind: 'refused'; code: string; message: string };

const TIMEOUT_MS = 15_000;

/**
 * Posts one lead body. It goes as `text/plain` JSON, a CORS "simple
 * request", so a landing page on another site pays no preflight; `keepalive`
 * lets it finish when the visitor leaves the page at once.
 */
export async function post(url: string, body: string, fetcher: typeof fetch = fetch): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetcher(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body,
      credentials: 'omit',
      keepalive: body.length < 60_000,
      // Older browsers lack AbortSignal.timeout; they send without one rather than never.
      signal: AbortSignal.timeout?.(TIMEOUT_MS),
    });
  } catch {
    return { kind: 'retry' };
  }
  if (response.ok) {
    const answer = (await response.json().catch(() => ({}))) as { replayed?: boolean };
    return { kind: 'sent', replayed: answer.replayed === true };
  }
  const wait = Number(response.headers.get('retry-after'));
  if (response.status === 429 || response.status === 408 || response.status >= 500) {
    return { kind: 'retry', ...(wait > 0 ? { afterMs: wait * 1000 } : {}) };
  }
  const error = ((await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined)?.error;
  return { kind: 'refused', code: error?.code ?? String(response.status), message: error?.message ?? response.statusText };
}

/** The wait before retry number `attempt` (1, 2, ...): 2 s doubling to at most 5 minutes, with jitter so tabs do not stampede. */
export const backoff = (attempt: number) => Math.min(300_000, 2000 * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);
