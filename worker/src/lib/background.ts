/**
 * Work that should outlive the answer (a stale-while-revalidate refresh, an edge-cache write). Inside workerd it is
 * handed to the runtime's `waitUntil` (from `cloudflare:workers`, so no ExecutionContext has to be threaded through
 * the verbs), which keeps the invocation alive until it settles; elsewhere (Node: CLI, tests) it simply runs.
 * Failures are logged by the caller's `onError`, never thrown.
 */

type WaitUntil = (p: Promise<unknown>) => void;

const inWorkerd = typeof navigator !== 'undefined' && navigator.userAgent === 'Cloudflare-Workers';
// A variable specifier: Node's bundlers must not try to resolve the workerd built-in.
const BUILTIN = 'cloudflare:workers';
const loading: Promise<WaitUntil | null> = inWorkerd
  ? (import(/* @vite-ignore */ BUILTIN) as Promise<{ waitUntil?: WaitUntil }>).then((m) => m.waitUntil ?? null).catch(() => null)
  : Promise.resolve(null);

/** Runs `work` in the background of the current invocation (see the file comment). */
export async function runInBackground(work: Promise<unknown>, onError: (err: unknown) => void): Promise<void> {
  const guarded = work.catch(onError);
  const waitUntil = await loading;
  try {
    waitUntil?.(guarded);
  } catch {
    // No invocation to extend (e.g. called outside a request): the work still runs, unextended.
  }
}

/** Whether background work is handed to the runtime's waitUntil here (true inside workerd; tests check it). */
export async function extendsInvocations(): Promise<boolean> {
  return (await loading) !== null;
}
