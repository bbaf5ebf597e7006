import { createHash } from 'crypto';
import type { Quotas, Rubric } from './call.entity';
import { Candidate, selectCohort } from './quota-selection.policy';
import type { RankEntry } from './ranking.policy';
import type { OverrideDecision, RunOutcome, RunSummary } from './selection-run.entity';

export interface SelectionApp {
  id: string;
  regionId: number;
  nominated: boolean;
}

export interface PlanInput {
  capacity: number;
  quotas: Quotas;
  minReviews: number;
  apps: ReadonlyMap<string, SelectionApp>;
  /** Every application in the competition, ranked ones first (see rankApplications). */
  ranking: readonly RankEntry[];
  overrides: ReadonlyMap<string, OverrideDecision>;
}

/**
 * A selection run's outcome for every application in the competition:
 * - forced in by an organizer: selected (they take seats first and count toward the quotas);
 * - forced out: rejected;
 * - ranked: selected or waitlisted by the quota rule (quota-selection.policy);
 * - not ranked (fewer complete reviews than the call needs): rejected as `insufficient_reviews`,
 *   and the preview warns about each.
 */
export function planSelection(p: PlanInput): { outcomes: RunOutcome[]; summary: RunSummary } {
  const candidate = (id: string): Candidate => {
    const a = p.apps.get(id)!;
    return { id, regionId: a.regionId, nominated: a.nominated };
  };
  const forced = p.ranking.filter((e) => p.overrides.get(e.id) === 'select').map((e) => candidate(e.id));
  const ranked = p.ranking
    .filter((e) => e.rank !== null && !p.overrides.has(e.id))
    .map((e) => candidate(e.id));
  const cohort = selectCohort({ capacity: p.capacity, ranked, forced, quotas: p.quotas });
  const selected = new Map(cohort.selected.map((s) => [s.id, s.reason]));
  const waitlist = new Map(cohort.waitlisted.map((id, i) => [id, i + 1]));

  const outcomes: RunOutcome[] = [];
  const selectedByRegion: Record<string, number> = {};
  let nominatedSelected = 0;
  let unranked = 0;
  for (const e of p.ranking) {
    const why = selected.get(e.id);
    if (why) {
      outcomes.push({ a: e.id, d: 'selected', r: e.rank, w: null, why });
      const app = p.apps.get(e.id)!;
      selectedByRegion[app.regionId] = (selectedByRegion[app.regionId] ?? 0) + 1;
      if (app.nominated) nominatedSelected++;
    } else if (waitlist.has(e.id)) {
      outcomes.push({ a: e.id, d: 'waitlisted', r: e.rank, w: waitlist.get(e.id)!, why: 'waitlist' });
    } else if (p.overrides.get(e.id) === 'reject') {
      outcomes.push({ a: e.id, d: 'rejected', r: e.rank, w: null, why: 'override' });
    } else {
      outcomes.push({ a: e.id, d: 'rejected', r: null, w: null, why: 'insufficient_reviews' });
      unranked++;
    }
  }
  const warnings = [...cohort.warnings];
  if (unranked) {
    warnings.push(
      `${unranked} applications have fewer than ${p.minReviews} complete reviews: they are not ranked and will be rejected unless forced in`,
    );
  }
  return {
    outcomes,
    summary: {
      capacity: p.capacity,
      selected: cohort.selected.length,
      waitlisted: cohort.waitlisted.length,
      rejected: outcomes.length - cohort.selected.length - cohort.waitlisted.length,
      nominatedSelected,
      selectedByRegion,
      warnings,
    },
  };
}

/**
 * JSON with every object's keys sorted: the quotas a preview hashed come back from a jsonb column
 * with their keys in jsonb's order, and the commit must hash the same text for the same values.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * sha256 of everything a selection depends on: the call's capacity, rules and quotas, which
 * applications compete (id, region, nominated, submission time), every counted score and every
 * override. Rows must come in a fixed order (the loader sorts them).
 */
export class InputsHasher {
  private readonly h = createHash('sha256');
  private buf: string[] = [];

  constructor(config: { capacity: number; minReviews: number; rubric: Rubric; quotas: Quotas }) {
    this.push(canonicalJson(config));
  }

  push(line: string): void {
    this.buf.push(line);
    if (this.buf.length >= 4096) this.flush();
  }

  digest(): string {
    this.flush();
    return this.h.digest('hex');
  }

  private flush(): void {
    if (this.buf.length) this.h.update(this.buf.join('\n') + '\n');
    this.buf = [];
  }
}
