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

/** Milliseconds a person was present within the window, overlapping intervals merged. */
export function presentMillis(spans: readonly Span[], window: Span): number {
  return mergeSpans(clipSpans(spans, window)).reduce((sum, s) => sum + (s.end - s.start), 0);
}

export interface StoredInterval {
  joinedAt: Date;
  leftAt: Date | null;
}

/**
 * Stored intervals as spans; one still open counts until `openUntil` (now, or the session end
 * when the session is over: the window clips it anyway).
 */
export function toSpans(intervals: readonly StoredInterval[], openUntil: number): Span[] {
  return intervals.map((i) => ({
    start: i.joinedAt.getTime(),
    end: i.leftAt ? i.leftAt.getTime() : Math.max(openUntil, i.joinedAt.getTime()),
  }));
}

/** Median of the values (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Minutes with one decimal, from milliseconds. */
export const minutesOf = (ms: number): number => Math.round(ms / 6000) / 10;

/** part / whole in percent with one decimal; null when there is no whole to compare with. */
export function percentOf(part: number, whole: number | null | undefined): number | null {
  if (!whole || whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}
