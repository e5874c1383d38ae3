/**
 * `fairline models list [--kind k] [--scope s] | activate --id N | retire --id N | promote --id N --reason r |
 *  rollback --kind k --scope s --reason r [--json]`
 *
 * The model registry from the command line, over the same verbs as `admin.models.*`: list versions, make a
 * filed candidate the served version (retiring the one active before), retire one, promote one past the gate, or roll
 * a kind+scope back to the version active before (promote and rollback need a reason, kept in the audit log). Training (`fairline train props|game-lines`) files candidates; this makes them live.
 * Database: DATABASE_URL (+ NEON_LOCAL_PROXY), else the local embedded default. Transport only.
 */
import { MODEL_KINDS } from '@fairline/db';
import { promote } from '../../services/models/gate.ts';
import { activate, listVersions, retire, rollback, type ModelVersionMeta } from '../../services/models/registry.ts';
import { commandGroup, defineCommand, numberOption, UsageError } from '../command.ts';
import { cliContext, openCliDatabase } from '../database.ts';

const KINDS = MODEL_KINDS.join('|');

/** Runs `f` against the CLI's database, closing it afterwards. */
async function withRegistry<T>(f: (ctx: ReturnType<typeof cliContext>) => Promise<T>): Promise<T> {
  const conn = await openCliDatabase();
  try {
    return await f(cliContext(conn.db));
  } finally {
    await conn.close();
  }
}

const line = (v: ModelVersionMeta) =>
  `#${v.id}  ${v.kind.padEnd(18)} ${v.scope.padEnd(22)} v${String(v.version).padEnd(4)} ${v.status.padEnd(9)} ${v.simulated ? 'simulated ' : ''}created ${v.createdAt.toISOString().slice(0, 16)}Z`;

const print = (json: boolean, v: ModelVersionMeta | ModelVersionMeta[]) => {
  if (json) console.log(JSON.stringify(v));
  else for (const x of Array.isArray(v) ? v : [v]) console.log(line(x));
};

const kindOf = (k: string | undefined) => {
  if (k !== undefined && !(MODEL_KINDS as readonly string[]).includes(k)) throw new UsageError(`--kind is one of ${KINDS}`);
  return k as (typeof MODEL_KINDS)[number] | undefined;
};

const idOf = (v: string | undefined) => {
  const id = numberOption(v, '--id', NaN);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError('--id takes a model version id (a positive integer)');
  return id;
};

/** A subcommand taking `--id` and calling one registry verb with it. */
function byId(name: string, verb: typeof activate) {
  return defineCommand({
    name,
    options: { id: { type: 'string', arg: '<version id>', required: true } },
    async run({ values }) {
      const id = idOf(values.id);
      print(values.json, await withRegistry((ctx) => verb({ ctx, input: { id } })));
      return 0;
    },
  });
}

/** `fairline models …`. */
export const command = commandGroup('models', [
  defineCommand({
    name: 'models list',
    options: { kind: { type: 'string', arg: `<${KINDS}>` }, scope: { type: 'string', arg: '<scope>' } },
    async run({ values }) {
      const kind = kindOf(values.kind);
      print(values.json, await withRegistry((ctx) => listVersions({ ctx, input: { kind, scope: values.scope } })));
      return 0;
    },
  }),
  byId('models activate', activate),
  byId('models retire', retire),
  defineCommand({
    name: 'models promote',
    options: { id: { type: 'string', arg: '<version id>', required: true }, reason: { type: 'string', arg: '<why>', required: true } },
    async run({ values }) {
      const id = idOf(values.id);
      print(values.json, await withRegistry((ctx) => promote({ ctx, input: { id, reason: values.reason } })));
      return 0;
    },
  }),
  defineCommand({
    name: 'models rollback',
    options: {
      kind: { type: 'string', arg: `<${KINDS}>`, required: true }, scope: { type: 'string', arg: '<scope>', required: true }, reason: { type: 'string', arg: '<why>', required: true },
    },
    async run({ values }) {
      const kind = kindOf(values.kind)!;
      print(values.json, await withRegistry((ctx) => rollback({ ctx, input: { kind, scope: values.scope, reason: values.reason } })));
      return 0;
    },
  }),
]);

/** Runs the command on the words after `fairline models`; resolves to the exit code. */
export const run = command.run;
