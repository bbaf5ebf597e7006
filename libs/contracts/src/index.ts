export * from './auth';
export * from './queues';
