import {
  completionOf,
  CompletionSession,
  programUnits,
  quizRequirementMet,
  quizScoreOf,
  requiredUnits,
  sessionCompleted,
} from './completion.policy';
import type { Span } from './intervals.policy';

const MIN = 60_000;
const w = (startMin: number, minutes = 240): Span => ({
  start: startMin * MIN,
  end: (startMin + minutes) * MIN,
});

describe('sessionCompleted', () => {
  it('is true at exactly the threshold and false just below it', () => {
    expect(sessionCompleted(180 * MIN, 240 * MIN, 75)).toBe(true);
    expect(sessionCompleted(180 * MIN - 1, 240 * MIN, 75)).toBe(false);
    expect(sessionCompleted(240 * MIN, 240 * MIN, 100)).toBe(true);
  });

  it('is false for no presence or a zero-length session', () => {
    expect(sessionCompleted(0, 240 * MIN, 0)).toBe(false);
    expect(sessionCompleted(10, 0, 75)).toBe(false);
  });
});

describe('programUnits and completionOf', () => {
  const modules = ['m1', 'm2', 'm3', 'm4'];
  const sessions: CompletionSession[] = [
    { id: 's1', moduleId: 'm1', window: w(0) },
    { id: 's2', moduleId: 'm2', window: w(1440) },
    { id: 's3', moduleId: 'm3', window: w(2880) },
    { id: 's4', moduleId: 'm4', window: w(4320) },
    // a repeat of module 1 for other regions
    { id: 's1b', moduleId: 'm1', window: w(5760) },
    // a session outside every module counts towards nothing
    { id: 'extra', moduleId: null, window: w(100) },
  ];

  it('counts modules as units, a session without a module towards nothing', () => {
    const u = programUnits(sessions, modules, 2);
    expect(u).toMatchObject({ unitsTotal: 4, unitsRequired: 2 });
    expect(u.unitOf.get('s1b')).toBe('m1');
    expect(u.unitOf.get('extra')).toBeNull();
  });

  it('completes at N of M modules, counting a module once across its sessions', () => {
    const two = programUnits(sessions, modules, 2);
    expect(completionOf(two, ['s1', 's1b', 's2', 'extra'])).toEqual({
      unitsCompleted: 2,
      completed: true,
      // module 2 (s2) ended before the repeat of module 1 (s1b): s1 + s2 complete it
      completedAt: sessions[1].window.end,
    });
    expect(completionOf(two, ['s1', 's1b', 'extra'])).toEqual({
      unitsCompleted: 1,
      completed: false,
      completedAt: null,
    });
    expect(completionOf(programUnits(sessions, modules, null), ['s1', 's2', 's3'])).toMatchObject({
      unitsCompleted: 3,
      completed: false,
    });
  });

  it('ignores sessions it does not know (cancelled ones are not among the units)', () => {
    expect(completionOf(programUnits(sessions, modules, 1), ['gone'])).toEqual({
      unitsCompleted: 0,
      completed: false,
      completedAt: null,
    });
  });

  it('uses sessions as the units of a program without modules', () => {
    const plain = sessions.slice(0, 3).map((s) => ({ ...s, moduleId: null }));
    expect(completionOf(programUnits(plain, [], null), ['s1', 's2'])).toMatchObject({
      unitsCompleted: 2,
      completed: false,
    });
    expect(completionOf(programUnits(plain, [], 2), ['s2', 's1'])).toEqual({
      unitsCompleted: 2,
      completed: true,
      completedAt: plain[1].window.end,
    });
    expect(programUnits(plain, [], 3)).toMatchObject({ unitsTotal: 3, unitsRequired: 3 });
  });

  it('never completes an empty program, and never requires more units than exist', () => {
    expect(completionOf(programUnits([], [], null), []).completed).toBe(false);
    expect(requiredUnits(6, 4)).toBe(4);
    expect(requiredUnits(null, 4)).toBe(4);
    expect(requiredUnits(2, 4)).toBe(2);
  });
});

describe('quiz scores toward completion', () => {
  const offered = new Map([
    ['s1', 2],
    ['s2', 3],
  ]);

  it('adds the points of the quizzes held in the sessions the person is registered for', () => {
    expect(quizScoreOf(['s1', 's2'], offered, new Map([['s1', 2]]))).toEqual({ points: 2, maxPoints: 5 });
    // Another region's repeat of a module with its own quiz is not the person's.
    expect(quizScoreOf(['s1'], offered, new Map([['s2', 3]]))).toEqual({ points: 0, maxPoints: 2 });
    expect(quizScoreOf(['s3'], offered, undefined)).toBeNull();
    expect(quizScoreOf(['s1'], offered, new Map([['s1', 9]]))).toEqual({ points: 2, maxPoints: 2 });
  });

  it('meets the requirement at exactly the percentage, and when no quiz was held or none is asked', () => {
    expect(quizRequirementMet({ points: 3, maxPoints: 5 }, 60)).toBe(true);
    expect(quizRequirementMet({ points: 2, maxPoints: 5 }, 60)).toBe(false);
    expect(quizRequirementMet({ points: 2, maxPoints: 3 }, 67)).toBe(false);
    expect(quizRequirementMet(null, 60)).toBe(true);
    expect(quizRequirementMet({ points: 0, maxPoints: 5 }, null)).toBe(true);
  });
});
