/**
 * Lists the current value bets — NFL player props and game lines whose price beats the model by at least the edge —
 * with a partner API key, through the typed client.
 *
 *   FAIRLINE_API_KEY=fl_… npx tsx client/examples/value-bets.ts [--min-edge 0.03] [--days 7] [--limit 10]
 *
 * FAIRLINE_API_URL defaults to the local API of `npm start` (http://127.0.0.1:8787). The key needs the scopes
 * read:props and read:markets. Both lists are asked for at once: the client sends them as one batched request.
 */
import { parseArgs } from 'node:util';
import { createFairlineClient, TRPCClientError } from '@fairline/client';

const { values } = parseArgs({
  options: { 'min-edge': { type: 'string', default: '0.03' }, days: { type: 'string', default: '7' }, limit: { type: 'string', default: '10' } },
});
const apiKey = process.env.FAIRLINE_API_KEY;
if (!apiKey) {
  console.error('value-bets: set FAIRLINE_API_KEY to a partner API key (account page → API keys)');
  process.exit(2);
}
const fairline = createFairlineClient({ url: process.env.FAIRLINE_API_URL ?? 'http://127.0.0.1:8787', apiKey });
const query = { minEdge: Number(values['min-edge']), days: Number(values.days), limit: Number(values.limit) };

try {
  const [props, lines] = await Promise.all([fairline.nfl.props.valueBets.query(query), fairline.nfl.gameLines.valueBets.query(query)]);
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`.padStart(7);
  const game = (b: { homeTeam: string; awayTeam: string; kickoffAt: Date }) => `${b.awayTeam} @ ${b.homeTeam}, ${b.kickoffAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

  console.log(`Player props — ${props.bets.length} value bets in ${props.fixtures} upcoming games (EV ≥ ${pct(query.minEdge).trim()})`);
  for (const b of props.bets) {
    console.log(`${pct(b.expectedValue)}  ${b.price.toFixed(2).padStart(6)} ${b.bookmaker.padEnd(12)} ${b.player} ${b.market} ${b.side} ${b.line}  (${game(b)})`);
  }
  console.log(`\nGame lines — ${lines.bets.length} value bets in ${lines.fixtures} upcoming games`);
  for (const b of lines.bets) {
    const what = b.market === 'moneyline' ? `${b.selection} to win` : `${b.market} ${b.selection} ${b.line}`;
    console.log(`${pct(b.expectedValue)}  ${b.price.toFixed(2).padStart(6)} ${b.bookmaker.padEnd(12)} ${what}  (${game(b)})`);
  }
} catch (err) {
  // A bad or revoked key is UNAUTHORIZED, a key without the scopes FORBIDDEN, a spent limit TOO_MANY_REQUESTS.
  if (err instanceof TRPCClientError) {
    console.error(`value-bets: ${(err.data as { code?: string } | undefined)?.code ?? 'error'}: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
