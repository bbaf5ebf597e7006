import type { Region } from '../identity/region.entity';
import {
  completionOf,
  ProgramUnits,
  QuizScore,
  quizRequirementMet,
  sessionCompleted,
} from './completion.policy';
import { Connections, medianMinutes, percentOf, presentMillis, Span } from './intervals.policy';

/*
 * The words of attendance, the same in the API, the CSV, the console and the docs:
 *   joined    connected at any time (the join window before the start included): what the live
 *             dashboard counts as "joined so far";
 *   present   connected at some moment inside the scheduled time [start, end);
 *   completed present for at least the program's threshold of the scheduled time (a session), or
 *             enough units completed (a program);
 *   minutes   time present inside the scheduled time, overlapping connections merged.
 * Only people whose registration is `registered` now count: a cancelled registration counts in
 * no figure, whatever it did before it was cancelled (the same people as the roster's
 * "registered" and as the follow-ups).
 */

/** One registered person's facts for one session. */
export interface SessionPresence {
  joined: boolean;
  present: boolean;
  completed: boolean;
  presentMs: number;
}

export function sessionFactsOf(
  connections: Connections | undefined,
  window: Span,
  thresholdPercent: number,
): SessionPresence {
  if (!connections) return { joined: false, present: false, completed: false, presentMs: 0 };
  const presentMs = presentMillis(connections.spans, window);
  return {
    joined: true,
    present: presentMs > 0,
    completed: sessionCompleted(presentMs, window.end - window.start, thresholdPercent),
    presentMs,
  };
}

/** One registered person's facts across a program. */
export interface ProgramPresence extends SessionPresence {
  /** Total scheduled time of the sessions the person is registered for (the base of their share). */
  scheduledMs: number;
  sessionsPresent: number;
  sessionsCompleted: number;
  unitsCompleted: number;
  completedAt: number | null;
}

/** The program's quiz requirement and the person's score (see quizScoreOf). */
export interface QuizFacts {
  score: QuizScore | null;
  minQuizScorePercent: number | null;
}

/**
 * Only the sessions the person is registered for now count (time in a session whose
 * registration was cancelled does not); cancelled sessions are not among the units at all.
 */
export function programFactsOf(
  units: ProgramUnits,
  connections: ReadonlyMap<string, Connections> | undefined,
  registeredSessionIds: readonly string[],
  thresholdPercent: number,
  quiz: QuizFacts = { score: null, minQuizScorePercent: null },
): ProgramPresence {
  // Runs for every person of a program (thousands): no per-session objects, no list unless needed.
  let presentMs = 0;
  let scheduledMs = 0;
  let joined = false;
  let sessionsPresent = 0;
  let completed: string[] | null = null;
  for (const id of registeredSessionIds) {
    const session = units.sessions.get(id);
    if (!session) continue;
    const duration = session.window.end - session.window.start;
    scheduledMs += duration;
    const c = connections?.get(id);
    if (!c) continue;
    joined = true;
    const ms = presentMillis(c.spans, session.window);
    if (ms <= 0) continue;
    presentMs += ms;
    sessionsPresent++;
    if (sessionCompleted(ms, duration, thresholdPercent)) (completed ??= []).push(id);
  }
  const c = completed ? completionOf(units, completed) : null;
  // Units and the quiz requirement together: a program is completed only when both hold.
  const done = (c?.completed ?? false) && quizRequirementMet(quiz.score, quiz.minQuizScorePercent);
  return {
    joined,
    present: presentMs > 0,
    completed: done,
    presentMs,
    scheduledMs,
    sessionsPresent,
    sessionsCompleted: completed?.length ?? 0,
    unitsCompleted: c?.unitsCompleted ?? 0,
    completedAt: done ? c!.completedAt : null,
  };
}

/** What a region line or the totals need of one registered person. */
export interface PersonFigures {
  regionId: number | null;
  joined: boolean;
  present: boolean;
  completed: boolean;
  presentMs: number;
}

export type RateBase = 'expected' | 'registered';

export interface AttendanceFiguresLine {
  /** From the roster (the session's, else the program's); null without a line. */
  expected: number | null;
  registered: number;
  joined: number;
  present: number;
  completed: number;
  /** joined / expected, %: the live dashboard's coverage; null without an expected figure. */
  coveragePercent: number | null;
  /** present / expected (else / registered, see rateBase), %. */
  presentPercent: number | null;
  rateBase: RateBase;
  /** Median minutes of those present. */
  medianMinutes: number | null;
}

export interface RegionFiguresLine extends AttendanceFiguresLine {
  /** null: people without a region (organizers only). */
  regionId: number | null;
}

/**
 * Per-region lines and totals of the people the reader may see, in one pass. Every region of
 * the roster the reader may see has a line, even when nobody from there registered.
 */
export function regionFigures(
  people: readonly PersonFigures[],
  roster: ReadonlyMap<number, number>,
  visible: (regionId: number | null) => boolean,
): { lines: RegionFiguresLine[]; totals: AttendanceFiguresLine } {
  const groups = new Map<number | null, PersonFigures[]>();
  for (const r of roster.keys()) if (visible(r)) groups.set(r, []);
  const seen: PersonFigures[] = [];
  for (const p of people) {
    if (!visible(p.regionId)) continue;
    seen.push(p);
    const g = groups.get(p.regionId);
    if (g) g.push(p);
    else groups.set(p.regionId, [p]);
  }
  const lines = [...groups]
    .sort(([a], [b]) => (a ?? 0) - (b ?? 0))
    .map(([regionId, group]) => ({
      regionId,
      ...figures(group, regionId === null ? null : (roster.get(regionId) ?? null)),
    }));
  const anyExpected = lines.some((l) => l.expected !== null);
  const expected = anyExpected ? lines.reduce((s, l) => s + (l.expected ?? 0), 0) : null;
  return { lines, totals: figures(seen, expected) };
}

function figures(group: readonly PersonFigures[], expected: number | null): AttendanceFiguresLine {
  let joined = 0;
  let completed = 0;
  const presentMs: number[] = [];
  for (const p of group) {
    if (p.joined) joined++;
    if (p.completed) completed++;
    if (p.present) presentMs.push(p.presentMs);
  }
  const registered = group.length;
  return {
    expected,
    registered,
    joined,
    present: presentMs.length,
    completed,
    coveragePercent: percentOf(joined, expected),
    presentPercent: percentOf(presentMs.length, expected ?? registered),
    rateBase: expected !== null ? 'expected' : 'registered',
    medianMinutes: medianMinutes(presentMs),
  };
}

/** A region line as the reports give it: the region itself instead of its id. */
export interface ReportRegionLine extends AttendanceFiguresLine {
  /** null: people without a region (organizers only). */
  region: Region | null;
}

export function withRegions(
  lines: readonly RegionFiguresLine[],
  regions: ReadonlyMap<number, Region>,
): ReportRegionLine[] {
  return lines.map(({ regionId, ...l }) => ({
    region: regionId === null ? null : regions.get(regionId)!,
    ...l,
  }));
}

const collator = new Intl.Collator();

/** Report order: by region (people without one first), then by name. */
export function byRegionThenName(
  a: { regionId: number | null; displayName: string },
  b: { regionId: number | null; displayName: string },
): number {
  return (a.regionId ?? 0) - (b.regionId ?? 0) || collator.compare(a.displayName, b.displayName);
}
