/**
 * Validation and packing of match history for the Dixon–Coles fit: team index built once (sorted names, so
 * the same history always gives the same parameter order), time-decay weights, and typed arrays for the hot
 * loop of the likelihood.
 */

/** One finished match as the model sees it. `day` = days since 1970-01-01 (UTC). */
export interface SoccerMatch {
  home: string;
  away: string;
  homeGoals: number;
  awayGoals: number;
  day: number;
  /** Neutral venue: no home advantage applied. */
  neutral?: boolean;
}

export interface PackedMatches {
  teams: string[];
  teamIndex: Map<string, number>;
  home: Int32Array;
  away: Int32Array;
  homeGoals: Int32Array;
  awayGoals: Int32Array;
  /** 1 for a home-venue match, 0 for neutral. */
  venue: Float64Array;
  weight: Float64Array;
  totalWeight: number;
  /** Weighted count of matches per team (for diagnostics and shrinkage reporting). */
  teamWeight: Float64Array;
  /** Σ w·(ln x! + ln y!), so the reported NLL is the full one. */
  logFactorialTerm: number;
  /**
   * The same matches aggregated by fixture (home, away, venue): the likelihood's non-linear terms depend on
   * a match only through its fixture's rates and whether its score is 0-0, 0-1, 1-0 or 1-1, so summing the
   * weights per fixture and per low-score cell gives the exact likelihood with one λ, μ per fixture.
   */
  pairs: {
    home: Int32Array;
    away: Int32Array;
    venue: Float64Array;
    weight: Float64Array;
    w00: Float64Array;
    w01: Float64Array;
    w10: Float64Array;
    w11: Float64Array;
  };
}

/**
 * Keep matches with day < asOfDay and within windowDays, weight them by exp(−ξ·(asOfDay − day))
 * (Dixon & Coles 1997, §4.4), and pack them. Throws a clear error for invalid input.
 */
export function packMatches(matches: readonly SoccerMatch[], xi: number, asOfDay: number, windowDays: number): PackedMatches {
  if (!(xi >= 0)) throw new RangeError(`Dixon-Coles: xi must be ≥ 0, got ${xi}`);
  if (!(windowDays > 0)) throw new RangeError(`Dixon-Coles: windowDays must be > 0, got ${windowDays}`);
  const kept: SoccerMatch[] = [];
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    validateMatch(m, i);
    const age = asOfDay - m.day;
    if (age > 0 && age <= windowDays) kept.push(m);
  }
  if (kept.length === 0) throw new Error('Dixon-Coles: empty history (no matches before the reference day within the window)');
  const names = new Set<string>();
  for (const m of kept) {
    names.add(m.home);
    names.add(m.away);
  }
  const teams = [...names].sort();
  if (teams.length < 2) throw new Error('Dixon-Coles: need at least two teams');
  const teamIndex = new Map(teams.map((t, i) => [t, i]));
  const n = kept.length;
  const packed: PackedMatches = {
    teams,
    teamIndex,
    home: new Int32Array(n),
    away: new Int32Array(n),
    homeGoals: new Int32Array(n),
    awayGoals: new Int32Array(n),
    venue: new Float64Array(n),
    weight: new Float64Array(n),
    totalWeight: 0,
    teamWeight: new Float64Array(teams.length),
    logFactorialTerm: 0,
    pairs: {
      home: new Int32Array(0), away: new Int32Array(0), venue: new Float64Array(0), weight: new Float64Array(0),
      w00: new Float64Array(0), w01: new Float64Array(0), w10: new Float64Array(0), w11: new Float64Array(0),
    },
  };
  let tw = 0;
  let lf = 0;
  for (let i = 0; i < n; i++) {
    const m = kept[i]!;
    const h = teamIndex.get(m.home)!;
    const a = teamIndex.get(m.away)!;
    const w = Math.exp(-xi * (asOfDay - m.day));
    packed.home[i] = h;
    packed.away[i] = a;
    packed.homeGoals[i] = m.homeGoals;
    packed.awayGoals[i] = m.awayGoals;
    packed.venue[i] = m.neutral ? 0 : 1;
    packed.weight[i] = w;
    packed.teamWeight[h]! += w;
    packed.teamWeight[a]! += w;
    tw += w;
    lf += w * (LOG_FACT[Math.min(m.homeGoals, 63)]! + LOG_FACT[Math.min(m.awayGoals, 63)]!);
  }
  packed.totalWeight = tw;
  packed.logFactorialTerm = lf;
  packed.pairs = aggregatePairs(packed, teams.length);
  return packed;
}

function aggregatePairs(p: PackedMatches, nTeams: number): PackedMatches['pairs'] {
  const slot = new Map<number, number>();
  const n = p.home.length;
  const home = new Int32Array(n), away = new Int32Array(n), venue = new Float64Array(n), weight = new Float64Array(n);
  const w00 = new Float64Array(n), w01 = new Float64Array(n), w10 = new Float64Array(n), w11 = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const key = (p.home[i]! * nTeams + p.away[i]!) * 2 + p.venue[i]!;
    let j = slot.get(key);
    if (j === undefined) {
      j = k++;
      slot.set(key, j);
      home[j] = p.home[i]!;
      away[j] = p.away[i]!;
      venue[j] = p.venue[i]!;
    }
    const w = p.weight[i]!;
    weight[j]! += w;
    const x = p.homeGoals[i]!, y = p.awayGoals[i]!;
    if (x < 2 && y < 2) {
      if (x === 0 && y === 0) w00[j]! += w;
      else if (x === 0) w01[j]! += w;
      else if (y === 0) w10[j]! += w;
      else w11[j]! += w;
    }
  }
  return {
    home: home.slice(0, k), away: away.slice(0, k), venue: venue.slice(0, k), weight: weight.slice(0, k),
    w00: w00.slice(0, k), w01: w01.slice(0, k), w10: w10.slice(0, k), w11: w11.slice(0, k),
  };
}

const LOG_FACT = new Float64Array(64);
for (let i = 2; i < 64; i++) LOG_FACT[i] = LOG_FACT[i - 1]! + Math.log(i);

function validateMatch(m: SoccerMatch, i: number): void {
  const where = `match ${i} (${m.home} v ${m.away})`;
  if (typeof m.home !== 'string' || m.home === '' || typeof m.away !== 'string' || m.away === '')
    throw new Error(`Dixon-Coles: ${where}: team names must be non-empty strings`);
  if (m.home === m.away) throw new Error(`Dixon-Coles: ${where}: a team cannot play itself`);
  for (const [k, g] of [['homeGoals', m.homeGoals], ['awayGoals', m.awayGoals]] as const) {
    if (!Number.isInteger(g) || g < 0) throw new Error(`Dixon-Coles: ${where}: ${k} must be a non-negative integer, got ${g}`);
    if (g > 63) throw new Error(`Dixon-Coles: ${where}: ${k} = ${g} is not a soccer score`);
  }
  if (!Number.isFinite(m.day)) throw new Error(`Dixon-Coles: ${where}: day must be a finite number, got ${m.day}`);
}
