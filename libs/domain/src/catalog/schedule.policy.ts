import { DateTime } from 'luxon';
import { invalid } from '../shared/domain.errors';
import { localDayBounds } from '../shared/wall-time.policy';
import { SESSION_STATUSES, SessionStatus } from './session.entity';

/** An instant must say where it is: `Z` or an explicit offset; a bare local time is refused. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function parseInstant(value: string, field: string): Date {
  const dt = DateTime.fromISO(value, { setZone: true });
  if (!INSTANT.test(value) || !dt.isValid) {
    throw invalid(
      'invalid_instant',
      `${field} must be an ISO 8601 instant with Z or an offset, e.g. 2024-06-20T00:00:00Z (got "${value}")`,
    );
  }
  return dt.toJSDate();
}

export interface ScheduleWindowInput {
  from?: string;
  to?: string;
  /** A local calendar day, read in `dayZone`. */
  date?: string;
  dayZone: string;
}

/**
 * The time window of a schedule query: explicit instants and/or a local day ("today in Pavlodar"
 * is Pavlodar's midnight to midnight as UTC instants); when both are given, their intersection.
 * A session is in the window when it overlaps it.
 */
export function scheduleWindow(q: ScheduleWindowInput): { from?: Date; to?: Date } {
  let from = q.from !== undefined ? parseInstant(q.from, 'from') : undefined;
  let to = q.to !== undefined ? parseInstant(q.to, 'to') : undefined;
  if (q.date !== undefined) {
    const day = localDayBounds(q.date, q.dayZone);
    from = from && from > day.from ? from : day.from;
    to = to && to < day.to ? to : day.to;
  }
  if (from && to && from.getTime() >= to.getTime()) {
    throw invalid(
      'invalid_range',
      q.date !== undefined && (q.from !== undefined || q.to !== undefined)
        ? `from/to do not overlap the local day ${q.date}`
        : `from (${from.toISOString()}) must be before to (${to.toISOString()})`,
    );
  }
  return { from, to };
}

/** `status=scheduled,live` -> the list, refusing names that are not statuses. */
export function parseStatusList(value: string): SessionStatus[] {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((s) => !(SESSION_STATUSES as readonly string[]).includes(s));
  if (!list.length || bad.length) {
    throw invalid(
      'invalid_status',
      `status must be a comma-separated list of ${SESSION_STATUSES.join(', ')} (got "${bad.join(',') || value}")`,
    );
  }
  return [...new Set(list)] as SessionStatus[];
}

export const SCHEDULE_SORTS = ['startAt', '-startAt', 'title', '-title', 'createdAt', '-createdAt'] as const;
export type ScheduleSort = (typeof SCHEDULE_SORTS)[number];
