export * from './client.ts';
export * from './queries/index.ts';
export * from './schema/index.ts';
export * from './ids.ts';
export * from './unavailable.ts';
