import { Show, type JSX } from 'solid-js';

/**
 * What a panel shows when there is nothing to show: a short title, why (or what to try), and optionally one action
 * (a link or a button). One look for every empty list, so "nothing here" never reads like a broken page.
 */
export function EmptyState(props: { title: string; children?: JSX.Element; action?: JSX.Element; testId?: string }) {
  return (
    <div class="px-4 py-8 text-center" data-testid={props.testId ?? 'empty-state'}>
      <p class="font-medium text-slate-700">{props.title}</p>
      <Show when={props.children}><p class="mt-1 text-sm text-slate-500">{props.children}</p></Show>
      <Show when={props.action}><div class="mt-3 text-sm">{props.action}</div></Show>
    </div>
  );
}
