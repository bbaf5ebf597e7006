import { DateTime, IANAZone } from 'luxon';
import { invalid } from './domain.errors';
import { isValidTimeZone } from './time-zone';

/**
 * `2024-03-02T12:00`, `2024-03-02 12:00` or with seconds; the zone says where. An offset
 * (`+06:00`, `Z`) may follow only to pick one occurrence of a time that happens twice, so it must
 * be the zone's own offset at that moment.
 */
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

export function assertZone(zone: string, field = 'timeZone'): IANAZone {
  if (!isValidTimeZone(zone)) {
    throw invalid('unknown_time_zone', `${field} "${zone}" is not an IANA time zone`);
  }
  return IANAZone.create(zone);
}

/**
 * Turns a wall-clock time in a zone into the one instant it names. Uses the zone's own offsets
 * around that moment (from the IANA database via Luxon), so a wall time that does not exist
 * (a gap) or exists twice (clocks set back, e.g. Asia/Almaty on 2024-02-29 23:30) is refused
 * instead of silently shifted.
 */
export function wallTimeToInstant(local: string, zoneName: string, field = 'start'): Date {
  const zone = assertZone(zoneName);
  const m = WALL_TIME.exec(local);
  if (!m) {
    throw invalid(
      'invalid_wall_time',
      `${field} must be a local date-time like 2024-03-02T12:00 (got "${local}")`,
    );
  }
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v)));
  const offsetText = m[7];
  const probe = DateTime.fromObject(
    { year: y, month: mo, day: d, hour: h, minute: mi, second: s },
    { zone: 'utc' },
  );
  if (!probe.isValid) {
    throw invalid('invalid_wall_time', `${field} "${local}" is not a real calendar date-time`);
  }
  const asUtc = probe.toMillis();
  const offsets = new Set<number>();
  for (const delta of [-36, -12, 0, 12, 36]) offsets.add(zone.offset(asUtc + delta * 3_600_000));
  const instants = [...offsets]
    .map((off) => asUtc - off * 60_000)
    .filter((t) => zone.offset(t) * 60_000 === asUtc - t);
  const unique = [...new Set(instants)].sort((a, b) => a - b);
  const wall = local.slice(0, local.length - (offsetText?.length ?? 0));
  if (offsetText !== undefined && unique.length > 0) {
    const wanted = offsetMinutes(offsetText);
    const hit = unique.find((t) => zone.offset(t) === wanted);
    if (hit === undefined) {
      const actual = unique.map((t) => DateTime.fromMillis(t, { zone }).toFormat('ZZ')).join(' or ');
      throw invalid(
        'invalid_wall_time',
        `${field} ${local}: ${zoneName} is at ${actual} at ${wall}, not ${offsetText}; leave the offset out or give that one`,
      );
    }
    return new Date(hit);
  }
  if (unique.length === 0) {
    throw invalid(
      'nonexistent_wall_time',
      `${field} ${local} does not exist in ${zoneName}: the clocks skip it (a time-zone change)`,
    );
  }
  if (unique.length > 1) {
    // The same wall time with each occurrence's offset: sending one of these back picks it.
    const choices = unique.map((t) => `${wall}${DateTime.fromMillis(t, { zone }).toFormat('ZZ')}`);
    throw invalid(
      'ambiguous_wall_time',
      `${field} ${local} happens twice in ${zoneName} (clocks set back): first at ${choices[0]}, then at ${choices[1]}; ` +
        `send the one you mean with its offset, e.g. "${choices[0]}"`,
      { field, choices, utc: unique.map((t) => new Date(t).toISOString()) },
    );
  }
  return new Date(unique[0]);
}

function offsetMinutes(text: string): number {
  if (text === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  return sign * (Number(text.slice(1, 3)) * 60 + Number(text.slice(4, 6)));
}

export interface ZonedTime {
  /** ISO 8601 with offset, e.g. 2024-03-02T12:00:00.000+05:00 */
  local: string;
  zone: string;
  /** Offset in minutes east of UTC at that instant. */
  offsetMinutes: number;
}

export function instantIn(instant: Date, zoneName: string): ZonedTime {
  const dt = DateTime.fromJSDate(instant, { zone: zoneName });
  return { local: dt.toISO({ suppressMilliseconds: true })!, zone: zoneName, offsetMinutes: dt.offset };
}

/** The UTC bounds of a calendar day in a zone: "today in Pavlodar" is Pavlodar's local day. */
export function localDayBounds(day: string, zoneName: string): { from: Date; to: Date } {
  const zone = assertZone(zoneName);
  const start = DateTime.fromISO(day, { zone });
  if (!start.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    throw invalid('invalid_date', `date must be YYYY-MM-DD (got "${day}")`);
  }
  return { from: start.startOf('day').toJSDate(), to: start.plus({ days: 1 }).startOf('day').toJSDate() };
}
