'use server';
// Server functions: run on the server only; the client bundle gets RPC stubs.
import { listFixtures, type FixtureFilter, type FixtureRow } from '@fairline/db/queries';
import { readDb } from './db.ts';

export async function fetchFixtures(filter: FixtureFilter): Promise<FixtureRow[]> {
  return listFixtures(readDb(), filter);
}
