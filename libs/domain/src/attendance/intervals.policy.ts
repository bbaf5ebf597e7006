/** A span of time in epoch milliseconds, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Merges overlapping or touching spans (two tabs, a reconnect) so time is never counted twice.
 * Empty or inverted spans are dropped. Returns a new sorted list.
 */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** The parts of the spans inside the window (time before the start or after the end does not count). */
export function clipSpans(spans: readonly Span[], window: Span): Span[] {
  return spans
    .map((s) => ({ start: Math.max(s.start, window.start), end: Math.min(s.end, window.end) }))
    .filter((s) => s.end > s.start);
}

/**
 * Milliseconds a person was present within the window, overlapping intervals merged: the sum of
 * mergeSpans(clipSpans(spans, window)), in one pass without intermediate lists (a program report
 * runs it for every person and session).
 */
export function presentMillis(spans: readonly Span[], window: Span): number {
  const clipped: Span[] = [];
  for (const s of spans) {
    const start = s.start > window.start ? s.start : window.start;
    const end = s.end < window.end ? s.end : window.end;
    if (end > start) clipped.push({ start, end });
  }
  if (clipped.length > 1) clipped.sort((a, b) => a.start - b.start);
  let sum = 0;
  let from = 0;
  let to = 0;
  let open = false;
  for (const s of clipped) {
    if (open && s.start <= to) {
      if (s.end > to) to = s.end;
      continue;
    }
    if (open) sum += to - from;
    from = s.start;
    to = s.end;
    open = true;
  }
  return open ? sum + (to - from) : 0;
}

/** Median of the values (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Rounding (the one rule of every figure a person reads): computed on exact milliseconds and
// counts, rounded once at the end to one decimal, halves up. Inputs are integers (ms, people),
// so a half is exactly representable and always goes up: 0.05 min -> 0.1, 12.25 % -> 12.3.
// Decisions (the threshold, present or not) never look at a rounded figure.

/** Minutes with one decimal, from milliseconds. */
export const minutesOf = (ms: number): number => Math.round(ms / 6000) / 10;

/** part / whole in percent with one decimal; null when there is no whole to compare with. */
export function percentOf(part: number, whole: number | null | undefined): number | null {
  if (!whole || whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

/** Median of millisecond values as minutes with one decimal (the median first, then rounding). */
export function medianMinutes(ms: readonly number[]): number | null {
  const m = median(ms);
  return m === null ? null : minutesOf(m);
}

/** A stored interval as read for a report: instants in epoch ms, `leftMs` null while open. */
export interface IntervalRecord {
  sessionId: string;
  userId: string;
  joinedMs: number;
  leftMs: number | null;
}

/** One person's connections to one session. */
export interface Connections {
  /** As spans; an open one runs until `openUntil`. */
  spans: Span[];
  firstJoinedAt: number;
  /** null while any connection is open. */
  lastLeftAt: number | null;
  open: boolean;
}

/**
 * Intervals grouped by person, then session, in one pass (a report never scans the whole log
 * per person). An open interval counts until `openUntil` (now; the window clips it anyway).
 */
export function connectionsByPerson(
  rows: readonly IntervalRecord[],
  openUntil: number,
): Map<string, Map<string, Connections>> {
  const out = new Map<string, Map<string, Connections>>();
  for (const r of rows) {
    let bySession = out.get(r.userId);
    if (!bySession) out.set(r.userId, (bySession = new Map()));
    const end = r.leftMs ?? Math.max(openUntil, r.joinedMs);
    const c = bySession.get(r.sessionId);
    if (!c) {
      bySession.set(r.sessionId, {
        spans: [{ start: r.joinedMs, end }],
        firstJoinedAt: r.joinedMs,
        lastLeftAt: r.leftMs,
        open: r.leftMs === null,
      });
      continue;
    }
    c.spans.push({ start: r.joinedMs, end });
    if (r.joinedMs < c.firstJoinedAt) c.firstJoinedAt = r.joinedMs;
    if (r.leftMs === null) c.open = true;
    else if (c.lastLeftAt === null || r.leftMs > c.lastLeftAt) c.lastLeftAt = r.leftMs;
  }
  for (const bySession of out.values()) {
    for (const c of bySession.values()) if (c.open) c.lastLeftAt = null;
  }
  return out;
}
