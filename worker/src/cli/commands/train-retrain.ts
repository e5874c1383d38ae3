/**
 * `fairline train retrain [--kind <kind>...] [--scope <scope>...] [--json]`
 *
 * What the daily cron does, from the command line: retrain every model kind (or those named) from the database, file
 * each candidate with its walk-forward score on the latest matches and pass it through the promotion gate. Prints
 * one line per slot with the outcome, the gate's figures and the CPU the slot used (process.cpuUsage) — the figures
 * that decide whether a cron invocation suffices. Database: DATABASE_URL (+ NEON_LOCAL_PROXY), else the local
 * embedded default. Transport only.
 */
import { MODEL_KINDS, type ModelKind } from '@fairline/db';
import { retrainModels, type RetrainRun } from '../../services/models/retrain/retrain.ts';
import { defineCommand, UsageError } from '../command.ts';
import { cliContext, openCliDatabase } from '../database.ts';

const f = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(5));
const line = (r: RetrainRun) =>
  `${r.kind.padEnd(18)} ${r.scope.padEnd(22)} ${r.outcome.padEnd(10)} ${r.version === null ? '' : `v${r.version} (#${r.versionId}) `}` +
  `${r.gate ? `${r.gate.metric} ${f(r.gate.candidate)} vs active ${f(r.gate.active)} (tolerance ${r.gate.tolerance}) ` : ''}cpu ${r.cpuMs ?? '—'} ms — ${r.detail}`;

/** `fairline train retrain`. */
export const command = defineCommand({
  name: 'train retrain',
  options: { kind: { type: 'string', arg: `<${MODEL_KINDS.join('|')}>`, multiple: true }, scope: { type: 'string', arg: '<scope>', multiple: true } },
  async run({ values }) {
    const bad = values.kind.filter((k) => !(MODEL_KINDS as readonly string[]).includes(k));
    if (bad.length) throw new UsageError(`--kind is one of ${MODEL_KINDS.join('|')}`);
    const conn = await openCliDatabase();
    try {
      const report = await retrainModels({
        ctx: cliContext(conn.db),
        input: { kinds: values.kind.length ? (values.kind as ModelKind[]) : undefined, scopes: values.scope.length ? values.scope : undefined },
      });
      if (values.json) console.log(JSON.stringify(report));
      else for (const r of report.runs) console.log(line(r));
    } finally {
      await conn.close();
    }
    return 0;
  },
});

/** Runs the command on the words after `fairline train retrain`; resolves to the exit code. */
export const run = command.run;
