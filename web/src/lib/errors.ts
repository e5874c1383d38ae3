import { TRPCClientError } from '@trpc/client';

type ErrorData = { code?: string; issues?: Array<{ path: string; message: string }> } | undefined;

/**
 * The validator's own words ("Too big: expected int to be <=9007199254740991", "expected number, received NaN",
 * "Invalid input: expected date, received Date") are for programmers; a message the API wrote for people ("a line is a
 * whole or half number", "a password is 12 to 256 characters long") is kept as it is.
 */
const RAW = /^(too (big|small)\b|invalid input\b|invalid (type|string|date|enum|union|option|literal|format)\b|expected\b|unrecognized key)/i;

/** What a field of an API input means to the person who typed it or followed the link. */
const FIELD: Record<string, string> = {
  id: 'That is not a valid id',
  fixtureId: 'That is not a valid fixture',
  playerId: 'That is not a valid player',
  line: 'The line must be a number such as 5.5',
  from: 'The start date is not a valid date',
  to: 'The end date is not a valid date',
  minEdge: 'The minimum edge is not valid',
  days: 'The number of days is not valid',
  limit: 'The page size is not valid',
  offset: 'The page is not valid',
};

/** One validation issue as a sentence: the API's own words, else what its field means. */
function issueText(issue: { path: string; message: string }): string {
  if (!RAW.test(issue.message)) return issue.message;
  const field = issue.path.split('.').pop() ?? '';
  return FIELD[field] ?? (field ? `The value given for “${field}” is not valid` : 'Something in the request is not valid');
}

/**
 * A message for people from an API error: validation issues as sentences (never the validator's raw text), a wait
 * for a throttled request, a plain word for a server fault or an unreachable server, else the API's own message
 * (missing data, not found, conflict — it never carries internals).
 */
export function friendlyError(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as ErrorData;
    if (data?.issues?.length) return [...new Set(data.issues.map((i) => sentence(issueText(i))))].join(' ');
    if (data?.code === 'TOO_MANY_REQUESTS') return 'Too many attempts. Wait a minute and try again.';
    if (data?.code === 'INTERNAL_SERVER_ERROR') return 'Something went wrong on our side. Try again in a moment.';
    if (!data) return 'Could not reach the server. Check your connection and try again.';
    const message = String(error.message).replace(/^invalid input: /, '').replace(/^[a-zA-Z.]+: /, '');
    return sentence(RAW.test(message) ? 'Something in the request is not valid' : message);
  }
  return 'Something went wrong. Try again.';
}

/** True when the API answered that the data to compute this does not exist (yet), rather than failing. */
export const isMissingData = (error: unknown) =>
  error instanceof TRPCClientError && ['PRECONDITION_FAILED', 'NOT_FOUND'].includes((error.data as ErrorData)?.code ?? '');

/**
 * What is wrong with a line typed into a pricer, said plainly before anything is sent; null when it is a number.
 * An empty field is no line (Number('') would be 0); `1,5` is a decimal comma.
 */
export function lineInputError(text: string): string | null {
  const t = text.trim();
  if (t === '') return 'Type a line first, for example 5.5.';
  if (/^[+-]?\d+,\d+$/.test(t)) return `Write the line with a decimal point: ${t.replace(',', '.')}.`;
  if (!Number.isFinite(Number(t))) return 'The line must be a number, for example 5.5.';
  return null;
}

const sentence = (s: string) => (s ? `${s[0]!.toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}` : s);
