import { For, type JSX } from 'solid-js';

/**
 * Loading placeholders shaped like the content they stand for, so the page does not jump when data arrives.
 * They are hidden from screen readers (aria-hidden) and announce "Loading …" once through a polite live region
 * instead of reading out grey boxes. `data-testid="skeleton"` lets tests wait for them to go away.
 */

/** One grey bar; `class` sets its size (default a line of text). */
export function Skeleton(props: { class?: string }) {
  return <span aria-hidden="true" class={`block animate-pulse rounded bg-slate-200 ${props.class ?? 'h-4 w-full'}`} />;
}

/** The screen-reader announcement every placeholder carries. */
function Announce(props: { label: string }) {
  return <span class="sr-only" role="status">{props.label}</span>;
}

/** `rows` lines of a list (e.g. fixtures, bets), each a short and a long bar, inside whatever card holds the list. */
export function SkeletonRows(props: { rows?: number; label?: string }): JSX.Element {
  return (
    <div class="divide-y divide-slate-100" data-testid="skeleton">
      <Announce label={props.label ?? 'Loading…'} />
      <For each={Array.from({ length: props.rows ?? 5 })}>
        {(_, i) => (
          <div class="flex items-center gap-4 py-2.5" aria-hidden="true">
            <Skeleton class="h-3.5 w-24 shrink-0" />
            <Skeleton class={`h-3.5 ${i() % 2 ? 'w-1/2' : 'w-2/3'}`} />
          </div>
        )}
      </For>
    </div>
  );
}

/** A card-sized block (a chart or a panel still loading): a title bar and `lines` lines. */
export function SkeletonCard(props: { lines?: number; label?: string; class?: string }): JSX.Element {
  return (
    <div class={`space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 ${props.class ?? ''}`} data-testid="skeleton">
      <Announce label={props.label ?? 'Loading…'} />
      <Skeleton class="h-4 w-1/3" />
      <For each={Array.from({ length: props.lines ?? 3 })}>{() => <Skeleton class="h-3.5 w-full" />}</For>
    </div>
  );
}
