export * from './fixtures.ts';
export * from './models.ts';
export * from './odds.ts';
