import { presentMillis, Span } from './intervals.policy';

export const DEFAULT_ATTENDED_THRESHOLD_PERCENT = 75;

/** A session counts as attended at >= threshold % of its duration (the organizer's rule per program). */
export function sessionAttended(presentMs: number, sessionMs: number, thresholdPercent: number): boolean {
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

export interface CompletionRule {
  thresholdPercent: number;
  /** null: every unit. */
  modulesRequired: number | null;
}

export interface CompletionResult {
  /** Sessions the person attended at the threshold. */
  attendedSessionIds: string[];
  /** Units (modules; or sessions when the program has no modules) attended. */
  unitsAttended: number;
  unitsTotal: number;
  unitsRequired: number;
  completed: boolean;
  /** End of the session that completed the program (epoch ms), null when not completed. */
  completedAt: number | null;
}

/**
 * The units of a program: its modules when it has any (a module is attended through any one of
 * its sessions), else each session on its own. Sessions without a module in a program that has
 * modules count towards nothing.
 */
export function completionOf(
  sessions: readonly CompletionSession[],
  moduleIds: readonly string[],
  spansBySession: ReadonlyMap<string, readonly Span[]>,
  rule: CompletionRule,
): CompletionResult {
  const attendedSessionIds = sessions
    .filter((s) =>
      sessionAttended(
        presentMillis(spansBySession.get(s.id) ?? [], s.window),
        s.window.end - s.window.start,
        rule.thresholdPercent,
      ),
    )
    .map((s) => s.id);
  const attended = new Set(attendedSessionIds);
  let unitsTotal: number;
  let unitsAttended: number;
  if (moduleIds.length) {
    const known = new Set(moduleIds);
    unitsTotal = known.size;
    unitsAttended = new Set(
      sessions
        .filter((s) => attended.has(s.id) && s.moduleId && known.has(s.moduleId))
        .map((s) => s.moduleId),
    ).size;
  } else {
    unitsTotal = sessions.length;
    unitsAttended = attended.size;
  }
  const unitsRequired = requiredUnits(rule.modulesRequired, unitsTotal);
  const completed = unitsTotal > 0 && unitsAttended >= unitsRequired;
  let completedAt: number | null = null;
  if (completed) {
    // Walk the attended sessions in the order they ended until the required units are reached.
    const unitOf = (s: CompletionSession) => (moduleIds.length ? s.moduleId : s.id);
    const counted = new Set<string | null>();
    const known = new Set(moduleIds);
    for (const s of sessions.filter((x) => attended.has(x.id)).sort((a, b) => a.window.end - b.window.end)) {
      if (moduleIds.length && (!s.moduleId || !known.has(s.moduleId))) continue;
      counted.add(unitOf(s));
      if (counted.size >= unitsRequired) {
        completedAt = s.window.end;
        break;
      }
    }
  }
  return { attendedSessionIds, unitsAttended, unitsTotal, unitsRequired, completed, completedAt };
}

/** N of M: the rule's N, never more than there are units (a module removed later cannot block everyone). */
export function requiredUnits(modulesRequired: number | null, unitsTotal: number): number {
  return modulesRequired === null ? unitsTotal : Math.min(modulesRequired, unitsTotal);
}
