import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { friendlyError, lineInputError } from '../src/lib/errors.ts';

/** A client error as the tRPC client builds it from the API's error shape. */
const apiError = (message: string, data: object | undefined) =>
  TRPCClientError.from({ error: { message, code: -32600, data } } as never);

describe('messages for people from API errors', () => {
  it('never shows the validator’s raw text', () => {
    const tooBig = apiError('invalid input: id: Too big: expected int to be <=9007199254740991', {
      code: 'BAD_REQUEST', issues: [{ path: 'id', message: 'Too big: expected int to be <=9007199254740991' }],
    });
    expect(friendlyError(tooBig)).toBe('That is not a valid id.');
    const nan = apiError('invalid input: line: expected number, received NaN', {
      code: 'BAD_REQUEST', issues: [{ path: 'line', message: 'Invalid input: expected number, received NaN' }],
    });
    expect(friendlyError(nan)).toBe('The line must be a number such as 5.5.');
    const date = apiError('invalid input: from: Invalid input: expected date, received Date', {
      code: 'BAD_REQUEST', issues: [{ path: 'from', message: 'Invalid input: expected date, received Date' }],
    });
    expect(friendlyError(date)).toBe('The start date is not a valid date.');
  });

  it('keeps a message the API wrote for people', () => {
    const half = apiError('invalid input: line: a line is a whole or half number', {
      code: 'BAD_REQUEST', issues: [{ path: 'line', message: 'a line is a whole or half number' }],
    });
    expect(friendlyError(half)).toBe('A line is a whole or half number.');
    const signIn = apiError('invalid email or password', { code: 'UNAUTHORIZED' });
    expect(friendlyError(signIn)).toBe('Invalid email or password.');
    const missing = apiError('not enough results before this fixture to price it (3 of the 30 needed)', { code: 'PRECONDITION_FAILED' });
    expect(friendlyError(missing)).toBe('Not enough results before this fixture to price it (3 of the 30 needed).');
  });

  it('says plainly when the server failed or could not be reached', () => {
    expect(friendlyError(apiError('boom', { code: 'INTERNAL_SERVER_ERROR' }))).toBe('Something went wrong on our side. Try again in a moment.');
    expect(friendlyError(new TRPCClientError('Failed to fetch'))).toBe('Could not reach the server. Check your connection and try again.');
  });
});

describe('a line typed into a pricer', () => {
  it('says what is wrong before asking the API', () => {
    expect(lineInputError('')).toBe('Type a line first, for example 5.5.');
    expect(lineInputError('  ')).toBe('Type a line first, for example 5.5.');
    expect(lineInputError('1,5')).toBe('Write the line with a decimal point: 1.5.');
    expect(lineInputError('abc')).toBe('The line must be a number, for example 5.5.');
    expect(lineInputError('5.5')).toBeNull();
    expect(lineInputError('-3')).toBeNull();
  });
});
