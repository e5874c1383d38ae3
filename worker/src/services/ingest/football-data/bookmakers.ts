/**
 * football-data.co.uk column prefixes → our bookmaker keys (from the site's notes.txt legend). Aggregates
 * (`Max`/`BbMx`, `Avg`/`BbAv`) are stored as pseudo-bookmakers. A closing-price column is the bookmaker's
 * prefix plus `C` (`PSC`…, `B365C`…, `PC` for Pinnacle's closing over/under and handicap).
 */
const KNOWN: Record<string, { key: string; name: string }> = {
  B365: { key: 'bet365', name: 'Bet365' },
  BW: { key: 'bwin', name: 'Bet&Win' },
  IW: { key: 'interwetten', name: 'Interwetten' },
  PS: { key: 'pinnacle', name: 'Pinnacle' },
  P: { key: 'pinnacle', name: 'Pinnacle' },
  WH: { key: 'william_hill', name: 'William Hill' },
  VC: { key: 'vc_bet', name: 'VC Bet' },
  LB: { key: 'ladbrokes', name: 'Ladbrokes' },
  SJ: { key: 'stan_james', name: 'Stan James' },
  SB: { key: 'sportingbet', name: 'Sportingbet' },
  GB: { key: 'gamebookers', name: 'Gamebookers' },
  BS: { key: 'blue_square', name: 'Blue Square' },
  SO: { key: 'sporting_odds', name: 'Sporting Odds' },
  SY: { key: 'stanleybet', name: 'Stanleybet' },
  CL: { key: 'coral', name: 'Coral' },
  '1XB': { key: '1xbet', name: '1XBet' },
  BF: { key: 'betfair', name: 'Betfair' },
  BFD: { key: 'betfred', name: 'Betfred' },
  BMGM: { key: 'betmgm', name: 'BetMGM' },
  BV: { key: 'betvictor', name: 'BetVictor' },
  BFE: { key: 'betfair_exchange', name: 'Betfair Exchange' },
  Max: { key: 'market_max', name: 'Market maximum (football-data)' },
  BbMx: { key: 'market_max', name: 'Market maximum (football-data)' },
  Avg: { key: 'market_avg', name: 'Market average (football-data)' },
  BbAv: { key: 'market_avg', name: 'Market average (football-data)' },
};

export interface FdBook {
  key: string;
  name: string;
  closing: boolean;
}

/**
 * Bookmaker and closing flag of a column-group prefix. `groupKeys` are the prefixes present for the same
 * market, so `VC` (a bookmaker) is not mistaken for the closing price of a bookmaker `V`.
 */
export function bookOf(prefix: string, groupKeys: ReadonlySet<string>): FdBook {
  if (prefix.length > 1 && prefix.endsWith('C')) {
    const base = prefix.slice(0, -1);
    if (groupKeys.has(base) || (KNOWN[base] && !KNOWN[prefix])) {
      const b = KNOWN[base] ?? { key: `fd_${base.toLowerCase()}`, name: `football-data ${base}` };
      return { ...b, closing: true };
    }
  }
  const b = KNOWN[prefix] ?? { key: `fd_${prefix.toLowerCase()}`, name: `football-data ${prefix}` };
  return { ...b, closing: false };
}
