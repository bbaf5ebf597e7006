export * from './shared';
export * from './identity';
export * from './events';
export * from './catalog';
export * from './registrations';
export * from './calendar';
