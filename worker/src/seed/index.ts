/**
 * The embedded default's demo data (`@fairline/worker/seed`): a clearly labelled SIMULATED league and season with
 * demo models fitted by @fairline/ml, stored through @fairline/db's seed statements, and the demo accounts (a
 * subscriber and an admin, local only). Used by `npm start` (scripts/demo-database.ts) and the tests that need a
 * populated database. `seedSimulatedModelHistory` (the demo's walk-forward soccer versions for `/models`) runs only from
 * `npm start`.
 */
export * from './simulated.ts';
export * from './demo-users.ts';
export * from './simulated-model-history.ts';
export * from './simulated-soccer-history.ts';
