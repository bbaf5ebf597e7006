import { MicroBatcher } from './micro-batcher';

describe('MicroBatcher', () => {
  it('runs the calls of one tick together and answers each in order', async () => {
    const runs: number[][] = [];
    const b = new MicroBatcher<number, number>(async (xs) => {
      runs.push(xs);
      return xs.map((x) => x * 2);
    });
    expect(await Promise.all([1, 2, 3].map((x) => b.add(x)))).toEqual([2, 4, 6]);
    expect(runs).toEqual([[1, 2, 3]]);
    expect(await b.add(4)).toBe(8);
    expect(runs).toEqual([[1, 2, 3], [4]]);
  });

  it('splits at maxSize and fails every caller of a failed run', async () => {
    const runs: number[][] = [];
    const b = new MicroBatcher<number, number>(async (xs) => {
      runs.push(xs);
      if (xs.includes(3)) throw new Error('boom');
      return xs;
    }, 2);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((x) => b.add(x)));
    expect(runs).toEqual([[1, 2], [3, 4], [5]]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
  });

  it('with a window, gathers calls made a little apart into one run', async () => {
    const runs: number[][] = [];
    const b = new MicroBatcher<number, number>(
      async (xs) => {
        runs.push(xs);
        return xs;
      },
      100,
      20,
    );
    const first = b.add(1);
    await new Promise((r) => setImmediate(r));
    const second = b.add(2);
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(runs).toEqual([[1, 2]]);
  });
});
