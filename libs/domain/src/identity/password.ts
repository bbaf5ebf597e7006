import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot inline.
const ARGON2ID = 2;

export type HashCost = 'low' | 'default';

/**
 * argon2id at one of OWASP's equal-strength minimum configurations: 12 MiB, 3 passes (the cheat
 * sheet lists 19 MiB / 2, 12 MiB / 3, 9 MiB / 4, 7 MiB / 5 and 46 MiB / 1 as "an equal level of
 * defense", trading memory for passes). Why not 19 MiB / 2, used until 2026-12-06: the binding's
 * allocator hands a block that large back to the kernel after each hash, so each hash faulted in
 * and zeroed 19 MiB afresh; 12 MiB stays in the allocator and is reused. Measured one at a time on
 * the 2-core machine: 10.1-10.6 ms of CPU per verify at 19 MiB / 2 (2.4-2.7 of them in the
 * kernel), 7.4 at 12 MiB / 3 — the largest single cost of a sign-up. Hashes made with the earlier
 * parameters still verify: argon2 reads them from the stored hash.
 * "low" exists only so test suites that create hundreds of users stay fast, and the config schema
 * refuses it when NODE_ENV=production.
 */
const PARAMS = {
  default: { memoryCost: 12288, timeCost: 3, parallelism: 1 },
  low: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
} as const;

/**
 * At most `width` jobs at once, the rest waiting in arrival order.
 *
 * Why password hashing needs it: argon2id runs on libuv's thread pool (4 threads by default),
 * so a crowd of sign-ups hashed four at a time in each api process, and those threads took the
 * cores from the event loop that answers everything else: in bench:national (2 api processes on
 * 2 cores, the balancer serving registrations first) registrations took p99 ~4 s with four at a
 * time, 0.13-0.21 s with one (BENCHMARKS.md, 2026-12-06). Measured alone, two processes hashing
 * four at a time also spent 11-14 ms of CPU per hash against 8-11 ms one at a time, for no more
 * hashes per second: each hash then filled 19 MiB of fresh memory, faulted in against the others
 * of its process. Run one api process per core and keep this at 1 (PASSWORD_HASH_LANES).
 */
export class Lanes {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly width: number) {
    if (!Number.isInteger(width) || width < 1)
      throw new RangeError(`lanes must be a whole number >= 1: ${width}`);
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.width) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await job();
    } finally {
      // The lane passes straight to the next in line (active stays counted), or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

let lanes = new Lanes(1);

/** How many passwords this process hashes or verifies at once (PASSWORD_HASH_LANES; set at start). */
export function setPasswordHashLanes(width: number): void {
  lanes = new Lanes(width);
}

export function hashPassword(password: string, cost: HashCost = 'default'): Promise<string> {
  return lanes.run(() => hash(password, { algorithm: ARGON2ID, ...PARAMS[cost] }));
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await lanes.run(() => verify(hashed, password));
  } catch {
    return false;
  }
}
