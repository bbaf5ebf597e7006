/**
 * Time on the page: instants come from the API in UTC with the zone of record; they are shown in
 * the viewer's zone (profile, else the browser's) with the IANA database, never with a fixed
 * offset. Wall times typed by an organizer are checked here with Luxon before sending: a time that
 * does not exist in the zone (a gap) or happens twice (a fold) is refused with a reason.
 *
 * Showing instants needs no Luxon (the browser's Intl has the same IANA rules): that part lives
 * in clock.ts, so the attendee's page does not download Luxon; it is re-exported here for the
 * console's code.
 */
import { DateTime, IANAZone } from 'luxon';

export {
  allZones,
  browserZone,
  countdown,
  dateTimeText,
  dateTimeWithZone,
  dayText,
  inputOfWallTime,
  KZ_ZONES,
  offsetLabel,
  timeText,
  timeWithZone,
  wallTimeOfInput,
} from './clock';

export const isZone = (z: string): boolean => IANAZone.isValidZone(z);

export type WallTimeCheck =
  { ok: true; utc: string } | { ok: false; reason: 'invalid' | 'nonexistent' | 'ambiguous' | 'zone' };

const WALL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** Resolves a local wall time ("2024-03-02T12:00") in an IANA zone to exactly one instant, or says why not. */
export function checkWallTime(wall: string, zone: string): WallTimeCheck {
  if (!isZone(zone)) return { ok: false, reason: 'zone' };
  if (!WALL.test(wall)) return { ok: false, reason: 'invalid' };
  const naive = DateTime.fromISO(wall, { zone: 'UTC' });
  if (!naive.isValid) return { ok: false, reason: 'invalid' };
  // Every offset the zone has around that day; each that maps back to the same wall time is a
  // real instant with that clock reading.
  const offsets = new Set<number>();
  for (const h of [-36, -12, 0, 12, 36]) offsets.add(naive.plus({ hours: h }).setZone(zone).offset);
  const hits = new Set<number>();
  for (const off of offsets) {
    const instant = naive.minus({ minutes: off });
    if (instant.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm") === wall) hits.add(instant.toMillis());
  }
  if (hits.size === 0) return { ok: false, reason: 'nonexistent' };
  if (hits.size > 1) return { ok: false, reason: 'ambiguous' };
  return { ok: true, utc: DateTime.fromMillis([...hits][0], { zone: 'UTC' }).toISO()! };
}
