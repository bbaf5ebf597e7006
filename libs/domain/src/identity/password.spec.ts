import { hash } from '@node-rs/argon2';
import { hashPassword, Lanes, setPasswordHashLanes, verifyPassword } from './password';

/** A job that runs until the test ends it, counting how many run at once. */
function jobs() {
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const ends: Array<(v: number) => void> = [];
  const job =
    (n: number, fail = false) =>
    () =>
      new Promise<number>((resolve, reject) => {
        running++;
        most = Math.max(most, running);
        started.push(n);
        ends[n] = () => {
          running--;
          if (fail) reject(new Error(`job ${n} failed`));
          else resolve(n);
        };
      });
  return { job, end: (n: number) => ends[n](n), started, most: () => most };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('Lanes', () => {
  it('runs at most its width at once, the rest in arrival order', async () => {
    const lanes = new Lanes(2);
    const j = jobs();
    const results = [0, 1, 2, 3, 4].map((n) => lanes.run(j.job(n)));
    await turn();
    expect(j.started).toEqual([0, 1]);
    j.end(1);
    await turn();
    expect(j.started).toEqual([0, 1, 2]);
    j.end(0);
    j.end(2);
    await turn();
    j.end(3);
    await turn();
    j.end(4);
    await expect(Promise.all(results)).resolves.toEqual([0, 1, 2, 3, 4]);
    expect(j.started).toEqual([0, 1, 2, 3, 4]);
    expect(j.most()).toBe(2);
  });

  it('frees the lane of a job that failed', async () => {
    const lanes = new Lanes(1);
    const j = jobs();
    const failed = lanes.run(j.job(0, true));
    const next = lanes.run(j.job(1));
    await turn();
    expect(j.started).toEqual([0]);
    j.end(0);
    await expect(failed).rejects.toThrow('job 0 failed');
    await turn();
    j.end(1);
    await expect(next).resolves.toBe(1);
    expect(j.most()).toBe(1);
  });

  it('refuses a width that is not a whole number >= 1', () => {
    for (const w of [0, -1, 1.5, Number.NaN]) expect(() => new Lanes(w)).toThrow(RangeError);
  });
});

describe('password hashing through the lanes', () => {
  afterAll(() => setPasswordHashLanes(1));

  it('hashes and verifies many at once, one lane or several', async () => {
    for (const width of [1, 3]) {
      setPasswordHashLanes(width);
      const words = ['alma', 'bota', 'kökşe', 'zhambyl', 'ertis'];
      const hashed = await Promise.all(words.map((w) => hashPassword(w, 'low')));
      await expect(Promise.all(hashed.map((h, i) => verifyPassword(h, words[i])))).resolves.toEqual(
        words.map(() => true),
      );
      await expect(verifyPassword(hashed[0], 'bota')).resolves.toBe(false);
    }
  });
});

describe('password hashing parameters', () => {
  it('hashes with argon2id at 12 MiB and 3 passes, one lane of parallelism', async () => {
    const hashed = await hashPassword('national run password 1');
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=12288,t=3,p=1\$/);
    await expect(verifyPassword(hashed, 'national run password 1')).resolves.toBe(true);
  });

  it('still verifies a hash stored with the earlier parameters (19 MiB, 2 passes)', async () => {
    const earlier = await hash('kökşe tau', { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(earlier).toMatch(/m=19456,t=2,p=1/);
    await expect(verifyPassword(earlier, 'kökşe tau')).resolves.toBe(true);
    await expect(verifyPassword(earlier, 'kokse tau')).resolves.toBe(false);
  });
});
