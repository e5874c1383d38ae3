import type { JSX, ParentProps } from 'solid-js';

/**
 * A box that scrolls sideways on a narrow screen (a wide table at 390 px) and that a keyboard can scroll: it takes
 * focus (tabindex 0, with a visible ring) and is a named region, so a screen reader says what the focus landed on.
 * Without this, a table of plain text is unreachable past its right edge for anyone not using a pointer
 * (WCAG 2.1.1; axe's scrollable-region-focusable). Use it for every `overflow-x-auto` wrapper.
 */
export function ScrollBox(props: ParentProps<{ label: string; class?: string; testid?: string; style?: JSX.CSSProperties }>) {
  return (
    <div
      role="region"
      aria-label={props.label}
      tabIndex={0}
      class={`overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand ${props.class ?? ''}`}
      style={props.style}
      data-testid={props.testid}
    >
      {props.children}
    </div>
  );
}
