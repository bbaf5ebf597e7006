import type { Span } from './intervals.policy';

/** The default of a program's rule (the API field is still `attendedThresholdPercent`). */
export const DEFAULT_ATTENDED_THRESHOLD_PERCENT = 75;

/** A session is completed at >= threshold % of its scheduled duration present (the organizer's rule per program). */
export function sessionCompleted(presentMs: number, sessionMs: number, thresholdPercent: number): boolean {
  if (sessionMs <= 0 || presentMs <= 0) return false;
  // Integer comparison: 75 % of 240 minutes is exactly 180 minutes, not 179.99999.
  return presentMs * 100 >= thresholdPercent * sessionMs;
}

export interface CompletionSession {
  id: string;
  /** Sessions of one module are alternatives (the same module repeated for different regions). */
  moduleId: string | null;
  window: Span;
}

/** A program's sessions and units, worked out once per report (not once per person). */
export interface ProgramUnits {
  sessions: ReadonlyMap<string, CompletionSession>;
  /** The unit a session counts towards: its module, or itself without modules; null: none. */
  unitOf: ReadonlyMap<string, string | null>;
  unitsTotal: number;
  unitsRequired: number;
}

/**
 * The units of a program: its modules when it has any (a module is completed through any one of
 * its sessions), else each session on its own. Sessions without a module in a program that has
 * modules count towards nothing.
 */
export function programUnits(
  sessions: readonly CompletionSession[],
  moduleIds: readonly string[],
  modulesRequired: number | null,
): ProgramUnits {
  const known = new Set(moduleIds);
  const unitOf = new Map<string, string | null>(
    sessions.map((s) => [
      s.id,
      known.size ? (s.moduleId !== null && known.has(s.moduleId) ? s.moduleId : null) : s.id,
    ]),
  );
  const unitsTotal = known.size || sessions.length;
  return {
    sessions: new Map(sessions.map((s) => [s.id, s])),
    unitOf,
    unitsTotal,
    unitsRequired: requiredUnits(modulesRequired, unitsTotal),
  };
}

export interface CompletionResult {
  /** Units (modules; or sessions when the program has no modules) completed. */
  unitsCompleted: number;
  completed: boolean;
  /** End of the session that completed the program (epoch ms), null when not completed. */
  completedAt: number | null;
}

/** Whether the sessions a person completed complete the program, and when they did. */
export function completionOf(units: ProgramUnits, completedSessionIds: readonly string[]): CompletionResult {
  const done = completedSessionIds
    .map((id) => units.sessions.get(id))
    .filter((s): s is CompletionSession => !!s && units.unitOf.get(s.id) != null)
    .sort((a, b) => a.window.end - b.window.end);
  const counted = new Set<string>();
  let completedAt: number | null = null;
  // Walk the completed sessions in the order they ended until the required units are reached.
  for (const s of done) {
    counted.add(units.unitOf.get(s.id)!);
    if (completedAt === null && units.unitsTotal > 0 && counted.size >= units.unitsRequired) {
      completedAt = s.window.end;
    }
  }
  return { unitsCompleted: counted.size, completed: completedAt !== null, completedAt };
}

/** N of M: the rule's N, never more than there are units (a module removed later cannot block everyone). */
export function requiredUnits(modulesRequired: number | null, unitsTotal: number): number {
  return modulesRequired === null ? unitsTotal : Math.min(modulesRequired, unitsTotal);
}

/** Quiz points a person scored against the points offered in the sessions they are registered for. */
export interface QuizScore {
  points: number;
  maxPoints: number;
}

/**
 * A person's quiz score over the sessions they are registered for now (cancelled sessions are not
 * among them): the points of the quizzes held there, closed ones only. null: no quiz was held there.
 */
export function quizScoreOf(
  registeredSessionIds: readonly string[],
  maxBySession: ReadonlyMap<string, number>,
  points: ReadonlyMap<string, number> | undefined,
): QuizScore | null {
  let max = 0;
  let got = 0;
  for (const id of registeredSessionIds) {
    const m = maxBySession.get(id);
    if (!m) continue;
    max += m;
    got += Math.min(points?.get(id) ?? 0, m);
  }
  return max > 0 ? { points: got, maxPoints: max } : null;
}

/**
 * The program's quiz requirement (`minQuizScorePercent`, null = none): met at that % of the
 * points offered, compared exactly. A person whose sessions held no quiz meets it: nothing was
 * asked of them.
 */
export function quizRequirementMet(score: QuizScore | null, minQuizScorePercent: number | null): boolean {
  if (minQuizScorePercent === null || score === null) return true;
  return score.points * 100 >= minQuizScorePercent * score.maxPoints;
}
