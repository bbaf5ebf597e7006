export * from './env.schema';
export * from './boot';
