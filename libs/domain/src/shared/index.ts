export * from './localized-text';
export * from './domain.errors';
export * from './timestamps';
export * from './wall-time.policy';
export * from './time-zone';
export * from './actor';
export * from './roles';
export * from './returned-rows';
