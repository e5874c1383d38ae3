/** Polls a URL until it answers (any HTTP status below 500) or the deadline passes. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${url} (${last})`);
}

/** Fails fast with a clear message when a port is taken (e.g. by a platform left running elsewhere). */
export async function assertPortFree(port: number, what: string): Promise<void> {
  const { createServer } = await import('node:net');
  await new Promise<void>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', () => reject(new Error(`port ${port} (${what}) is already in use — is another Fairline running?`)));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });
}

/** True when nothing listens on the port. */
export async function isPortFree(port: number): Promise<boolean> {
  return assertPortFree(port, '').then(
    () => true,
    () => false,
  );
}
