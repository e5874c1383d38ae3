import { A } from '@solidjs/router';
import { Show, type JSX, type ParentProps } from 'solid-js';

/** A dashboard panel: a titled card with an optional "see all" link, the same frame for every panel. */
export function DashboardCard(props: ParentProps<{ title: string; href?: string; linkText?: string; testId: string; class?: string }>): JSX.Element {
  const headingId = `${props.testId}-title`;
  return (
    <section class={`min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 ${props.class ?? ''}`} aria-labelledby={headingId} data-testid={props.testId}>
      <div class="mb-2 flex items-baseline justify-between gap-2">
        <h2 id={headingId} class="font-medium">{props.title}</h2>
        <Show when={props.href}>
          <A href={props.href!} class="shrink-0 text-sm text-brand hover:underline">{props.linkText ?? 'See all'} →</A>
        </Show>
      </div>
      {props.children}
    </section>
  );
}
