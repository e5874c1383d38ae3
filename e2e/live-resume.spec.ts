import { expect, test, type WebSocketRoute } from '@playwright/test';
import { API, openFirstUpcoming } from './support.ts';

/**
 * Lossless resume in the browser: the page's socket to the `fixtures` room is cut (Playwright's WebSocket routing
 * sits between the page and the real room), an event is published while the page has no socket, and the page must
 * reconnect with `?since=` and show it — from the room's replay, since it was never sent live to the page.
 */
test('a fixture page that lost its live socket catches up on what it missed when it reconnects', async ({ page, request }) => {
  const sockets: WebSocketRoute[] = [];
  let hold: Promise<void> | null = null;
  let releaseReconnect!: () => void;
  await page.routeWebSocket(/\/rooms\/fixtures(\?|$)/, async (ws) => {
    sockets.push(ws);
    // The reconnect waits until the missed event is published: it can only reach the page by replay.
    if (hold) await hold;
    ws.connectToServer();
  });

  const fixtureId = await openFirstUpcoming(page, 'soccer');
  await expect(page.getByTestId('fixture-detail')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('fixture-status')).toHaveText(/scheduled/i);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  const before = sockets.length;
  const current = sockets[before - 1]!;
  expect(new URL(current.url()).searchParams.has('since')).toBe(false); // a fresh page has nothing to resume

  // Cut the socket; the page goes offline and retries (held until the event below is published).
  hold = new Promise<void>((resolve) => (releaseReconnect = resolve));
  await current.close({ code: 1012, reason: 'e2e: cut' });
  await expect(page.getByTestId('live-indicator')).not.toHaveAttribute('data-state', 'live', { timeout: 10_000 });
  await expect.poll(() => sockets.length, { timeout: 10_000 }).toBe(before + 1);

  const res = await request.post(`${API}/rooms/fixtures/publish`, {
    headers: { authorization: 'Bearer fairline-local-admin' },
    data: { kind: 'fixture', fixtureId, status: 'live', homeScore: 2, awayScore: 1 },
  });
  expect(res.status()).toBe(200);
  const { seq } = (await res.json()) as { seq: number };
  releaseReconnect();

  // The reconnect asked for what it missed: a since below the missed event's seq.
  const since = Number(new URL(sockets[before]!.url()).searchParams.get('since'));
  expect(Number.isInteger(since) && since < seq).toBe(true);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await expect(page.getByTestId('fixture-score')).toHaveText('2–1');
  await expect(page.getByTestId('fixture-status')).toHaveText(/live/i);
});
