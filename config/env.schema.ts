/**
 * One schema per app namespace. Every variable has a parser that either returns a value or throws
 * with a message; `loadConfig` collects every failure so a bad deployment learns all it got wrong
 * at once, and never echoes a secret's value back.
 */
import { IANAZone } from 'luxon';

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

interface VarSpec<T> {
  default?: string;
  secret?: boolean;
  description: string;
  parse: (raw: string, name: string) => T;
}

const str = (description: string, def?: string, secret = false): VarSpec<string> => ({
  description,
  default: def,
  secret,
  parse: (raw, name) => {
    if (raw.trim() === '') throw new Error(`${name} must not be empty`);
    return raw;
  },
});

const int = (description: string, def: string, min: number, max: number): VarSpec<number> => ({
  description,
  default: def,
  parse: (raw, name) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new Error(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    }
    return n;
  },
});

const url = (description: string, protocols: string[], def?: string): VarSpec<string> => ({
  description,
  default: def,
  secret: true,
  parse: (raw, name) => {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new Error(`${name} must be a URL (${protocols.join(' or ')})`);
    }
    if (!protocols.includes(u.protocol.replace(/:$/, ''))) {
      throw new Error(`${name} must use ${protocols.join(' or ')}://`);
    }
    return raw;
  },
});

const oneOf = <T extends string>(description: string, values: readonly T[], def: T): VarSpec<T> => ({
  description,
  default: def,
  parse: (raw, name) => {
    if (!(values as readonly string[]).includes(raw)) {
      throw new Error(`${name} must be one of ${values.join(', ')} (got "${raw}")`);
    }
    return raw as T;
  },
});

const zone = (description: string, def: string): VarSpec<string> => ({
  description,
  default: def,
  parse: (raw, name) => {
    if (!IANAZone.isValidZone(raw)) throw new Error(`${name} must be an IANA time zone (got "${raw}")`);
    return raw;
  },
});

const list = (description: string, def: string): VarSpec<string[]> => ({
  description,
  default: def,
  parse: (raw) =>
    raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
});

const secret = (description: string, minLength: number): VarSpec<string> => ({
  description,
  secret: true,
  parse: (raw, name) => {
    if (raw.length < minLength) throw new Error(`${name} must be at least ${minLength} characters long`);
    return raw;
  },
});

export const commonSchema = {
  NODE_ENV: oneOf('Runtime mode', ['development', 'production', 'test'] as const, 'development'),
  LOG_LEVEL: oneOf(
    'pino log level',
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
    'info',
  ),
  DATABASE_URL: url(
    'PostgreSQL connection URL',
    ['postgres', 'postgresql'],
    'postgres://postgres@127.0.0.1:5432/qatys',
  ),
  REDIS_URL: url('Redis connection URL', ['redis', 'rediss'], 'redis://127.0.0.1:6379/0'),
  REDIS_PREFIX: str(
    'Prefix of every Redis key (queues, presence) so several installs share one Redis',
    'qatys',
  ),
  DB_POOL_SIZE: int('PostgreSQL connection pool size per process', '10', 1, 200),
};

export const apiSchema = {
  ...commonSchema,
  API_HOST: str('Interface the API listens on', '127.0.0.1'),
  API_PORT: int('HTTP port of the API', '3000', 0, 65535),
  PUBLIC_BASE_URL: url(
    'Public URL of the API (links in calendar feeds)',
    ['http', 'https'],
    'http://127.0.0.1:3000',
  ),
  JWT_SECRET: secret('HMAC secret signing access and refresh tokens (>= 32 chars)', 32),
  JWT_ACCESS_TTL_SECONDS: int('Lifetime of an access token', '900', 30, 86400),
  JWT_REFRESH_TTL_SECONDS: int('Lifetime of a refresh token', '2592000', 60, 31536000),
  PASSWORD_HASH_COST: oneOf(
    'argon2id cost profile (low is for tests only)',
    ['low', 'default'] as const,
    'default',
  ),
  BODY_LIMIT: str('Largest JSON body accepted (bytes or e.g. 100kb)', '100kb'),
  DEFAULT_TIME_ZONE: zone('Zone used for readers who have none', 'Asia/Almaty'),
};

export const workerSchema = {
  ...commonSchema,
  WORKER_HEALTH_HOST: str('Interface of the worker health endpoint', '127.0.0.1'),
  WORKER_HEALTH_PORT: int('Port of the worker health endpoint', '3002', 0, 65535),
  WORKER_CONCURRENCY: int('Jobs processed in parallel per worker process', '10', 1, 500),
};

export const gatewaySchema = {
  ...commonSchema,
  GATEWAY_HOST: str('Interface the gateway listens on', '127.0.0.1'),
  GATEWAY_PORT: int('Socket.IO port of the gateway', '3001', 0, 65535),
  GATEWAY_ALLOWED_ORIGINS: list(
    'Comma-separated browser origins allowed to connect (empty = same host only)',
    '',
  ),
  JWT_SECRET: secret('HMAC secret shared with the API to verify tokens (>= 32 chars)', 32),
};

export type Schema = Record<string, VarSpec<unknown>>;
export type ConfigOf<S extends Schema> = { readonly [K in keyof S]: ReturnType<S[K]['parse']> };

export function loadConfig<S extends Schema>(schema: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    const raw = env[name] ?? spec.default;
    if (raw === undefined) {
      problems.push(`${name} is required: ${spec.description}`);
      continue;
    }
    try {
      out[name] = spec.parse(raw, name);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (out.NODE_ENV === 'production' && out.PASSWORD_HASH_COST === 'low') {
    problems.push('PASSWORD_HASH_COST=low is for tests only and is refused when NODE_ENV=production');
  }
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze(out) as ConfigOf<S>;
}

/** Names of variables whose values must never reach a log line. */
export function secretNames(schema: Schema): string[] {
  return Object.entries(schema)
    .filter(([, s]) => s.secret)
    .map(([n]) => n);
}

export function describeSchema(schema: Schema): { name: string; default?: string; description: string }[] {
  return Object.entries(schema).map(([name, s]) => ({
    name,
    default: s.default,
    description: s.description,
  }));
}

export type ApiConfig = ConfigOf<typeof apiSchema>;
export type WorkerConfig = ConfigOf<typeof workerSchema>;
export type GatewayConfig = ConfigOf<typeof gatewaySchema>;
