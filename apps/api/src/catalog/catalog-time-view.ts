import { IANAZone } from 'luxon';
import { instantIn } from '@qatys/domain';
import type { LocalTime, TimeView } from '../common/time-view';

/**
 * The same TimeView as common/time-view.ts's `timeView`, for lists. A page of 50 sessions renders
 * 200 zoned times, and Luxon asks Intl for the zone offset each time, which was the largest single
 * cost of GET /sessions. The offset of a zone at an instant never changes (short of a tzdata
 * update, i.e. a restart), so each (zone, instant) is computed once with Luxon and kept.
 * Anything unusual (UTC aliases Luxon writes as "Z", offsets with seconds, far years) is handed
 * to Luxon unchanged, and a unit spec checks the two agree.
 */
const MAX_ENTRIES = 50_000;
const cache = new Map<string, Map<number, LocalTime>>();
let entries = 0;

export function catalogTimeView(instant: Date, readerZone: string, recordZone: string): TimeView {
  return {
    utc: instant.toISOString(),
    reader: localTime(instant, readerZone),
    ofRecord: localTime(instant, recordZone),
  };
}

export function localTime(instant: Date, zone: string): LocalTime {
  const ts = instant.getTime();
  let byTs = cache.get(zone);
  const hit = byTs?.get(ts);
  if (hit) return hit;
  const computed = compute(instant, ts, zone);
  if (entries >= MAX_ENTRIES) {
    cache.clear();
    entries = 0;
  }
  if (!byTs) cache.set(zone, (byTs = new Map()));
  byTs.set(ts, computed);
  entries++;
  return computed;
}

const YEAR_1000 = Date.UTC(1000, 0, 1);
const YEAR_9999 = Date.UTC(9999, 11, 31);

function compute(instant: Date, ts: number, zone: string): LocalTime {
  const lower = zone.toLowerCase();
  if (lower === 'utc' || lower === 'gmt' || ts < YEAR_1000 || ts > YEAR_9999) return instantIn(instant, zone);
  const offset = IANAZone.create(zone).offset(ts);
  if (!Number.isInteger(offset)) return instantIn(instant, zone);
  const shifted = new Date(ts + offset * 60_000);
  const iso = shifted.toISOString();
  const local = (shifted.getUTCMilliseconds() ? iso.slice(0, 23) : iso.slice(0, 19)) + formatOffset(offset);
  return Object.freeze({ local, zone, offsetMinutes: offset }) as LocalTime;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
