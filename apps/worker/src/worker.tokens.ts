/** DI token of the Redis client the worker uses for its own checks (BullMQ has its own connections). */
export const WORKER_REDIS = Symbol('WORKER_REDIS');
