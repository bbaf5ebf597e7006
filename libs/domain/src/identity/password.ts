import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot inline.
const ARGON2ID = 2;

export type HashCost = 'low' | 'default';

// OWASP's argon2id minimum (19 MiB, 2 passes); "low" exists only so test suites that create
// hundreds of users stay fast, and the config schema refuses it when NODE_ENV=production.
const PARAMS = {
  default: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
  low: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
} as const;

export function hashPassword(password: string, cost: HashCost = 'default'): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...PARAMS[cost] });
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
