/** DI token of the gateway's Redis client for its own commands (the Socket.IO adapter has its own pair). */
export const GATEWAY_REDIS = Symbol('GATEWAY_REDIS');
