// The statements of ingestion (worker/src/services/ingest holds the parsing, validation and orchestration).
export * from './catalog.ts';
export * from './fixtures.ts';
export * from './odds.ts';
export * from './players.ts';
export * from './runs.ts';
export * from './leases.ts';
export * from './teams.ts';
export * from './nfl-conditions.ts';
