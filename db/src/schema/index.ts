// The whole schema, one folder per domain. drizzle-kit reads this file to generate migrations.
export * from './enums.ts';
export * from './sports/index.ts';
export * from './odds/index.ts';
export * from './models/index.ts';
export * from './auth/index.ts';
export * from './portfolios/index.ts';
export * from './audit/index.ts';
export * from './preferences/index.ts';
export * from './ops/index.ts';
