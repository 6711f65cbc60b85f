/**
 * Helpers every test folder shares, for Node's runner and mocha in Chromium
 * alike: they import nothing.
 */

/** A caught error as tests read it: its class name, `code` and any other fields. */
export type Caught = Error & { code?: string; issues?: { path: unknown[] }[]; [k: string]: unknown };

/** The error a promise rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Caught> {
  try {
    await promise;
  } catch (error) {
    return error as Caught;
  }
  throw new Error('expected a rejection, the call succeeded');
}

/** Lets queued microtasks and one macrotask run, for work delivered asynchronously. */
export const settle = () => new Promise((r) => setTimeout(r, 20));

/**
 * Waits until `check` holds, polling; fails naming `what` after `polls` polls
 * (about 5 s by default) instead of hanging.
 */
export async function until(check: () => boolean, what: string, polls = 250): Promise<void> {
  for (let i = 0; i < polls; i++) {
    if (check()) return;
    await settle();
  }
  throw new Error(`timed out waiting for ${what}`);
}
