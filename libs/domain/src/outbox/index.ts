export * from './domain-outbox';
