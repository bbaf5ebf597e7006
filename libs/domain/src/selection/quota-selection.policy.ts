import { invalid } from '../shared/domain.errors';
import type { Quotas } from './call.entity';
import { regionBounds } from './call.policy';

/**
 * Filling a cohort: seats reserved for nominated applicants, minimum and maximum seats per
 * region, then rank.
 *
 * The ranked applicants are walked in rank order; each one is taken when (a) their region is
 * below its maximum and (b) after taking them the quotas can still all be met with the seats that
 * remain and the applicants not yet walked. (b) is an exact test (see `required`), so the result
 * is the best-ranked cohort that meets every quota: an applicant is passed over only when their
 * seat is needed for a nominated applicant or for a region's minimum further down the ranking.
 * Those passed over and everyone after the last seat are waitlisted, in rank order.
 *
 * Quotas are met as far as the applicants allow: a region's minimum counts only where it has
 * ranked applicants (and never above their number or the region's maximum), and the nominated
 * reserve never exceeds the nominated applicants that fit under the regional maximums. When the
 * quotas still need more seats than the cohort has, the run is refused (400 `quotas_infeasible`)
 * with the numbers.
 */

export interface Candidate {
  id: string;
  regionId: number;
  nominated: boolean;
}

export type SelectReason = 'forced' | 'rank' | 'nominated_quota' | 'region_quota';

export interface CohortInput {
  capacity: number;
  /** Rank order; without the forced-in and the forced-out. */
  ranked: readonly Candidate[];
  /** Forced in by an organizer (they count toward the quotas). */
  forced: readonly Candidate[];
  quotas: Quotas;
}

export interface CohortResult {
  selected: { id: string; reason: SelectReason }[];
  /** Rank order. */
  waitlisted: string[];
  /** The quotas as they could be applied to these applicants. */
  effective: { nominatedSeats: number; regionMinimums: Record<number, number> };
  warnings: string[];
}

interface RegionState {
  /** selected */
  c: number;
  /** not yet walked */
  a: number;
  /** nominated among them */
  n: number;
  min: number;
  max: number;
}

class QuotaState {
  readonly regions = new Map<number, RegionState>();
  nominatedSelected = 0;
  nominatedTarget = 0;

  region(id: number): RegionState {
    let r = this.regions.get(id);
    if (!r) {
      r = { c: 0, a: 0, n: 0, min: 0, max: Number.POSITIVE_INFINITY };
      this.regions.set(id, r);
    }
    return r;
  }

  /**
   * Fewest more seats that meet every quota: each region's missing minimum, plus the nominated
   * applicants still needed beyond those who can fill a missing regional minimum themselves.
   * Infinity when no choice of the applicants left can meet them.
   */
  required(): number {
    let regional = 0;
    let nominatedInside = 0;
    let nominatedRoom = 0;
    for (const r of this.regions.values()) {
      const room = Math.max(0, r.max - r.c);
      const missing = Math.max(0, r.min - r.c);
      if (missing > Math.min(r.a, room)) return Number.POSITIVE_INFINITY;
      regional += missing;
      nominatedInside += Math.min(r.n, missing);
      nominatedRoom += Math.min(r.n, room);
    }
    const nominatedMissing = Math.max(0, this.nominatedTarget - this.nominatedSelected);
    if (nominatedMissing > nominatedRoom) return Number.POSITIVE_INFINITY;
    return regional + Math.max(0, nominatedMissing - nominatedInside);
  }

  nominatedMissing(): number {
    return Math.max(0, this.nominatedTarget - this.nominatedSelected);
  }
}

function prepare(input: CohortInput): { state: QuotaState; warnings: string[] } {
  const state = new QuotaState();
  for (const f of input.forced) {
    state.region(f.regionId).c++;
    if (f.nominated) state.nominatedSelected++;
  }
  for (const c of input.ranked) {
    const r = state.region(c.regionId);
    r.a++;
    if (c.nominated) r.n++;
  }
  const warnings: string[] = [];
  let nominatedPossible = state.nominatedSelected;
  for (const [id, r] of [...state.regions].sort(([a], [b]) => a - b)) {
    const { min, max } = regionBounds(input.quotas, id);
    r.max = max ?? Number.POSITIVE_INFINITY;
    if (r.c > r.max) warnings.push(`region ${id}: ${r.c} forced selections exceed its maximum of ${r.max}`);
    r.min = Math.min(min, r.c + r.a, Math.max(r.max, r.c));
    if (r.min < min)
      warnings.push(`region ${id}: minimum ${min} seats, but only ${r.c + r.a} ranked applicants`);
    nominatedPossible += Math.min(r.n, Math.max(0, r.max - r.c));
  }
  state.nominatedTarget = Math.min(input.quotas.nominatedSeats, nominatedPossible);
  if (state.nominatedTarget < input.quotas.nominatedSeats) {
    warnings.push(
      `only ${state.nominatedTarget} nominated applicants can be selected for the ${input.quotas.nominatedSeats} reserved seats`,
    );
  }
  return { state, warnings };
}

function infeasibleMessage(state: QuotaState, input: CohortInput, seats: number): string {
  let regional = 0;
  let inside = 0;
  const lacking: string[] = [];
  for (const [id, r] of [...state.regions].sort(([a], [b]) => a - b)) {
    const missing = Math.max(0, r.min - r.c);
    if (!missing) continue;
    regional += missing;
    inside += Math.min(r.n, missing);
    lacking.push(`${id}: ${missing}`);
  }
  const required = state.required();
  const forced = input.forced.length ? ` after ${input.forced.length} forced selections` : '';
  return (
    `The quotas need at least ${required} seats but ${seats} are left${forced} in a cohort of ${input.capacity}: ` +
    `${state.nominatedMissing()} reserved for nominated applicants (${inside} of whom can also fill a regional minimum) ` +
    `and ${regional} to give ${lacking.length} regions their minimum [region: seats ${lacking.join(', ')}]. ` +
    `Lower quotas.nominatedSeats or quotas.regionMin, or raise the capacity.`
  );
}

/** The cohort from the ranking and the quotas (pure; see the module comment). */
export function selectCohort(input: CohortInput): CohortResult {
  if (input.forced.length > input.capacity) {
    throw invalid(
      'overrides_exceed_capacity',
      `${input.forced.length} applications are forced into the cohort but it has ${input.capacity} seats`,
    );
  }
  const { state, warnings } = prepare(input);
  let seats = input.capacity - input.forced.length;
  if (state.required() > seats) {
    throw invalid('quotas_infeasible', infeasibleMessage(state, input, seats), {
      required: state.required(),
      seatsLeft: seats,
    });
  }
  const selected: CohortResult['selected'] = input.forced.map((f) => ({ id: f.id, reason: 'forced' }));
  const waitlisted: string[] = [];
  for (const c of input.ranked) {
    const r = state.region(c.regionId);
    r.a--;
    if (c.nominated) r.n--;
    if (seats === 0 || r.c >= r.max) {
      waitlisted.push(c.id);
      continue;
    }
    // Would someone who helps no quota still fit? If not, this seat is a quota seat.
    const quotaSeat = state.required() > seats - 1;
    const nominatedWanted = c.nominated && state.nominatedMissing() > 0;
    r.c++;
    if (c.nominated) state.nominatedSelected++;
    if (state.required() <= seats - 1) {
      seats--;
      selected.push({
        id: c.id,
        reason: !quotaSeat ? 'rank' : nominatedWanted ? 'nominated_quota' : 'region_quota',
      });
    } else {
      r.c--;
      if (c.nominated) state.nominatedSelected--;
      waitlisted.push(c.id);
    }
  }
  const regionMinimums: Record<number, number> = {};
  for (const [id, r] of state.regions) if (r.min > 0) regionMinimums[id] = r.min;
  return {
    selected,
    waitlisted,
    effective: { nominatedSeats: state.nominatedTarget, regionMinimums },
    warnings,
  };
}

/**
 * Who moves up from the waitlist when selected people leave: the cohort so far is kept, and the
 * free seats go to the waitlist in order under the same quota rule (so a seat a nominated
 * applicant or a region's only participant gave up goes, when possible, to the next nominated
 * applicant or the next one from that region). When the quotas can no longer all be met, the
 * seat goes to the first waitlisted applicant who brings them closer, else to the first one whose
 * region is below its maximum.
 */
export function fillVacancies(
  capacity: number,
  current: readonly Candidate[],
  waitlist: readonly Candidate[],
  quotas: Quotas,
): Candidate[] {
  let seats = capacity - current.length;
  if (seats <= 0 || !waitlist.length) return [];
  const input: CohortInput = { capacity, ranked: waitlist, forced: current, quotas };
  const { state } = prepare(input);
  const chosen: Candidate[] = [];
  const passed: Candidate[] = [];
  for (const c of waitlist) {
    const r = state.region(c.regionId);
    r.a--;
    if (c.nominated) r.n--;
    if (seats === 0 || r.c >= r.max) {
      passed.push(c);
      continue;
    }
    const before = state.required();
    r.c++;
    if (c.nominated) state.nominatedSelected++;
    const after = state.required();
    if (after <= seats - 1 || (before > seats && after < before)) {
      seats--;
      chosen.push(c);
    } else {
      r.c--;
      if (c.nominated) state.nominatedSelected--;
      passed.push(c);
    }
  }
  for (const c of passed) {
    if (seats === 0) break;
    const r = state.region(c.regionId);
    if (r.c >= r.max) continue;
    r.c++;
    seats--;
    chosen.push(c);
  }
  const order = new Map(waitlist.map((c, i) => [c.id, i]));
  return chosen.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}
