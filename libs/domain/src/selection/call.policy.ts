import { DateTime } from 'luxon';
import { conflict, invalid } from '../shared/domain.errors';
import { wallTimeToInstant } from '../shared/wall-time.policy';
import { normalizeLabel } from './call-form.policy';
import type { Quotas, RegionQuota, Rubric } from './call.entity';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_RUBRIC_CRITERIA = 12;
export const MAX_WEIGHT = 100;
export const MAX_SCALE = 1000;

/** The Young Politician School's commission: three criteria, 0-10, equal weights. */
export const DEFAULT_RUBRIC: Rubric = {
  criteria: [
    {
      key: 'career',
      label: { en: 'Career achievement', ru: 'Карьерные достижения', kk: 'Мансаптық жетістіктер' },
      weight: 1,
    },
    {
      key: 'leadership',
      label: { en: 'Leadership potential', ru: 'Лидерский потенциал', kk: 'Көшбасшылық әлеуеті' },
      weight: 1,
    },
    { key: 'motivation', label: { en: 'Motivation', ru: 'Мотивация', kk: 'Уәждеме' }, weight: 1 },
  ],
  scale: { min: 0, max: 10 },
  tieBreakCriterion: 'motivation',
};

export const DEFAULT_QUOTAS: Quotas = { nominatedSeats: 0, regionMin: 0, regionMax: null, regions: [] };

export type WindowState = 'not_open' | 'open' | 'closed';

/** Open from `opensAt` (inclusive) to `closesAt` (exclusive). */
export function windowState(call: { opensAt: Date; closesAt: Date }, now: Date): WindowState {
  if (now.getTime() < call.opensAt.getTime()) return 'not_open';
  if (now.getTime() >= call.closesAt.getTime()) return 'closed';
  return 'open';
}

/** 409 `call_not_open` / `call_closed` with the window in the call's zone. */
export function assertWindowOpen(
  call: { id: string; opensAt: Date; closesAt: Date; timeZone: string; decidedAt: Date | null },
  now: Date,
): void {
  const local = (d: Date) =>
    `${DateTime.fromJSDate(d, { zone: call.timeZone }).toFormat("yyyy-LL-dd'T'HH:mm")} ${call.timeZone} (${d.toISOString()})`;
  if (call.decidedAt) throw conflict('call_closed', `Call ${call.id} is decided: applications are closed`);
  const state = windowState(call, now);
  if (state === 'not_open') {
    throw conflict('call_not_open', `Call ${call.id} opens for applications at ${local(call.opensAt)}`);
  }
  if (state === 'closed') {
    throw conflict('call_closed', `Call ${call.id} closed for applications at ${local(call.closesAt)}`);
  }
}

/** The application window: local wall times in `timeZone` to UTC instants (400 for impossible times). */
export function resolveWindow(
  opens: string,
  closes: string,
  timeZone: string,
): { opensAt: Date; closesAt: Date } {
  const opensAt = wallTimeToInstant(opens, timeZone, 'opens');
  const closesAt = wallTimeToInstant(closes, timeZone, 'closes');
  if (closesAt.getTime() <= opensAt.getTime()) {
    throw invalid('invalid_window', `closes (${closes}) must be after opens (${opens}) in ${timeZone}`);
  }
  return { opensAt, closesAt };
}

export function assertIsoDate(value: string, field: string): void {
  if (!ISO_DATE.test(value) || !DateTime.fromISO(value, { zone: 'utc' }).isValid) {
    throw invalid('invalid_date', `${field} must be a date YYYY-MM-DD (got "${value}")`);
  }
}

/** The local calendar day an instant falls on in a zone (the default day ages are counted on). */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** Whole years between a birth date and a day; born on 29 February, one turns a year older on 1 March. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m * 100 + d < bm * 100 + bd ? 1 : 0);
}

export interface Eligibility {
  minAge: number | null;
  maxAge: number | null;
  ageOn: string;
  allowedRegionIds: readonly number[];
}

/** 400 `not_eligible` naming the rule that failed. */
export function assertEligible(rules: Eligibility, birthDate: string, regionId: number, today: string): void {
  assertIsoDate(birthDate, 'birthDate');
  if (birthDate > today) throw invalid('invalid_date', `birthDate ${birthDate} is in the future`);
  const age = ageOn(birthDate, rules.ageOn);
  if (rules.minAge !== null && age < rules.minAge) {
    throw invalid(
      'not_eligible',
      `Applicants must be at least ${rules.minAge} on ${rules.ageOn}; born ${birthDate} is ${age}`,
    );
  }
  if (rules.maxAge !== null && age > rules.maxAge) {
    throw invalid(
      'not_eligible',
      `Applicants must be at most ${rules.maxAge} on ${rules.ageOn}; born ${birthDate} is ${age}`,
    );
  }
  if (rules.allowedRegionIds.length && !rules.allowedRegionIds.includes(regionId)) {
    throw invalid(
      'not_eligible',
      `This call is open to regions [${rules.allowedRegionIds.join(', ')}]; your home region ${regionId} is not among them`,
    );
  }
}

export function assertAgeRange(minAge: number | null, maxAge: number | null): void {
  for (const [f, v] of [
    ['minAge', minAge],
    ['maxAge', maxAge],
  ] as const) {
    if (v !== null && (!Number.isInteger(v) || v < 0 || v > 150))
      throw invalid('invalid_age', `${f} must be 0-150`);
  }
  if (minAge !== null && maxAge !== null && minAge > maxAge) {
    throw invalid('invalid_age', `minAge (${minAge}) is greater than maxAge (${maxAge})`);
  }
}

/** Checks a rubric (criteria with whole weights, one scale, a tie-break criterion) or gives the default. */
export function normalizeRubric(input: Partial<Rubric> | undefined): Rubric {
  if (!input) return DEFAULT_RUBRIC;
  const criteria = input.criteria ?? DEFAULT_RUBRIC.criteria;
  if (!criteria.length || criteria.length > MAX_RUBRIC_CRITERIA) {
    throw invalid('invalid_rubric', `rubric.criteria: 1-${MAX_RUBRIC_CRITERIA} criteria`);
  }
  const keys = new Set<string>();
  const normalized = criteria.map((c, i) => {
    if (typeof c.key !== 'string' || !KEY.test(c.key)) {
      throw invalid('invalid_rubric', `rubric.criteria[${i}].key must be lower-case letters, digits and _`);
    }
    if (keys.has(c.key))
      throw invalid('invalid_rubric', `rubric.criteria[${i}].key "${c.key}" is used twice`);
    keys.add(c.key);
    const weight = c.weight ?? 1;
    if (!Number.isInteger(weight) || weight < 1 || weight > MAX_WEIGHT) {
      throw invalid('invalid_rubric', `rubric.criteria[${i}].weight must be a whole number 1-${MAX_WEIGHT}`);
    }
    return { key: c.key, label: normalizeLabel(c.label, `rubric.criteria[${i}].label`), weight };
  });
  const scale = input.scale ?? DEFAULT_RUBRIC.scale;
  for (const b of ['min', 'max'] as const) {
    if (!Number.isInteger(scale[b]) || Math.abs(scale[b]) > MAX_SCALE) {
      throw invalid('invalid_rubric', `rubric.scale.${b} must be a whole number within ±${MAX_SCALE}`);
    }
  }
  if (scale.min >= scale.max) {
    throw invalid('invalid_rubric', `rubric.scale.min (${scale.min}) must be below max (${scale.max})`);
  }
  const tieBreakCriterion =
    input.tieBreakCriterion ??
    (keys.has('motivation') ? 'motivation' : normalized[normalized.length - 1].key);
  if (!keys.has(tieBreakCriterion)) {
    throw invalid(
      'invalid_rubric',
      `rubric.tieBreakCriterion "${tieBreakCriterion}" is not one of the criteria`,
    );
  }
  return { criteria: normalized, scale: { min: scale.min, max: scale.max }, tieBreakCriterion };
}

/**
 * Checks quotas that cannot add up whatever the applicants: reserved seats above the capacity,
 * a region whose minimum exceeds its maximum, minimums over the eligible regions that need more
 * seats than the cohort has, or maximums that cannot fill it. `regionIds` are the regions that
 * may apply (the allowed ones, or every active region). Messages name the numbers.
 */
export function normalizeQuotas(
  input: Partial<Quotas> | undefined,
  capacity: number,
  regionIds: readonly number[],
): Quotas {
  const q: Quotas = { ...DEFAULT_QUOTAS, ...(input ?? {}), regions: [...(input?.regions ?? [])] };
  const whole = (v: number, f: string) => {
    if (!Number.isInteger(v) || v < 0)
      throw invalid('invalid_quotas', `quotas.${f} must be a whole number >= 0`);
  };
  whole(q.nominatedSeats, 'nominatedSeats');
  whole(q.regionMin, 'regionMin');
  if (q.regionMax !== null) whole(q.regionMax, 'regionMax');
  const seen = new Set<number>();
  const regions: RegionQuota[] = q.regions.map((r, i) => {
    if (seen.has(r.regionId))
      throw invalid('invalid_quotas', `quotas.regions[${i}]: region ${r.regionId} is listed twice`);
    seen.add(r.regionId);
    if (!regionIds.includes(r.regionId)) {
      throw invalid(
        'invalid_quotas',
        `quotas.regions[${i}]: region ${r.regionId} may not apply to this call`,
      );
    }
    if (r.min !== undefined) whole(r.min, `regions[${i}].min`);
    if (r.max !== undefined) whole(r.max, `regions[${i}].max`);
    return {
      regionId: r.regionId,
      ...(r.min !== undefined ? { min: r.min } : {}),
      ...(r.max !== undefined ? { max: r.max } : {}),
    };
  });
  const out: Quotas = {
    nominatedSeats: q.nominatedSeats,
    regionMin: q.regionMin,
    regionMax: q.regionMax,
    regions,
  };
  if (out.nominatedSeats > capacity) {
    throw invalid(
      'quotas_infeasible',
      `quotas.nominatedSeats (${out.nominatedSeats}) exceeds the capacity of the cohort (${capacity})`,
    );
  }
  let sumMin = 0;
  let sumMax = 0;
  for (const id of regionIds) {
    const { min, max } = regionBounds(out, id);
    if (max !== null && min > max) {
      throw invalid(
        'quotas_infeasible',
        `region ${id}: the minimum (${min}) is greater than the maximum (${max})`,
      );
    }
    sumMin += min;
    sumMax += max ?? Number.POSITIVE_INFINITY;
  }
  if (sumMin > capacity) {
    throw invalid(
      'quotas_infeasible',
      `the per-region minimums add up to ${sumMin} seats over the ${regionIds.length} regions that may apply, but the cohort has ${capacity}`,
    );
  }
  if (sumMax < capacity) {
    throw invalid(
      'quotas_infeasible',
      `the per-region maximums allow at most ${sumMax} seats over the ${regionIds.length} regions that may apply, but the cohort has ${capacity}`,
    );
  }
  return out;
}

/** The minimum and maximum seats of one region (its own line, else the defaults). */
export function regionBounds(q: Quotas, regionId: number): { min: number; max: number | null } {
  const own = q.regions.find((r) => r.regionId === regionId);
  return { min: own?.min ?? q.regionMin, max: own?.max ?? q.regionMax };
}
