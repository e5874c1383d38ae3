/**
 * Class names that make one table markup a table from `md` up and a list of cards below it (the value finder, the
 * props board): on a phone the header row is hidden, each row is a card and each cell a line that shows its
 * column's name from its `data-label` attribute. One markup for both sizes, so tests and screen readers see the
 * same rows whatever the width.
 */

/** The table: a block on a phone. */
export const cardTable = 'block w-full md:table';
/** The header: only from `md` up (on a phone each cell names its column). */
export const cardThead = 'hidden md:table-header-group';
/** The body: a stack of cards on a phone. */
export const cardTbody = 'block space-y-2 md:table-row-group md:space-y-0';
/** A row: a card on a phone. */
export const cardRow = 'block rounded-md p-3 ring-1 ring-slate-200 md:table-row md:rounded-none md:p-0 md:ring-0';
/** A cell: a "label — value" line on a phone, a cell from `md` up. */
export const cardCell =
  'flex items-start justify-between gap-3 py-0.5 before:shrink-0 before:text-xs before:text-slate-500 before:content-[attr(data-label)] ' +
  'md:table-cell md:px-2 md:py-1.5 md:align-top md:before:content-none';
