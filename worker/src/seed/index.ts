/**
 * The embedded default's demo data (`@fairline/worker/seed`): a clearly labelled SIMULATED league and season with
 * demo models fitted by @fairline/ml, stored through @fairline/db's seed statements. Used by `npm start`
 * (scripts/demo-database.ts) and the tests that need a populated database.
 */
export * from './simulated.ts';
