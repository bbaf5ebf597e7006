import { completionOf, CompletionSession, requiredUnits, sessionAttended } from './completion.policy';
import type { Span } from './intervals.policy';

const MIN = 60_000;
const w = (startMin: number, minutes = 240): Span => ({
  start: startMin * MIN,
  end: (startMin + minutes) * MIN,
});

describe('sessionAttended', () => {
  it('is true at exactly the threshold and false just below it', () => {
    expect(sessionAttended(180 * MIN, 240 * MIN, 75)).toBe(true);
    expect(sessionAttended(180 * MIN - 1, 240 * MIN, 75)).toBe(false);
    expect(sessionAttended(240 * MIN, 240 * MIN, 100)).toBe(true);
  });

  it('is false for no presence or a zero-length session', () => {
    expect(sessionAttended(0, 240 * MIN, 0)).toBe(false);
    expect(sessionAttended(10, 0, 75)).toBe(false);
  });
});

describe('completionOf', () => {
  const modules = ['m1', 'm2', 'm3', 'm4'];
  const sessions: CompletionSession[] = [
    { id: 's1', moduleId: 'm1', window: w(0) },
    { id: 's2', moduleId: 'm2', window: w(1440) },
    { id: 's3', moduleId: 'm3', window: w(2880) },
    { id: 's4', moduleId: 'm4', window: w(4320) },
    // a repeat of module 1 for other regions
    { id: 's1b', moduleId: 'm1', window: w(5760) },
  ];
  const full = (s: CompletionSession) => [s.window];
  const part = (s: CompletionSession, pct: number) => [
    { start: s.window.start, end: s.window.start + ((s.window.end - s.window.start) * pct) / 100 },
  ];

  it('completes at N of M modules, counting a module once across its sessions', () => {
    const spans = new Map([
      ['s1', full(sessions[0])],
      ['s1b', full(sessions[4])],
      ['s2', full(sessions[1])],
      ['s3', part(sessions[2], 50)],
    ]);
    const r = completionOf(sessions, modules, spans, { thresholdPercent: 75, modulesRequired: 2 });
    expect(r).toEqual({
      attendedSessionIds: ['s1', 's2', 's1b'],
      unitsAttended: 2,
      unitsTotal: 4,
      unitsRequired: 2,
      completed: true,
      // module 2 (s2) ended before the repeat of module 1 (s1b): s1 + s2 complete it
      completedAt: sessions[1].window.end,
    });
    expect(
      completionOf(sessions, modules, spans, { thresholdPercent: 75, modulesRequired: null }).completed,
    ).toBe(false);
  });

  it('merges two tabs before applying the threshold', () => {
    const s = sessions[0];
    const twoTabs = [
      { start: s.window.start, end: s.window.start + 120 * MIN },
      { start: s.window.start + 60 * MIN, end: s.window.start + 200 * MIN },
    ];
    const r = completionOf([s], ['m1'], new Map([['s1', twoTabs]]), {
      thresholdPercent: 75,
      modulesRequired: 1,
    });
    expect(r.completed).toBe(true);
    const r2 = completionOf([s], ['m1'], new Map([['s1', twoTabs]]), {
      thresholdPercent: 90,
      modulesRequired: 1,
    });
    expect(r2.completed).toBe(false);
  });

  it('uses sessions as the units of a program without modules', () => {
    const plain = sessions.slice(0, 3).map((s) => ({ ...s, moduleId: null }));
    const spans = new Map([
      ['s1', full(plain[0])],
      ['s2', full(plain[1])],
    ]);
    expect(completionOf(plain, [], spans, { thresholdPercent: 75, modulesRequired: null })).toMatchObject({
      unitsAttended: 2,
      unitsTotal: 3,
      completed: false,
    });
    expect(completionOf(plain, [], spans, { thresholdPercent: 75, modulesRequired: 2 })).toMatchObject({
      completed: true,
      completedAt: plain[1].window.end,
    });
    expect(
      completionOf(plain, [], spans, { thresholdPercent: 75, modulesRequired: 3 }).completedAt,
    ).toBeNull();
  });

  it('never completes an empty program, and never requires more units than exist', () => {
    expect(completionOf([], [], new Map(), { thresholdPercent: 75, modulesRequired: null }).completed).toBe(
      false,
    );
    expect(requiredUnits(6, 4)).toBe(4);
    expect(requiredUnits(null, 4)).toBe(4);
    expect(requiredUnits(2, 4)).toBe(2);
  });
});
