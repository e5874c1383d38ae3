/**
 * The running, results-only state behind the ensemble's non-Dixon–Coles features: Elo ratings, recent form, the
 * day of each team's last match (rest days) and the start of its current spell in the league (promoted flag).
 *
 * Leakage guard: results are added in day order, and `snapshot(team, day)` refuses a day on or before the last
 * result added — so a feature of match m can only be built from matches strictly before m's day (never m itself,
 * never a match played the same day, never a later one).
 */
import type { BacktestMatch } from '../backtest.ts';
import { ELO_DEFAULTS, eloUpdate, type EloParams } from './elo.ts';

/** A team's results-only view on a day, before that day's matches. */
export interface TeamSnapshot {
  elo: number;
  /** Mean points (3/1/0) over its last `formMatches` matches, NaN with none. */
  formPoints: number;
  /** Mean goal difference over the same matches. */
  formGoals: number;
  /** Mean shots-on-target difference over those of them with shot data, NaN with none. */
  formShots: number;
  /** Days since its last match, capped at `restCap`; NaN when it has not played. */
  restDays: number;
  /** 1 when its current spell in the league began within the last 365 days after the league history had begun. */
  promoted: number;
  /** Matches it played in the last 365 days (how much the ratings know about it). */
  recentMatches: number;
}

interface TeamRecord {
  elo: number;
  /** Last results, newest last: [day, points, goal difference, shot difference or NaN]. */
  recent: [number, number, number, number][];
  lastDay: number;
  spellStart: number;
  days: number[];
}

/** Options of the results state. */
export interface StateOptions {
  elo?: EloParams;
  /** Matches in the form window. Default 6. */
  formMatches?: number;
  /** Rest days are capped here (the summer break is not rest). Default 30. */
  restCap?: number;
}

/** A gap longer than this between two matches of a team means it left the league and came back. */
const SPELL_GAP_DAYS = 300;

/**
 * A team is back from a spell outside the league when it has not played for a season AND the league kept playing
 * meanwhile — a gap in the data (every team absent, e.g. missing season files) is not a promotion.
 */
function returned(teamLast: number, day: number, leagueLast: number): boolean {
  return day - teamLast > SPELL_GAP_DAYS && leagueLast - teamLast > 200;
}

/** Results-only team state, fed in day order; see the module comment for the leakage guard. */
export class ResultsState {
  private readonly teams = new Map<string, TeamRecord>();
  private readonly elo: EloParams;
  private readonly formMatches: number;
  private readonly restCap: number;
  private firstDay = Infinity;
  /** Day of the newest result added. */
  lastDay = -Infinity;

  constructor(options: StateOptions = {}) {
    this.elo = options.elo ?? ELO_DEFAULTS;
    this.formMatches = options.formMatches ?? 6;
    this.restCap = options.restCap ?? 30;
  }

  /** Learn from a finished match; matches must come in non-decreasing day order. */
  add(m: BacktestMatch): void {
    if (m.day < this.lastDay) throw new Error(`results state: match on day ${m.day} added after day ${this.lastDay} (feed in day order)`);
    const before = this.lastDay;
    this.lastDay = m.day;
    this.firstDay = Math.min(this.firstDay, m.day);
    const h = this.record(m.home, m.day, before);
    const a = this.record(m.away, m.day, before);
    [h.elo, a.elo] = eloUpdate(h.elo, a.elo, m.homeGoals, m.awayGoals, this.elo);
    const pts = m.homeGoals > m.awayGoals ? [3, 0] : m.homeGoals === m.awayGoals ? [1, 1] : [0, 3];
    const sd = m.homeShotsOnTarget != null && m.awayShotsOnTarget != null ? m.homeShotsOnTarget - m.awayShotsOnTarget : NaN;
    this.push(h, [m.day, pts[0]!, m.homeGoals - m.awayGoals, sd]);
    this.push(a, [m.day, pts[1]!, m.awayGoals - m.homeGoals, -sd]);
  }

  /** The team as known before `day` (strictly after every result added). */
  snapshot(team: string, day: number): TeamSnapshot {
    if (!(day > this.lastDay)) throw new Error(`results state: features for day ${day} asked after a result of day ${this.lastDay} was added (leakage)`);
    const t = this.teams.get(team);
    const leagueAge = day - this.firstDay;
    if (!t) {
      // Unseen: a newcomer when the league already has a season of history, else simply unknown.
      const newcomer = leagueAge > SPELL_GAP_DAYS;
      return { elo: newcomer ? this.elo.newcomer : 1500, formPoints: NaN, formGoals: NaN, formShots: NaN, restDays: NaN, promoted: newcomer ? 1 : 0, recentMatches: 0 };
    }
    const back = returned(t.lastDay, day, this.lastDay); // after a season away: a new spell starts today
    const spellStart = back ? day : t.spellStart;
    const recent = back ? [] : t.recent;
    const mean = (i: 1 | 2 | 3) => {
      const v = recent.map((r) => r[i]).filter(Number.isFinite);
      return v.length ? v.reduce((s, x) => s + x, 0) / v.length : NaN;
    };
    let recentMatches = 0;
    for (let i = t.days.length - 1; i >= 0 && day - t.days[i]! <= 365; i--) recentMatches++;
    return {
      elo: t.elo,
      formPoints: mean(1),
      formGoals: mean(2),
      formShots: mean(3),
      restDays: back ? NaN : Math.min(day - t.lastDay, this.restCap),
      promoted: day - spellStart <= 365 && spellStart - this.firstDay > SPELL_GAP_DAYS ? 1 : 0,
      recentMatches,
    };
  }

  private record(team: string, day: number, before: number): TeamRecord {
    let t = this.teams.get(team);
    if (!t) {
      const newcomer = day - this.firstDay > SPELL_GAP_DAYS;
      t = { elo: newcomer ? this.elo.newcomer : 1500, recent: [], lastDay: day, spellStart: day, days: [] };
      this.teams.set(team, t);
    } else if (returned(t.lastDay, day, before)) {
      t.spellStart = day;
      t.recent = [];
    }
    t.lastDay = day;
    t.days.push(day);
    if (t.days.length > 80) t.days.splice(0, t.days.length - 80);
    return t;
  }

  private push(t: TeamRecord, r: [number, number, number, number]): void {
    t.recent.push(r);
    if (t.recent.length > this.formMatches) t.recent.shift();
  }
}
