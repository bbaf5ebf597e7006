import { SingleFlight } from './single-flight';

describe('SingleFlight', () => {
  it('runs the work once for callers that ask while it is under way, and again after it settled', async () => {
    const flight = new SingleFlight<number>();
    let runs = 0;
    let release!: (v: number) => void;
    const work = () => {
      runs++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const asked = [flight.run('a', work), flight.run('a', work), flight.run('a', work)];
    expect(runs).toBe(1);
    release(7);
    expect(await Promise.all(asked)).toEqual([7, 7, 7]);
    expect(flight.size).toBe(0);
    const again = flight.run('a', work);
    expect(runs).toBe(2);
    release(8);
    expect(await again).toBe(8);
  });

  it('keeps keys apart and does not remember a failure', async () => {
    const flight = new SingleFlight<string>();
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new Error('gone'));
    };
    await expect(Promise.all([flight.run('x', failing), flight.run('x', failing)])).rejects.toThrow('gone');
    expect(calls).toBe(1);
    await expect(flight.run('x', failing)).rejects.toThrow('gone');
    expect(calls).toBe(2);
    expect(await Promise.all([flight.run('p', async () => 'P'), flight.run('q', async () => 'Q')])).toEqual([
      'P',
      'Q',
    ]);
  });
});
