/**
 * Offline analysis of a bettor's soccer history (`fairline portfolio analyze`): a CSV of bets is settled against
 * football-data.co.uk results files and graded against Pinnacle's closing prices in those files, with the same
 * settlement (`settleBet`) the database path uses. No database, no network: text in, report out.
 *
 * Bet columns: `date` (YYYY-MM-DD), `home`, `away` (football-data team names), `market` (`1x2` | `total` |
 * `asian_handicap`; the other soccer markets `btts`, `draw_no_bet`, `correct_score` settle too, without a
 * closing price), `selection` (`home` | `draw` | `away` | `over` | `under` …), `line` (goals for totals; the
 * HOME team's handicap for Asian lines, e.g. -0.25; empty otherwise), `price` (decimal), `stake`.
 *
 * Fair closing price: Pinnacle's closing quote of the market made margin-free multiplicatively (clv.ts) —
 * 1X2 `PSCH/PSCD/PSCA`; totals at 2.5 `PC>2.5/PC<2.5`; Asian lines equal to the closing line `AHCh`:
 * `PCAHH/PCAHA` — and null where the file has no such closing quote (another total or handicap line, an older
 * file). Money: stakes and P&L in the CSV's stake units, counted exactly in ten-thousandths of a unit
 * (`ANALYSIS_DECIMALS`; money.ts). A row that cannot be settled — unknown team, no such match on that date,
 * bad market, selection, line, price or stake — is a reject with its line number and reason, never dropped.
 */
import { parseCsv } from '../data/csv.ts';
import { parseFootballDataCsv, type FootballDataFixture, type FootballDataMatch } from '../data/football-data.ts';
import { parseBetSelection, selectionName, type BetSelection } from './bet.ts';
import { closingLineValue, fairClosingPrices } from './clv.ts';
import { maxDrawdown } from './drawdown.ts';
import { parseMinorUnits, toMajorUnits } from './money.ts';
import { settleBet, type SettledResult } from './settle.ts';
import { inDateOrder } from './stats.ts';

/** Decimal places of a stake unit the analysis counts money in (ten-thousandths). */
export const ANALYSIS_DECIMALS = 4;

/** The bet CSV's columns, in the documented order (any order is read; names are case-insensitive). */
export const BET_CSV_COLUMNS = ['date', 'home', 'away', 'market', 'selection', 'line', 'price', 'stake'] as const;

/** The soccer markets a bet row may name; `total` is the CSV's word for the platform's `totals`. */
const MARKET_OF: Record<string, BetSelection['market']> = {
  '1x2': '1x2',
  total: 'totals',
  totals: 'totals',
  asian_handicap: 'asian_handicap',
  btts: 'btts',
  draw_no_bet: 'draw_no_bet',
  correct_score: 'correct_score',
};

/** One settled bet row. Money in stake units. */
export interface AnalyzedBet {
  /** Line number in the bets file (the header is line 1). */
  row: number;
  date: string;
  home: string;
  away: string;
  market: BetSelection['market'];
  selection: string;
  line: number | null;
  price: number;
  stake: number;
  /** The final score it was settled on. */
  score: { home: number; away: number };
  result: SettledResult;
  pnl: number;
  /** Margin-free Pinnacle closing price of the selection; null where the file has none for this market and line. */
  fairClosingPrice: number | null;
  /** price ÷ fairClosingPrice − 1; null without a fair closing price. */
  clv: number | null;
}

/** A row of a file that could not be used: where and why. */
export interface AnalysisReject {
  row: number;
  reason: string;
}

/** The totals over the settled rows. Money in stake units. */
export interface AnalysisSummary {
  bets: number;
  staked: number;
  pnl: number;
  /** pnl ÷ staked; null when nothing was staked. */
  roi: number | null;
  /** Largest peak-to-trough fall of cumulative P&L over the bets in date order (ties in file order), stake units. */
  maxDrawdown: number;
  /** Mean CLV over the bets that have one; null when none has. */
  clv: number | null;
  /** How many bets have a CLV. */
  clvBets: number;
}

/** The analysis of a bets file: each settled row, the rejects, the summary, and the results files' own rejects. */
export interface AnalysisReport {
  bets: AnalyzedBet[];
  rejects: AnalysisReject[];
  summary: AnalysisSummary;
  /** Rows of the results files that were skipped (their parser's rejects), by file name. */
  resultRejects: (AnalysisReject & { file: string })[];
}

/** A results file: its name (for messages) and its text. */
export interface ResultsFile {
  name: string;
  text: string;
}

interface ResultsIndex {
  byKey: Map<string, FootballDataFixture | FootballDataMatch>;
  teams: Set<string>;
  datesOfPairing: Map<string, string[]>;
  rejects: (AnalysisReject & { file: string })[];
}

function indexResults(files: readonly ResultsFile[]): ResultsIndex {
  const index: ResultsIndex = { byKey: new Map(), teams: new Set(), datesOfPairing: new Map(), rejects: [] };
  for (const file of files) {
    const parsed = parseFootballDataCsv(file.text);
    index.rejects.push(...parsed.rejects.map((r) => ({ file: file.name, ...r })));
    for (const m of [...parsed.matches, ...parsed.fixtures]) {
      const key = `${m.date}|${m.homeTeam}|${m.awayTeam}`;
      if (index.byKey.has(key)) continue; // the same match in two files (overlapping downloads): the first wins
      index.byKey.set(key, m);
      index.teams.add(m.homeTeam).add(m.awayTeam);
      const pairing = `${m.homeTeam}|${m.awayTeam}`;
      index.datesOfPairing.set(pairing, [...(index.datesOfPairing.get(pairing) ?? []), m.date]);
    }
  }
  return index;
}

const isPlayed = (m: FootballDataFixture | FootballDataMatch): m is FootballDataMatch => 'homeGoals' in m;

/** The margin-free Pinnacle closing price of the bet's selection, or null where the file has none. */
export function pinnacleFairClosingPrice(match: FootballDataFixture, bet: BetSelection): number | null {
  const pick = (quote: (number | null | undefined)[], i: number) => fairClosingPrices(quote)?.[i] ?? null;
  switch (bet.market) {
    case '1x2': {
      const q = match.odds1x2['PSC'];
      return q ? pick([q.home, q.draw, q.away], ['home', 'draw', 'away'].indexOf(bet.selection)) : null;
    }
    case 'totals': {
      const q = match.overUnder25['PC'];
      return q && bet.line === 2.5 ? pick([q.over, q.under], bet.selection === 'over' ? 0 : 1) : null;
    }
    case 'asian_handicap': {
      const q = match.asianHandicap['PC'];
      return q && q.line === bet.line ? pick([q.home, q.away], bet.selection === 'home' ? 0 : 1) : null;
    }
    default:
      return null;
  }
}

/** Settles and grades a bets CSV against football-data results files (see the file comment). */
export function analyzeFootballDataBets(betsCsv: string, results: readonly ResultsFile[]): AnalysisReport {
  const index = indexResults(results);
  const table = parseCsv(betsCsv);
  const header = table.header.map((h) => h.toLowerCase());
  const missing = BET_CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new Error(`bets CSV: missing column(s): ${missing.join(', ')} (expected ${BET_CSV_COLUMNS.join(',')})`);
  const col = Object.fromEntries(BET_CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof BET_CSV_COLUMNS)[number], number>;

  const settled: (AnalyzedBet & { at: string; stakeMinor: number; pnlMinor: number })[] = [];
  const rejects: AnalysisReject[] = [];
  table.rows.forEach((cells, r) => {
    const row = table.lineNumbers[r]!;
    const cell = (c: keyof typeof col) => (cells[col[c]] ?? '').trim();
    const outcome = settleRow(index, {
      date: cell('date'), home: cell('home'), away: cell('away'), market: cell('market'), selection: cell('selection'),
      line: cell('line'), price: cell('price'), stake: cell('stake'),
    });
    if (typeof outcome === 'string') rejects.push({ row, reason: outcome });
    else settled.push({ row, ...outcome });
  });

  const ordered = inDateOrder(settled);
  const stakedMinor = settled.reduce((s, b) => s + b.stakeMinor, 0);
  const pnlMinor = settled.reduce((s, b) => s + b.pnlMinor, 0);
  const clvs = settled.flatMap((b) => (b.clv === null ? [] : [b.clv]));
  const units = (minor: number) => toMajorUnits(minor, ANALYSIS_DECIMALS);
  return {
    bets: settled.map(({ at: _at, stakeMinor: _s, pnlMinor: _p, ...bet }) => bet),
    rejects,
    summary: {
      bets: settled.length,
      staked: units(stakedMinor),
      pnl: units(pnlMinor),
      roi: stakedMinor > 0 ? pnlMinor / stakedMinor : null,
      maxDrawdown: units(maxDrawdown(ordered.map((b) => b.pnlMinor)).amount),
      clv: clvs.length > 0 ? clvs.reduce((a, b) => a + b, 0) / clvs.length : null,
      clvBets: clvs.length,
    },
    resultRejects: index.rejects,
  };
}

type RowText = Record<(typeof BET_CSV_COLUMNS)[number], string>;
type RowOutcome = Omit<AnalyzedBet, 'row'> & { at: string; stakeMinor: number; pnlMinor: number };

/** One bet row settled, or the reason it cannot be. */
function settleRow(index: ResultsIndex, t: RowText): RowOutcome | string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t.date) || Number.isNaN(Date.parse(`${t.date}T00:00:00Z`)) || new Date(`${t.date}T00:00:00Z`).toISOString().slice(0, 10) !== t.date) {
    return t.date === '' ? 'missing date' : `invalid date "${t.date}" (expected YYYY-MM-DD)`;
  }
  if (!t.home || !t.away) return 'missing team name';
  const market = MARKET_OF[t.market.toLowerCase()];
  if (!market) return `unknown market "${t.market}" (1x2, total, asian_handicap, btts, draw_no_bet, correct_score)`;
  const lineText = t.line.replace(/^\u2212/, '-');
  const line = lineText === '' ? null : Number(lineText);
  if (line !== null && !Number.isFinite(line)) return `invalid line "${t.line}"`;
  let selection: BetSelection;
  try {
    selection = parseBetSelection({ market, selection: t.selection.toLowerCase(), line });
  } catch (err) {
    return (err as Error).message;
  }
  const price = Number(t.price);
  if (t.price === '' || !Number.isFinite(price) || price <= 1) return `invalid price "${t.price}" (decimal odds must be > 1)`;
  let stakeMinor: number;
  try {
    stakeMinor = parseMinorUnits(t.stake, ANALYSIS_DECIMALS);
  } catch (err) {
    return `invalid stake "${t.stake}": ${(err as Error).message}`;
  }
  if (stakeMinor <= 0) return `invalid stake "${t.stake}" (must be > 0)`;

  const unknown = [t.home, t.away].filter((team) => !index.teams.has(team));
  if (unknown.length > 0) return `unknown team${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(' and ')} (not in the results files)`;
  const match = index.byKey.get(`${t.date}|${t.home}|${t.away}`);
  if (!match) {
    const dates = index.datesOfPairing.get(`${t.home}|${t.away}`);
    return `no match ${t.home} v ${t.away} on ${t.date} in the results files${dates ? ` (they met on ${dates.join(', ')})` : ''}`;
  }
  if (!isPlayed(match)) return `${t.home} v ${t.away} on ${t.date} has no result yet`;

  const score = { home: match.homeGoals, away: match.awayGoals };
  const { result, pnl } = settleBet({ selection, price, stake: stakeMinor }, { kind: 'score', ...score });
  const fairClosingPrice = pinnacleFairClosingPrice(match, selection);
  return {
    at: t.date,
    date: t.date,
    home: t.home,
    away: t.away,
    market,
    selection: selectionName(selection),
    line: 'line' in selection ? selection.line : null,
    price,
    stake: toMajorUnits(stakeMinor, ANALYSIS_DECIMALS),
    score,
    result,
    pnl: toMajorUnits(pnl, ANALYSIS_DECIMALS),
    fairClosingPrice,
    clv: fairClosingPrice === null ? null : closingLineValue(price, fairClosingPrice),
    stakeMinor,
    pnlMinor: pnl,
  };
}
