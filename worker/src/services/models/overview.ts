/**
 * The public picture of the model registry, for the `/models` page: every model kind and scope with its active
 * version and metrics, its recent versions (backtest scores against the market over time), a reliability diagram,
 * and the registry's change history (promotions, rollbacks, retirements) from the audit log.
 *
 * Public: what leaves here is what anyone may see — never a version's config, features or artifact, and never who
 * acted beyond a category (admin, system, operator). An admin's free-text reason for a change is shown to admins
 * only; the system's own reasons (the promotion gate's verdict) are public.
 */
import {
  latestDriftReports, modelAuditHistory, modelVersionNumbers, MODEL_KINDS, publicModelVersions, settledReliability,
  type DriftLevelName, type DriftReportRow, type ModelAuditRow, type ModelKind, type ModelStatus, type PublicModelVersionRow, type SettledReliabilityRow,
} from '@fairline/db';
import type { Ctx } from '../../context.ts';
import { CLI_ACTOR, SYSTEM_ACTOR } from '../audit/index.ts';
import type { Principal } from '../auth/principal.ts';
import { backtestReliability, type ReliabilitySeries } from './reliability.ts';

export type { ReliabilitySeries };

/** How many versions per kind and scope the overview lists (the active one is always listed too). */
export const OVERVIEW_VERSIONS_PER_SCOPE = 20;
/** How many registry changes the overview's history lists. */
export const OVERVIEW_HISTORY = 50;

/** One version as the page shows it. */
export interface PublicModelVersion {
  id: number;
  version: number;
  status: ModelStatus;
  simulated: boolean;
  createdAt: Date;
  activatedAt: Date | null;
  trainedFrom: Date | null;
  trainedTo: Date | null;
  /** The version's stored metrics (finite numbers only). */
  metrics: Record<string, number>;
}

/**
 * A version's scores on its backtest, beside the market's on the same matches: RPS and log loss (lower is better),
 * null where the version did not record one. `market` is the margin-free closing price, `preClose` the price before
 * the close.
 */
export interface BacktestPoint {
  versionId: number;
  version: number;
  at: Date;
  status: ModelStatus;
  model: { rps: number | null; logLoss: number | null };
  market: { rps: number | null; logLoss: number | null };
  preClose: { rps: number | null; logLoss: number | null };
  /** The promotion gate's score of the version on the most recent matches (lower is better), if it was gated. */
  gate: number | null;
}

/** A reliability diagram: one series of bins per outcome, where they came from, and how many forecasts. */
export interface Reliability {
  /** `backtest`: the active version's walk-forward predictions; `settled`: stored predictions of finished matches. */
  source: 'backtest' | 'settled';
  /** The version whose backtest it is (null for settled predictions, which span versions). */
  versionId: number | null;
  /** Forecasts counted (per outcome series: each match counts once per series). */
  n: number;
  series: ReliabilitySeries[];
}

/**
 * The active version's latest drift report (the daily monitoring cron): calibration of its settled predictions (Brier,
 * ECE) and the features whose live distribution moved most from training (PSI), each with its level, and the worst
 * level of all. Null until the cron has reported on the version.
 */
export interface DriftSummary {
  reportedOn: string;
  level: DriftLevelName;
  calibration: Array<{ metric: string; value: number; level: DriftLevelName; sampleSize: number; window: string }>;
  /** Highest PSI first, at most 5. */
  features: Array<{ feature: string; psi: number; level: DriftLevelName }>;
}

/** One registry slot (kind and scope). */
export interface ModelScopeOverview {
  scope: string;
  active: PublicModelVersion | null;
  /** Newest first. */
  versions: PublicModelVersion[];
  /** Oldest first, versions with at least one score. */
  backtest: BacktestPoint[];
  reliability: Reliability | null;
  drift: DriftSummary | null;
}

/** One model kind and its scopes (none yet: nothing filed). */
export interface ModelKindOverview {
  kind: ModelKind;
  scopes: ModelScopeOverview[];
}

/** What changed in the registry, as the public may see it. */
export interface RegistryChange {
  at: Date;
  /** The audit verb: activate, promote, rollback, retire … */
  action: string;
  kind: ModelKind | null;
  scope: string | null;
  /** The version the change is about (made active, rolled back to, retired). */
  versionId: number | null;
  version: number | null;
  /** The version it replaced, when the change replaced one. */
  fromVersionId: number | null;
  fromVersion: number | null;
  /** Who, as a category: an admin (signed in), the system (a cron, the gate), an operator (CLI or machine token). */
  actor: 'admin' | 'system' | 'operator';
  /** Why: the system's reasons for everyone, an admin's only for admins. */
  reason: string | null;
  /** The promotion gate's comparison, when the gate decided (refused a candidate, or promoted it). */
  gate: { metric: string; candidate: number | null; active: number | null; tolerance: number | null } | null;
}

/** The `/models` page's data. */
export interface ModelsOverview {
  kinds: ModelKindOverview[];
  history: RegistryChange[];
}

/** Metric keys a version may record each score under, first found wins (trainers name them differently). */
const SCORE_KEYS = {
  rps: ['rps', 'test.rps', 'backtest.rps'],
  // Game lines score the moneyline against the market's moneyline (lifecycle's retrain names).
  logLoss: ['logLoss', 'test.logLoss', 'backtest.logLoss', 'moneylineLogLoss'],
  marketRps: ['marketRps', 'market.rps', 'closingRps', 'test.market.rps'],
  marketLogLoss: ['marketLogLoss', 'market.logLoss', 'closingLogLoss', 'test.market.logLoss', 'marketMoneylineLogLoss'],
  preCloseRps: ['preCloseRps', 'preClose.rps'],
  preCloseLogLoss: ['preCloseLogLoss', 'preClose.logLoss'],
} as const;

const score = (m: Record<string, number>, key: keyof typeof SCORE_KEYS): number | null => {
  for (const k of SCORE_KEYS[key]) if (Number.isFinite(m[k])) return m[k]!;
  return null;
};

const finiteMetrics = (m: Record<string, unknown>): Record<string, number> =>
  Object.fromEntries(Object.entries(m ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));

const toPublic = (r: PublicModelVersionRow): PublicModelVersion => ({
  id: r.id, version: r.version, status: r.status, simulated: r.simulated, createdAt: r.createdAt, activatedAt: r.activatedAt,
  trainedFrom: r.trainedFrom, trainedTo: r.trainedTo, metrics: finiteMetrics(r.metrics),
});

function backtestPoint(v: PublicModelVersion): BacktestPoint | null {
  const m = v.metrics;
  const p: BacktestPoint = {
    versionId: v.id, version: v.version, at: v.createdAt, status: v.status,
    model: { rps: score(m, 'rps'), logLoss: score(m, 'logLoss') },
    market: { rps: score(m, 'marketRps'), logLoss: score(m, 'marketLogLoss') },
    preClose: { rps: score(m, 'preCloseRps'), logLoss: score(m, 'preCloseLogLoss') },
    gate: Number.isFinite(m.gateScore) ? m.gateScore! : null,
  };
  return p.model.rps === null && p.model.logLoss === null && p.gate === null ? null : p;
}

/** Settled-prediction bins of one kind+scope as outcome series (home, draw, away). */
function settledSeries(rows: SettledReliabilityRow[], bins: number): Reliability | null {
  if (rows.length === 0) return null;
  const bySelection = new Map<string, SettledReliabilityRow[]>();
  for (const r of rows) bySelection.set(r.selection, [...(bySelection.get(r.selection) ?? []), r]);
  const series: ReliabilitySeries[] = ['home', 'draw', 'away']
    .filter((s) => bySelection.has(s))
    .map((s) => ({
      label: s,
      bins: bySelection.get(s)!.map((r) => ({ lower: r.bin / bins, upper: (r.bin + 1) / bins, count: r.count, predicted: r.meanPredicted, observed: r.observedFrequency })),
    }));
  const n = Math.max(...series.map((s) => s.bins.reduce((a, b) => a + b.count, 0)));
  return { source: 'settled', versionId: null, n, series };
}

const LEVEL_ORDER: readonly DriftLevelName[] = ['ok', 'warn', 'alert'];
const worse = (a: DriftLevelName, b: DriftLevelName) => (LEVEL_ORDER.indexOf(b) > LEVEL_ORDER.indexOf(a) ? b : a);

/** The drift summary of one active version from its latest reports, or null without any. */
function driftOf(reports: readonly DriftReportRow[]): DriftSummary | null {
  if (reports.length === 0) return null;
  const calibration = reports
    .filter((r) => r.metric !== 'psi')
    .map((r) => ({ metric: r.metric, value: r.value, level: r.level, sampleSize: r.sampleSize, window: r.window }))
    .sort((a, b) => a.metric.localeCompare(b.metric));
  const features = reports
    .filter((r) => r.metric === 'psi')
    .sort((a, b) => b.value - a.value)
    .slice(0, 5)
    .map((r) => ({ feature: r.subject, psi: r.value, level: r.level }));
  return {
    reportedOn: reports.map((r) => r.reportedOn).sort().at(-1)!,
    level: reports.reduce<DriftLevelName>((l, r) => worse(l, r.level), 'ok'),
    calibration,
    features,
  };
}

const actorCategory = (actor: string): RegistryChange['actor'] => (actor === SYSTEM_ACTOR ? 'system' : actor.startsWith('user:') ? 'admin' : actor === CLI_ACTOR ? 'operator' : 'operator');

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const isKind = (v: unknown): v is ModelKind => typeof v === 'string' && (MODEL_KINDS as readonly string[]).includes(v);

/** Reads an audit entry's payload (written by the registry's verbs) into a public change. */
function change(e: ModelAuditRow, numbers: Map<number, number>, viewerIsAdmin: boolean): RegistryChange {
  const p = e.payload;
  const subjectId = idOf(Number(/^model_version:(\d+)$/.exec(e.subject)?.[1]));
  // rollback names the version it returned to; a refused candidate is the gate's subject.
  const versionId = idOf(p.to) ?? idOf(p.candidate) ?? subjectId;
  // activate names the version it retired; rollback and promote the one they replaced; the gate the active one.
  const fromVersionId = idOf(p.from) ?? idOf(p.retired) ?? idOf(p.active);
  const actor = actorCategory(e.actor);
  const reason = typeof p.reason === 'string' && p.reason.length > 0 && (actor === 'system' || viewerIsAdmin) ? p.reason : null;
  // A refusal carries the scores beside the versions' ids (candidateScore, activeScore); a promotion's `gate` the
  // report's { metric, candidate, active, tolerance } (scores).
  const gate = e.kind === 'model.gate_refused' && typeof p.metric === 'string'
    ? { metric: p.metric, candidate: num(p.candidateScore), active: num(p.activeScore), tolerance: num(p.tolerance) }
    : isRecord(p.gate) && typeof p.gate.metric === 'string'
      ? { metric: p.gate.metric, candidate: num(p.gate.candidate), active: num(p.gate.active), tolerance: num(p.gate.tolerance) }
      : null;
  return {
    at: e.createdAt,
    action: e.kind.replace(/^model\./, ''),
    kind: isKind(p.kind) ? p.kind : null,
    scope: typeof p.scope === 'string' ? p.scope : null,
    versionId, version: versionId === null ? null : numbers.get(versionId) ?? null,
    fromVersionId, fromVersion: fromVersionId === null ? null : numbers.get(fromVersionId) ?? null,
    actor, reason, gate,
  };
}

/** Whether a principal may see admins' reasons (an admin's session or the machine token). */
export const seesAdminFields = (p: Principal | undefined): boolean => p?.kind === 'machine' || (p?.kind === 'session' && p.user.role === 'admin');

/**
 * The registry as the `/models` page shows it: every kind of MODEL_KINDS (with no scopes when nothing is filed), each
 * scope's active version, newest versions, backtest scores over versions and reliability — the active version's
 * walk-forward bins where it recorded them, else the settled predictions' — its latest drift report, and the newest
 * registry changes.
 */
export async function modelsOverview({ ctx }: { ctx: Pick<Ctx, 'read'> & { principal?: Principal } }): Promise<ModelsOverview> {
  const bins = 10;
  const [rows, audit, settled, drift] = await Promise.all([
    publicModelVersions(ctx.read, OVERVIEW_VERSIONS_PER_SCOPE),
    modelAuditHistory(ctx.read, OVERVIEW_HISTORY),
    settledReliability(ctx.read, bins),
    latestDriftReports(ctx.read),
  ]);
  const actives = rows.filter((r) => r.status === 'active');
  const stored = await backtestReliability(ctx.read, actives.map((r) => r.id));

  const byScope = new Map<string, PublicModelVersionRow[]>();
  for (const r of rows) byScope.set(`${r.kind}|${r.scope}`, [...(byScope.get(`${r.kind}|${r.scope}`) ?? []), r]);
  const settledBy = new Map<string, SettledReliabilityRow[]>();
  for (const r of settled) settledBy.set(`${r.kind}|${r.scope}`, [...(settledBy.get(`${r.kind}|${r.scope}`) ?? []), r]);

  const kinds: ModelKindOverview[] = MODEL_KINDS.map((kind) => ({
    kind,
    scopes: [...byScope.entries()]
      .filter(([key]) => key.startsWith(`${kind}|`))
      .map(([key, list]) => {
        const versions = list.map(toPublic);
        const active = versions.find((v) => v.status === 'active') ?? null;
        const own = active ? stored.get(active.id) : undefined;
        const reliability: Reliability | null = own
          ? { source: 'backtest', versionId: active!.id, n: Math.max(...own.map((s) => s.bins.reduce((a, b) => a + b.count, 0))), series: own }
          : settledSeries(settledBy.get(key) ?? [], bins);
        return {
          scope: key.slice(kind.length + 1),
          active,
          versions,
          backtest: versions.map(backtestPoint).filter((p): p is BacktestPoint => p !== null).reverse(),
          reliability,
          drift: active ? driftOf(drift.filter((d) => d.modelVersionId === active.id)) : null,
        };
      }),
  }));

  // Name the versions the history mentions (they may be older than the listed ones).
  const mentioned = new Set<number>();
  for (const e of audit) {
    for (const v of [e.payload.to, e.payload.from, e.payload.retired, e.payload.candidate, e.payload.active, Number(/^model_version:(\d+)$/.exec(e.subject)?.[1])]) {
      const id = idOf(v);
      if (id !== null) mentioned.add(id);
    }
  }
  const numbers = new Map((await modelVersionNumbers(ctx.read, [...mentioned])).map((v) => [v.id, v.version]));
  const viewerIsAdmin = seesAdminFields(ctx.principal);
  return { kinds, history: audit.map((e) => change(e, numbers, viewerIsAdmin)) };
}
