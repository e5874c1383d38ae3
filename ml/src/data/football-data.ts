/**
 * football-data.co.uk results-and-odds files → normalised match records.
 *
 * Covers every header generation seen since 2000 (see ../shared/data/SOURCES.md): per-bookmaker 1X2 triples
 * (`B365H/D/A`, Pinnacle `PSH/PSD/PSA`, closing `PSCH/PSCD/PSCA`, `B365CH`…), market aggregates (`BbMxH`/`BbAvH`
 * before 2019/20, `MaxH`/`AvgH` after; closing `MaxCH`/`AvgCH`), over/under 2.5 (`B365>2.5`, `BbAv<2.5`,
 * `PC>2.5`…) and Asian handicap (`BbAHh`/`AHh`/`AHCh` lines with `…AHH/…AHA` prices). Columns are discovered by
 * pattern rather than listed, so a generation we have not seen still parses.
 *
 * Pure: takes the output of `parseCsv`, returns played matches, upcoming fixtures (rows with both score cells
 * empty) and row-level rejects with line number and reason (never throws for a bad row).
 */
import { parseCsv, type CsvTable } from './csv.ts';

export interface Price1x2 {
  home: number;
  draw: number;
  away: number;
}
export interface PriceOverUnder {
  over: number;
  under: number;
}
export interface PriceAsian {
  /** Home team's handicap (football-data convention: −0.75 = home gives three-quarters of a goal). */
  line: number;
  home: number;
  away: number;
}

/** A row of the file: a fixture with its prices (and statistics once played). */
export interface FootballDataFixture {
  /** 1-based line number in the source file. */
  row: number;
  division: string | null;
  /** ISO date, yyyy-mm-dd. */
  date: string;
  /** Days since 1970-01-01 (UTC), for time decay and ordering. */
  day: number;
  /** Kick-off time "hh:mm" when the file has a Time column. */
  time: string | null;
  homeTeam: string;
  awayTeam: string;
  halfTimeHomeGoals: number | null;
  halfTimeAwayGoals: number | null;
  /** Match statistics when the file has them (HS/AS shots, HST/AST shots on target). */
  homeShots: number | null;
  awayShots: number | null;
  homeShotsOnTarget: number | null;
  awayShotsOnTarget: number | null;
  /** 1X2 prices keyed by football-data's prefix: `PS` Pinnacle, `PSC` Pinnacle closing, `B365`, `Max`, `BbAv`… */
  odds1x2: Record<string, Price1x2>;
  /** Over/under 2.5 goals keyed by prefix (`B365`, `P`, `PC`, `Avg`, `BbMx`…). */
  overUnder25: Record<string, PriceOverUnder>;
  /** Asian handicap prices keyed by prefix (`B365`, `P`, `PC`, `BbAv`…), each with the line it refers to. */
  asianHandicap: Record<string, PriceAsian>;
  /** Convenience: Pinnacle pre-match and closing 1X2 (null when absent). */
  pinnacle: Price1x2 | null;
  pinnacleClosing: Price1x2 | null;
}

/** A played match: a fixture with its full-time score. */
export interface FootballDataMatch extends FootballDataFixture {
  homeGoals: number;
  awayGoals: number;
}

export interface FootballDataReject {
  row: number;
  reason: string;
}

export interface FootballDataResult {
  matches: FootballDataMatch[];
  /** Rows without a score yet (both FTHG and FTAG empty): upcoming fixtures, with whatever prices they carry. */
  fixtures: FootballDataFixture[];
  rejects: FootballDataReject[];
  /** Non-fatal problems (e.g. an unparsable price that was dropped). */
  warnings: FootballDataReject[];
}

const REQUIRED = ['Date', 'HomeTeam', 'AwayTeam', 'FTHG', 'FTAG'] as const;
// The oldest files call the teams HT/AT.
const ALIASES: Record<string, string> = { HT: 'HomeTeam', AT: 'AwayTeam', HG: 'FTHG', AG: 'FTAG' };

/** Parse a whole football-data CSV text. */
export function parseFootballDataCsv(text: string): FootballDataResult {
  return parseFootballData(parseCsv(text));
}

/** Normalise a parsed football-data table. Throws only when the header lacks a required column. */
export function parseFootballData(table: CsvTable): FootballDataResult {
  const col = new Map<string, number>();
  table.header.forEach((h, i) => {
    const name = ALIASES[h] && !table.header.includes(ALIASES[h]!) ? ALIASES[h]! : h;
    if (!col.has(name)) col.set(name, i);
  });
  const missing = REQUIRED.filter((r) => !col.has(r));
  if (missing.length > 0) throw new Error(`football-data: missing required column(s): ${missing.join(', ')}`);
  const layout = discoverOddsColumns(table.header, col);
  const idx = (name: string) => col.get(name) ?? -1;
  const cDate = idx('Date'), cHome = idx('HomeTeam'), cAway = idx('AwayTeam'), cHg = idx('FTHG'), cAg = idx('FTAG');
  const cDiv = idx('Div'), cTime = idx('Time'), cHthg = idx('HTHG'), cHtag = idx('HTAG');
  const cHs = idx('HS'), cAs = idx('AS'), cHst = idx('HST'), cAst = idx('AST');

  const matches: FootballDataMatch[] = [];
  const fixtures: FootballDataFixture[] = [];
  const rejects: FootballDataReject[] = [];
  const warnings: FootballDataReject[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const cells = table.rows[r]!;
    const row = table.lineNumbers[r] ?? r + 2;
    const cell = (c: number) => (c >= 0 ? (cells[c] ?? '').trim() : '');
    const date = parseFootballDataDate(cell(cDate));
    if (typeof date === 'string') {
      rejects.push({ row, reason: date });
      continue;
    }
    const homeTeam = cell(cHome);
    const awayTeam = cell(cAway);
    if (!homeTeam || !awayTeam) {
      rejects.push({ row, reason: 'missing team name' });
      continue;
    }
    if (homeTeam === awayTeam) {
      rejects.push({ row, reason: `home and away team are the same (${homeTeam})` });
      continue;
    }
    const hg = parseGoals(cell(cHg));
    const ag = parseGoals(cell(cAg));
    const upcoming = cell(cHg) === '' && cell(cAg) === '';
    if (!upcoming && (hg === null || ag === null)) {
      rejects.push({ row, reason: `invalid full-time score "${cell(cHg)}-${cell(cAg)}"` });
      continue;
    }
    const price = (c: number, what: string): number | null => {
      const s = cell(c);
      if (s === '') return null;
      const v = Number(s);
      if (!Number.isFinite(v) || v <= 1) {
        warnings.push({ row, reason: `dropped invalid price ${what}="${s}"` });
        return null;
      }
      return v;
    };
    const odds1x2: Record<string, Price1x2> = {};
    for (const b of layout.x12) {
      const home = price(b.h, `${b.key}H`), draw = price(b.d, `${b.key}D`), away = price(b.a, `${b.key}A`);
      if (home !== null && draw !== null && away !== null) odds1x2[b.key] = { home, draw, away };
    }
    const overUnder25: Record<string, PriceOverUnder> = {};
    for (const b of layout.ou) {
      const over = price(b.over, `${b.key}>2.5`), under = price(b.under, `${b.key}<2.5`);
      if (over !== null && under !== null) overUnder25[b.key] = { over, under };
    }
    const asianHandicap: Record<string, PriceAsian> = {};
    for (const b of layout.ah) {
      const lineText = cell(b.line);
      const line = lineText === '' ? NaN : Number(lineText);
      const home = price(b.h, `${b.key}AHH`), away = price(b.a, `${b.key}AHA`);
      if (home !== null && away !== null && Number.isFinite(line)) asianHandicap[b.key] = { line, home, away };
    }
    const fixture: FootballDataFixture = {
      row,
      division: cDiv >= 0 ? cell(cDiv) || null : null,
      date: date.iso,
      day: date.day,
      time: cTime >= 0 ? cell(cTime) || null : null,
      homeTeam,
      awayTeam,
      halfTimeHomeGoals: parseGoals(cell(cHthg)),
      halfTimeAwayGoals: parseGoals(cell(cHtag)),
      homeShots: parseGoals(cell(cHs)),
      awayShots: parseGoals(cell(cAs)),
      homeShotsOnTarget: parseGoals(cell(cHst)),
      awayShotsOnTarget: parseGoals(cell(cAst)),
      odds1x2,
      overUnder25,
      asianHandicap,
      pinnacle: odds1x2['PS'] ?? null,
      pinnacleClosing: odds1x2['PSC'] ?? null,
    };
    if (upcoming || hg === null || ag === null) fixtures.push(fixture);
    else matches.push({ ...fixture, homeGoals: hg, awayGoals: ag });
  }
  return { matches, fixtures, rejects, warnings };
}

/** dd/mm/yy or dd/mm/yyyy → {iso, day}; an error message string when invalid. Two-digit years < 50 are 20xx. */
export function parseFootballDataDate(text: string): { iso: string; day: number } | string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  if (!m) return text === '' ? 'missing date' : `invalid date "${text}" (expected dd/mm/yy or dd/mm/yyyy)`;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  let y = Number(m[3]);
  if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (mo < 1 || mo > 12 || back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) return `invalid date "${text}"`;
  const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { iso, day: Math.round(ms / 86_400_000) };
}

function parseGoals(s: string): number | null {
  if (!/^\d+$/.test(s)) return null;
  return Number(s);
}

interface OddsLayout {
  x12: { key: string; h: number; d: number; a: number }[];
  ou: { key: string; over: number; under: number }[];
  ah: { key: string; h: number; a: number; line: number }[];
}

/** Find every bookmaker/aggregate column group by name pattern. */
function discoverOddsColumns(header: readonly string[], col: Map<string, number>): OddsLayout {
  const x12: OddsLayout['x12'] = [];
  const ou: OddsLayout['ou'] = [];
  const ah: OddsLayout['ah'] = [];
  const has = (n: string) => col.has(n);
  const openLine = col.get('AHh') ?? col.get('BbAHh') ?? -1;
  const closeLine = col.get('AHCh') ?? -1;
  for (const h of header) {
    let m: RegExpExecArray | null;
    if ((m = /^(.+)AHH$/.exec(h)) && has(`${m[1]}AHA`)) {
      const key = m[1]!;
      // Per-bookmaker line (old files: `GBAH`, `B365AH`…); else closing prices use the closing line.
      const own = col.get(`${key}AH`);
      // `PC`, `AvgC`, `B365C`… are closing prices: a trailing C whose opening twin (`PAHH`…) also exists.
      // (A bookmaker code that merely ends in C, like `VC`, has no such twin.)
      const isClosing = key.endsWith('C') && has(`${key.slice(0, -1)}AHH`) && closeLine >= 0;
      const line = own ?? (isClosing ? closeLine : openLine);
      if (line >= 0) ah.push({ key, h: col.get(h)!, a: col.get(`${key}AHA`)!, line });
      continue;
    }
    if ((m = /^(.+)H$/.exec(h)) && has(`${m[1]}D`) && has(`${m[1]}A`)) {
      const key = m[1]!;
      if (key === 'FT' || key === 'HT') continue;
      x12.push({ key, h: col.get(h)!, d: col.get(`${key}D`)!, a: col.get(`${key}A`)! });
      continue;
    }
    if ((m = /^(.+)>2\.5$/.exec(h)) && has(`${m[1]}<2.5`)) {
      ou.push({ key: m[1]!, over: col.get(h)!, under: col.get(`${m[1]}<2.5`)! });
    }
  }
  return { x12, ou, ah };
}
