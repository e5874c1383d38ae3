import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { api } from '../lib/trpc.ts';
import { formatKickoff, score } from '../lib/format.ts';

type FixtureRow = Awaited<ReturnType<typeof api.fixtures.list.query>>[number];

/** A status as a small badge: live stands out, finished is quiet. The word stays the API's (tests and people read it). */
export function StatusBadge(props: { status: string; testId?: string }) {
  const tone = () =>
    props.status === 'live' ? 'bg-rose-100 text-rose-800' : props.status === 'final' ? 'bg-slate-100 text-slate-700'
      : props.status === 'scheduled' ? 'bg-sky-50 text-sky-800' : 'bg-amber-100 text-amber-800';
  return (
    <span class={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium capitalize ${tone()}`} data-testid={props.testId}>
      <Show when={props.status === 'live'}><span aria-hidden="true" class="h-1.5 w-1.5 animate-pulse rounded-full bg-rose-600" /></Show>
      {props.status}
    </span>
  );
}

const SimulatedTag = () => <span class="ml-1 whitespace-nowrap rounded bg-amber-100 px-1 text-xs text-amber-800">simulated</span>;

/**
 * Fixture rows (kick-off, competition, home, score, away, status): a table from `sm` up, and on a phone each row is a
 * card — the same cells placed by a grid (kick-off and status on top, the two teams with the score beside them) —
 * so nothing scrolls sideways and score and status are never off screen.
 */
export function FixtureRows(props: { rows: FixtureRow[] }) {
  const th = 'px-3 py-2 font-medium';
  const td = 'sm:table-cell sm:px-3 sm:py-2';
  return (
    <table class="block w-full text-sm sm:table" data-testid="fixtures-table">
      <thead class="hidden bg-slate-50 text-left text-slate-600 sm:table-header-group">
        <tr><th class={th}>Kickoff</th><th class={th}>Competition</th><th class={th}>Home</th><th class={`${th} text-center`}>Score</th><th class={th}>Away</th><th class={th}>Status</th></tr>
      </thead>
      <tbody class="block divide-y divide-slate-100 sm:table-row-group">
        <For each={props.rows}>
          {(f) => (
            <tr
              data-testid="fixture-row"
              class="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-0.5 px-4 py-3 [grid-template-areas:'kick_status'_'comp_comp'_'home_score'_'away_score'] hover:bg-slate-50 sm:table-row sm:p-0"
            >
              <td class={`${td} whitespace-nowrap text-xs text-slate-500 [grid-area:kick] sm:text-sm`}>{formatKickoff(f.kickoffAt)}</td>
              <td class={`${td} min-w-0 truncate text-xs text-slate-500 [grid-area:comp] sm:whitespace-normal sm:text-sm sm:text-slate-700`}>
                {f.competitionName}<Show when={f.simulated}><SimulatedTag /></Show>
              </td>
              <td class={`${td} min-w-0 [grid-area:home]`}>
                <A href={`/fixtures/${f.id}`} class="font-medium text-slate-900 hover:underline sm:font-normal">{f.homeTeam}</A>
              </td>
              <td class={`${td} self-center text-right font-mono text-base [grid-area:score] sm:text-center sm:text-sm`} data-testid="fixture-row-score">
                {score(f.homeScore, f.awayScore)}
              </td>
              <td class={`${td} min-w-0 text-slate-700 [grid-area:away]`}><span class="text-slate-400 sm:hidden">v </span>{f.awayTeam}</td>
              <td class={`${td} justify-self-end [grid-area:status] sm:justify-self-auto`}><StatusBadge status={f.status} testId="fixture-row-status" /></td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
