export * from './competitions.ts';
export * from './teams.ts';
export * from './players.ts';
export * from './fixtures.ts';
export * from './player-game-stats.ts';
export * from './nfl-game-conditions.ts';
