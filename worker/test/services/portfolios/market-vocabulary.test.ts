/**
 * ml cannot import db, so the settlement engine keeps its own list of settleable markets; this pins it to the
 * database's market vocabulary, so a market added to one and not the other fails here instead of at settlement.
 */
import { MARKETS } from '@fairline/db';
import { portfolio } from '@fairline/ml';
import { describe, expect, it } from 'vitest';

describe('market vocabulary', () => {
  it('the settlement engine settles exactly the markets the database stores', () => {
    expect([...portfolio.BET_MARKETS].sort()).toEqual([...MARKETS].sort());
  });
});
