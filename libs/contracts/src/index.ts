export * from './auth';
export * from './queues';
export * from './live-events';
