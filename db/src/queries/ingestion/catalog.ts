/** Competitions, seasons and bookmakers: small reference rows, upserted by their natural keys. */
import { sql } from 'drizzle-orm';
import type { Sport } from '../../schema/enums.ts';
import { rows, unnest, type Tx } from '../sql.ts';

/** The competition's id by its code, inserting it when new (an existing row is left as it is). */
export async function ensureCompetition(
  tx: Tx,
  c: { sport: Sport; code: string; name: string; country: string | null },
): Promise<number> {
  const [r] = await rows<{ id: number }>(
    tx,
    sql`INSERT INTO competitions (sport, code, name, country) VALUES (${c.sport}::sport, ${c.code}, ${c.name}, ${c.country})
        ON CONFLICT (code) DO NOTHING RETURNING id`,
  );
  if (r) return Number(r.id);
  // A separate statement: when a concurrent transaction inserted the row first, only a new snapshot sees it.
  const [e] = await rows<{ id: number }>(tx, sql`SELECT id FROM competitions WHERE code = ${c.code}`);
  return Number(e!.id);
}

/**
 * Season by (competition, label). Start/end dates widen to cover every date seen (never shrink), and are only
 * written when they change, so re-ingesting leaves the row untouched.
 */
export async function ensureSeason(
  tx: Tx,
  competitionId: number,
  label: string,
  firstDate: string | null,
  lastDate: string | null,
): Promise<number> {
  const [r] = await rows<{ id: number }>(
    tx,
    sql`INSERT INTO seasons AS s (competition_id, label, starts_on, ends_on)
        VALUES (${competitionId}, ${label}, ${firstDate}::date, ${lastDate}::date)
        ON CONFLICT (competition_id, label) DO UPDATE SET
          starts_on = least(s.starts_on, excluded.starts_on), ends_on = greatest(s.ends_on, excluded.ends_on)
        WHERE (s.starts_on, s.ends_on) IS DISTINCT FROM
              (least(s.starts_on, excluded.starts_on), greatest(s.ends_on, excluded.ends_on))
        RETURNING id`,
  );
  if (r) return Number(r.id);
  const [e] = await rows<{ id: number }>(
    tx,
    sql`SELECT id FROM seasons WHERE competition_id = ${competitionId} AND label = ${label}`,
  );
  return Number(e!.id);
}

/** key → id, creating bookmakers that do not exist yet. */
export async function ensureBookmakers(tx: Tx, books: readonly { key: string; name: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (books.length === 0) return out;
  // Sorted so that concurrent transactions lock new rows in the same order (no deadlock cycles).
  const sorted = [...new Map(books.map((b) => [b.key, b])).values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const keys = sorted.map((b) => b.key);
  await tx.execute(sql`
    INSERT INTO bookmakers (key, name) SELECT key, name FROM ${unnest('v', [
      ['key', 'text', keys],
      ['name', 'text', sorted.map((b) => b.name)],
    ])} ORDER BY key ON CONFLICT (key) DO NOTHING`);
  const found = await rows<{ key: string; id: number }>(
    tx,
    sql`SELECT key, id FROM bookmakers WHERE key = ANY(${sql.param(keys)}::text[])`,
  );
  for (const r of found) out.set(r.key, Number(r.id));
  return out;
}
