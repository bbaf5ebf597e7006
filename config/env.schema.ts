/**
 * One schema per app namespace. Every variable has a parser that either returns a value or throws
 * with a message; `loadConfig` collects every failure so a bad deployment learns all it got wrong
 * at once, and never echoes a secret's value back.
 */
import { isIP } from 'net';
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

/** A budget of `N` events per window, written `N/<window>` with the window in s, m or h (`20/10m`). */
export interface RateBudget {
  points: number;
  seconds: number;
}

const rate = (description: string, def: string): VarSpec<RateBudget> => ({
  description,
  default: def,
  parse: (raw, name) => {
    const m = /^\s*(\d{1,7})\s*\/\s*(\d{1,6})\s*(s|m|h)\s*$/.exec(raw);
    const points = m ? Number(m[1]) : 0;
    const seconds = m ? Number(m[2]) * { s: 1, m: 60, h: 3600 }[m[3] as 's' | 'm' | 'h'] : 0;
    if (!m || points < 1 || seconds < 1 || seconds > 86400) {
      throw new Error(`${name} must be N/<window> with a window of 1s to 24h, e.g. 20/10m (got "${raw}")`);
    }
    return { points, seconds };
  },
});

// What express's `trust proxy` accepts, minus `true` (which would believe any client's
// X-Forwarded-For and so let anyone pick the address the sign-in limits count against).
const trustProxy = (description: string): VarSpec<string | number | false> => ({
  description,
  default: '',
  parse: (raw, name) => {
    const v = raw.trim();
    if (v === '') return false;
    if (/^\d{1,2}$/.test(v)) return Number(v);
    const parts = v.split(',').map((p) => p.trim());
    const ok = parts.every(
      (p) => ['loopback', 'linklocal', 'uniquelocal'].includes(p) || isIP(p.split('/')[0]) !== 0,
    );
    if (!ok) {
      throw new Error(
        `${name} must be empty, a hop count, or a comma-separated list of proxy addresses/CIDRs or loopback, linklocal, uniquelocal (got "${raw}")`,
      );
    }
    return parts.join(',');
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
  METRICS_TOKEN: {
    ...str('Bearer token Prometheus must send to read /metrics (empty = open: keep the port internal)', ''),
    secret: true,
    parse: (raw: string, name: string) => {
      if (raw !== '' && raw.length < 16)
        throw new Error(`${name} must be empty or at least 16 characters long`);
      return raw;
    },
  },
  SHUTDOWN_DRAIN_MS: int(
    'On SIGTERM, readiness answers 503 this long before the app closes (balancers stop sending work first)',
    '0',
    0,
    300000,
  ),
};

/** Video rooms (api and worker): providers, Janus nodes, BigBlueButton. */
export const roomsSchema = {
  VIDEO_DEFAULT_PROVIDER: oneOf(
    'Video provider of sessions whose program and session name none (falls back to link when not configured)',
    ['builtin', 'bigbluebutton', 'link'] as const,
    'builtin',
  ),
  JANUS_NODES: list(
    'Janus nodes: comma-separated `id=http://host:8088/janus` (optionally `|publicUrl` for browsers); empty = no built-in rooms',
    '',
  ),
  JANUS_ADMIN_KEY: {
    ...str('VideoRoom admin_key of the Janus nodes (room creation); held only by the server', ''),
    secret: true,
    parse: (raw: string) => raw,
  },
  JANUS_EVENTS_SECRET: {
    ...str(
      'Password of the Janus event handler (basic auth, user janus) posting room presence to the api',
      '',
    ),
    secret: true,
    parse: (raw: string) => raw,
  },
  JANUS_NODE_CAPACITY: int('Viewers one Janus node takes before a room needs relay nodes', '500', 1, 100000),
  JANUS_ICE_SERVERS: list('STUN/TURN URLs browsers use with built-in rooms (comma-separated)', ''),
  JANUS_TURN_USERNAME: { ...str('TURN username', ''), parse: (raw: string) => raw },
  JANUS_TURN_CREDENTIAL: { ...str('TURN credential', ''), secret: true, parse: (raw: string) => raw },
  JANUS_RECORD_DIR: {
    ...str(
      'Folder Janus writes room recordings (.mjr) to, as the Janus host sees it; empty = no recording',
      '',
    ),
    parse: (raw: string) => raw,
  },
  RECORDINGS_DIR: str(
    'Folder of converted session recordings (served to registered attendees)',
    '.data/recordings',
  ),
  ROOM_GRANT_TTL_SECONDS: int('How long a room join grant can be used to enter', '60', 5, 3600),
  BBB_URL: {
    ...str('BigBlueButton API endpoint, e.g. https://bbb.example.com/bigbluebutton/ (empty = none)', ''),
    parse: (raw: string, name: string) => (raw === '' ? '' : url('', ['http', 'https']).parse(raw, name)),
  },
  BBB_SECRET: { ...str('BigBlueButton shared secret', ''), secret: true, parse: (raw: string) => raw },
  BBB_CHECKSUM: oneOf(
    'Checksum algorithm of BigBlueButton calls',
    ['sha1', 'sha256', 'sha384', 'sha512'] as const,
    'sha1',
  ),
  ROOMS_SWEEP_INTERVAL_MS: int(
    'How often the worker ends finished rooms and revokes expired grants',
    '5000',
    50,
    600000,
  ),
};

export const apiSchema = {
  ...commonSchema,
  ...roomsSchema,
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
  PASSWORD_HASH_LANES: int(
    'Passwords one api process hashes or verifies at once (argon2id; one process per core, keep 1)',
    '1',
    1,
    64,
  ),
  BODY_LIMIT: str('Largest JSON body accepted (bytes or e.g. 100kb)', '100kb'),
  DEFAULT_TIME_ZONE: zone('Zone used for readers who have none', 'Asia/Almaty'),
  GATEWAY_PUBLIC_URL: {
    ...url(
      'Public URL of the gateway that browsers open the /live socket on',
      ['http', 'https'],
      'http://127.0.0.1:3001',
    ),
    secret: false,
  },
  API_TRUST_PROXY: trustProxy(
    'Reverse proxies whose X-Forwarded-For is believed (hop count, addresses/CIDRs, loopback...); empty = none, the socket address is the client',
  ),
  AUTH_LOGIN_FREE_FAILURES: int(
    'Consecutive failed sign-ins per e-mail address before it is locked (a success resets the count)',
    '5',
    1,
    1000,
  ),
  AUTH_LOGIN_LOCK_SECONDS: int(
    'First lock of an e-mail address after its free failures; doubles with each further failure',
    '30',
    1,
    86400,
  ),
  AUTH_LOGIN_MAX_LOCK_SECONDS: int('Longest lock of an e-mail address', '900', 1, 86400),
  AUTH_LOGIN_IP_FAILURES: rate(
    'Failed sign-ins per client address per window; beyond it the address may not sign in until the window ends',
    '100/15m',
  ),
  AUTH_LOGIN_IP_RATE: rate('Sign-in attempts (failed or not) per client address', '60/1m'),
  AUTH_REGISTER_IP_RATE: rate('Sign-ups per client address', '20/10m'),
  AUTH_REFRESH_IP_RATE: rate('Token refreshes per client address', '300/1m'),
  AUTH_RESET_IP_RATE: rate('Password-reset requests and confirmations per client address', '20/10m'),
  AUTH_RESET_EMAIL_RATE: rate(
    'Password-reset requests per e-mail address (counted alike for unknown addresses)',
    '3/15m',
  ),
  PUBLIC_CATALOG_IP_RATE: rate(
    'Anonymous reads of the public program, session and schedule pages per client address',
    '600/1m',
  ),
  CERTIFICATE_VERIFY_IP_RATE: rate(
    'Certificate verifications (the public /verify page) per client address',
    '30/1m',
  ),
};

export const workerSchema = {
  ...commonSchema,
  ...roomsSchema,
  WORKER_HEALTH_HOST: str('Interface of the worker health endpoint', '127.0.0.1'),
  WORKER_HEALTH_PORT: int('Port of the worker health endpoint', '3002', 0, 65535),
  WORKER_CONCURRENCY: int('Jobs processed in parallel per worker process', '10', 1, 500),
  PUBLIC_BASE_URL: {
    ...url(
      'Public URL of the API: base of the personal join links in reminders',
      ['http', 'https'],
      'http://127.0.0.1:3000',
    ),
    secret: false,
  },
  JWT_SECRET: {
    ...secret('Secret shared with the API; signs the join tokens in reminder links (>= 32 chars)', 32),
    default: '',
    parse: (raw: string, name: string) => {
      if (raw !== '' && raw.length < 32) throw new Error(`${name} must be at least 32 characters long`);
      return raw;
    },
  },
  SMTP_URL: {
    ...url(
      'SMTP server, e.g. smtp://user:pass@host:587 (empty in development: mails become .eml files in MAIL_DIR)',
      ['smtp', 'smtps'],
      '',
    ),
    parse: (raw: string, name: string) => (raw === '' ? '' : url('', ['smtp', 'smtps']).parse(raw, name)),
  },
  SMTP_POOL_SIZE: int('Pooled SMTP connections per worker process', '5', 1, 100),
  MAIL_FROM: str('Sender of reminder and notice e-mails', 'Qatys <no-reply@qatys.local>'),
  MAIL_DIR: str('Where mails go as .eml files when SMTP_URL is empty (development)', '.data/mail'),
  DELIVERY_TIMEOUT_SECONDS: int('Longest one SMTP send or webhook call may take', '30', 1, 600),
  DELIVERY_CLAIM_LEASE_SECONDS: int(
    "How long a living worker keeps its claim on a send (more than 2 x DELIVERY_TIMEOUT_SECONDS); a dead worker's claims are taken over at once",
    '65',
    3,
    3600,
  ),
  NOTIFY_ATTEMPTS: int('Delivery attempts per reminder/notice before it is marked failed', '6', 1, 50),
  NOTIFY_BACKOFF_MS: int('First retry delay; doubles with each attempt', '30000', 10, 3600000),
  REMINDER_RECONCILE_INTERVAL_SECONDS: int(
    'How often the reconciler re-creates missing jobs from Postgres (and at start)',
    '60',
    1,
    3600,
  ),
  REMINDER_BURST_RATE: int(
    'Mails per second the workers sustain; reminders sharing a due instant are released that much early',
    '300',
    1,
    100000,
  ),
  SESSION_AUTO_END_MINUTES: int(
    'Minutes after its end a session nobody ended is ended by the worker (follow-ups go out); 0 = never',
    '15',
    0,
    10080,
  ),
  OUTBOX_POLL_INTERVAL_MS: int(
    'How often the outbox is polled besides LISTEN/NOTIFY wake-ups',
    '2000',
    50,
    60000,
  ),
  WORKER_LOCK_DURATION_MS: int(
    'Job lock; a job of a dead worker runs again after 1 to 1.5 times this',
    '5000',
    1000,
    600000,
  ),
  CERTIFICATE_FONT_DIR: str(
    "Folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf (Debian's fonts-dejavu-core) for certificate PDFs",
    '/usr/share/fonts/truetype/dejavu',
  ),
  CERTIFICATE_CONCURRENCY: int('Certificate PDFs rendered in parallel per worker process', '4', 1, 64),
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
  GATEWAY_HEARTBEAT_MS: int(
    'How often each gateway process renews its presence heartbeat in Redis',
    '5000',
    50,
    60000,
  ),
  GATEWAY_PRESENCE_TTL_MS: int(
    'A gateway silent this long is dead: its connections leave the live counts (keep TTL + heartbeat <= 30000)',
    '15000',
    200,
    120000,
  ),
  GATEWAY_ATTENDANCE_UPDATE_MS: int('attendance:update at most this often per session', '1000', 100, 60000),
  GATEWAY_INTERVAL_FLUSH_MS: int(
    'Attendance intervals are written to Postgres this often',
    '1000',
    50,
    60000,
  ),
  GATEWAY_INTERVAL_FLUSH_ROWS: int('... or as soon as this many are buffered', '500', 1, 100000),
  GATEWAY_CACHE_MS: int(
    'Session facts and roster figures are cached this long per process',
    '5000',
    0,
    300000,
  ),
  GATEWAY_QA_QUESTIONS_PER_WINDOW: int('Questions one person may ask per rate window', '3', 1, 1000),
  GATEWAY_QA_VOTES_PER_WINDOW: int(
    'Votes (and un-votes) one person may cast per rate window',
    '30',
    1,
    10000,
  ),
  GATEWAY_QA_RATE_WINDOW_MS: int('The Q&A rate-limit window', '60000', 100, 3600000),
  GATEWAY_CHAT_MESSAGES_PER_WINDOW: int(
    'Chat messages one person may send per rate window (GATEWAY_QA_RATE_WINDOW_MS)',
    '10',
    1,
    1000,
  ),
  GATEWAY_ENGAGEMENT_UPDATE_MS: int(
    'Poll results and raised-hand queues go to staff at most this often per poll / session',
    '500',
    50,
    60000,
  ),
  GATEWAY_FLOOD_EVENTS_PER_SECOND: int(
    'Events one socket may send per second (flood control)',
    '20',
    1,
    10000,
  ),
  GATEWAY_FLOOD_BURST: int('Events one socket may send in a burst before throttling', '40', 1, 10000),
  GATEWAY_MAX_SOCKETS_PER_PERSON: int(
    'Sockets one person may have in one session, across every gateway process (more: too_many_connections)',
    '5',
    1,
    100,
  ),
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
  // The worker's JWT_SECRET (join links) may be left out by tests only.
  if ('SMTP_URL' in schema && out.JWT_SECRET === '' && out.NODE_ENV !== 'test') {
    problems.push('JWT_SECRET is required: it signs the join tokens in reminder links (>= 32 chars)');
  }
  // A claim that lapsed while its (living) send was still allowed to run could be sent twice.
  if (
    typeof out.DELIVERY_CLAIM_LEASE_SECONDS === 'number' &&
    typeof out.DELIVERY_TIMEOUT_SECONDS === 'number' &&
    out.DELIVERY_CLAIM_LEASE_SECONDS <= 2 * out.DELIVERY_TIMEOUT_SECONDS
  ) {
    problems.push(
      `DELIVERY_CLAIM_LEASE_SECONDS must be more than 2 x DELIVERY_TIMEOUT_SECONDS (${2 * out.DELIVERY_TIMEOUT_SECONDS})`,
    );
  }
  if (out.NODE_ENV === 'production' && out.SMTP_URL === '') {
    problems.push(
      'SMTP_URL is required when NODE_ENV=production (empty is for development: mails become files)',
    );
  }
  if (
    typeof out.AUTH_LOGIN_LOCK_SECONDS === 'number' &&
    typeof out.AUTH_LOGIN_MAX_LOCK_SECONDS === 'number' &&
    out.AUTH_LOGIN_MAX_LOCK_SECONDS < out.AUTH_LOGIN_LOCK_SECONDS
  ) {
    problems.push('AUTH_LOGIN_MAX_LOCK_SECONDS must not be below AUTH_LOGIN_LOCK_SECONDS');
  }
  if ('JANUS_NODES' in schema && (out.JANUS_NODES as string[] | undefined)?.length && !out.JANUS_ADMIN_KEY) {
    problems.push('JANUS_ADMIN_KEY is required when JANUS_NODES names nodes (rooms are created with it)');
  }
  if ('BBB_URL' in schema && out.BBB_URL && !out.BBB_SECRET) {
    problems.push('BBB_SECRET is required when BBB_URL is set');
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

export type ApiConfig = ConfigOf<typeof apiSchema>;
export type WorkerConfig = ConfigOf<typeof workerSchema>;
export type GatewayConfig = ConfigOf<typeof gatewaySchema>;
