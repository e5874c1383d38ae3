/**
 * NFL franchise abbreviations. The nflverse weekly player file labels every season with the franchise's
 * current abbreviation (LA, LAC, LV), while the nfldata games file keeps the abbreviation of the day (STL until
 * 2015, SD until 2016, OAK until 2019). Both are mapped to the current form so the two files join on
 * season + week + team.
 */
const RELOCATIONS: Readonly<Record<string, string>> = { STL: 'LA', SD: 'LAC', OAK: 'LV', LAR: 'LA' };

/** The franchise's current abbreviation for any it has used (STL → LA, SD → LAC, OAK → LV, LAR → LA); case-blind. */
export function canonicalTeam(abbr: string): string {
  const t = abbr.trim().toUpperCase();
  return RELOCATIONS[t] ?? t;
}
