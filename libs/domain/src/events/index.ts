export * from './domain-event.entity';
export * from './domain-events';
export * from './outbox-dispatcher';
export * from './outbox-lag.queries';
