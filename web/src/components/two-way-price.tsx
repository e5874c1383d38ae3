import { Show } from 'solid-js';
import { odds, pct, PUSH } from '../lib/format.ts';

export interface PricedSide {
  label: string;
  probability: number;
  fairPrice: number;
}

/**
 * "over 52.1% (1.92) · under 44.0% (2.27) · push 3.9%": both sides of a line with fair odds, and the push if any
 * (`pushLabel` names it otherwise, e.g. a moneyline's tie).
 */
export function TwoWayPrice(props: { sides: readonly [PricedSide, PricedSide]; push: number; pushLabel?: string; class?: string; testId?: string }) {
  return (
    <span class={props.class} data-testid={props.testId}>
      {props.sides[0].label} {pct(props.sides[0].probability)} <span class="font-mono">({odds(props.sides[0].fairPrice)})</span> · {props.sides[1].label}{' '}
      {pct(props.sides[1].probability)} <span class="font-mono">({odds(props.sides[1].fairPrice)})</span>
      <Show when={props.push > 0}> · {props.pushLabel ?? PUSH} {pct(props.push)}</Show>
    </span>
  );
}
