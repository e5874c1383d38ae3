// NFL models by market family — player props and game lines — and the NFL data both read (schedule with closing
// lines, team names). Each family owns its own index; this file only gathers them.
export * as props from './props/index.ts';
export * as gameLines from './game-lines/index.ts';
export { parseGames, teamContexts, contextKey, type NflGame, type TeamContext } from './games.ts';
export { canonicalTeam } from './teams.ts';
