/**
 * One definition per CLI command: its name, positional arguments and options. From it come the argument parsing
 * (node:util parseArgs, strict), multi-value flags (`--train a.csv b.csv`), `--help` and `--json` (added to
 * every command), the usage text, and the exit codes: 0 done, 1 the command failed (its error printed as
 * `fairline <name>: message`), 2 wrong arguments (the message and the usage on stderr).
 */
import { parseArgs } from 'node:util';

/** Wrong arguments: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A string option; `arg` is how its value is shown in the usage text (`<csv...>`, `0.0019`). */
export interface StringOption {
  type: 'string';
  arg: string;
  /** Several values: repeat the flag or list them after it (`--test a.csv b.csv`). */
  multiple?: boolean;
  /** Without it the command prints its usage and exits 2. */
  required?: boolean;
  default?: string;
}

/** A flag (false unless given). */
export interface BooleanOption {
  type: 'boolean';
}

/** One option of a command. */
export type OptionSpec = StringOption | BooleanOption;

/** The parsed values of a command's options (multi-value options as arrays, empty when not given). */
export type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K] extends BooleanOption
    ? boolean
    : O[K] extends { multiple: true }
      ? string[]
      : O[K] extends { required: true } | { default: string }
        ? string
        : string | undefined;
} & { json: boolean };

/** A command as its file defines it. */
export interface CommandDefinition<O extends Record<string, OptionSpec>> {
  /** The words after `fairline` (e.g. `backtest soccer`). */
  name: string;
  /** Usage text of the positional arguments; without it the command takes none. */
  positionals?: { usage: string; required?: number };
  options: O;
  /** Does the work; returns the exit code (0 when nothing is returned). Throw `UsageError` for wrong arguments. */
  run(args: { values: OptionValues<O>; positionals: string[] }): Promise<number | void> | number | void;
}

/** A runnable command: `run(argv)` with the words after its name, resolving to the exit code (it never throws). */
export interface Command {
  name: string;
  /** `fairline <name> <arguments>`, generated from the definition. */
  synopsis: string;
  run(argv: string[]): Promise<number>;
}

/** Let `--train a.csv b.csv` mean `--train a.csv --train b.csv` (node:util parseArgs wants the flag repeated). */
export function expandMultiValue(argv: readonly string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  let current: string | null = null;
  for (const a of argv) {
    if (a.startsWith('--')) {
      current = flags.includes(a) ? a : null;
      if (!current) out.push(a);
      continue;
    }
    if (current) out.push(current, a);
    else out.push(a);
  }
  return out;
}

/** `fairline <name> <positionals> --required <arg> [--optional <arg>] [--flag] [--json]`. */
function synopsisOf(def: CommandDefinition<Record<string, OptionSpec>>): string {
  const parts = [`fairline ${def.name}`];
  if (def.positionals) parts.push(def.positionals.usage);
  for (const [name, o] of Object.entries(def.options)) {
    const flag = o.type === 'boolean' ? `--${name}` : `--${name} ${o.arg}`;
    parts.push(o.type === 'string' && o.required ? flag : `[${flag}]`);
  }
  parts.push('[--json]');
  return parts.join(' ');
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Builds a command from its definition (see the file comment for what the definition gives). */
export function defineCommand<const O extends Record<string, OptionSpec>>(def: CommandDefinition<O>): Command {
  const synopsis = synopsisOf(def as unknown as CommandDefinition<Record<string, OptionSpec>>);
  const usage = `usage: ${synopsis}`;
  const label = `fairline ${def.name}`;
  const specs = Object.entries(def.options as Record<string, OptionSpec>);
  const parseOptions = Object.fromEntries([
    ...specs.map(([name, o]) => [
      name,
      o.type === 'boolean'
        ? { type: 'boolean' as const, default: false }
        : { type: 'string' as const, multiple: o.multiple ?? false, ...(o.default !== undefined ? { default: o.default } : {}) },
    ]),
    ['json', { type: 'boolean' as const, default: false }],
    ['help', { type: 'boolean' as const, default: false }],
  ]);
  // Commands with positionals take extra words as positionals, so only the others expand multi-value flags.
  const multi = def.positionals ? [] : specs.filter(([, o]) => o.type === 'string' && o.multiple).map(([n]) => `--${n}`);
  return {
    name: def.name,
    synopsis,
    async run(argv) {
      let parsed: { values: Record<string, string | string[] | boolean | undefined>; positionals: string[] };
      try {
        const r = parseArgs({ args: expandMultiValue(argv, multi), options: parseOptions, allowPositionals: !!def.positionals, strict: true });
        parsed = { values: r.values as Record<string, string | string[] | boolean | undefined>, positionals: r.positionals };
      } catch (err) {
        console.error(`${label}: ${message(err)}\n${usage}`);
        return 2;
      }
      if (parsed.values.help) {
        console.log(usage);
        return 0;
      }
      const values = { ...parsed.values };
      for (const [name, o] of specs) if (o.type === 'string' && o.multiple) values[name] ??= [];
      const missing = specs.some(([name, o]) => {
        if (o.type !== 'string' || !o.required) return false;
        const v = values[name];
        return v === undefined || (Array.isArray(v) && v.length === 0);
      });
      if (missing || parsed.positionals.length < (def.positionals?.required ?? 0)) {
        console.error(usage);
        return 2;
      }
      try {
        return (await def.run({ values: values as OptionValues<O>, positionals: parsed.positionals })) ?? 0;
      } catch (err) {
        if (err instanceof UsageError) {
          console.error(`${label}: ${err.message}\n${usage}`);
          return 2;
        }
        console.error(`${label}: ${message(err)}`);
        return 1;
      }
    },
  };
}

/**
 * Commands under one word (`fairline gbdt train|predict`): dispatches on the first argument; anything else
 * prints every subcommand's usage and exits 2.
 */
export function commandGroup(name: string, commands: readonly Command[]): Command & { commands: readonly Command[] } {
  const usage = commands.map((c, i) => `${i === 0 ? 'usage: ' : '       '}${c.synopsis}`).join('\n');
  return {
    name,
    synopsis: commands.map((c) => c.synopsis).join('\n'),
    commands,
    async run([sub, ...rest]) {
      const command = commands.find((c) => c.name === `${name} ${sub}`);
      if (command) return command.run(rest);
      console.error(usage);
      return 2;
    },
  };
}

/** A number option's value (`fallback` when not given); a value that is not a number is a usage error. */
export function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${name} must be a number, got '${value}'`);
  return x;
}
