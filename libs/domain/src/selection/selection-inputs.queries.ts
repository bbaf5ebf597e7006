import type { EntityManager } from 'typeorm';
import type { Call, Quotas } from './call.entity';
import { rankApplications, RankEntry, RankingInput } from './ranking.policy';
import type { OverrideDecision } from './selection-run.entity';
import { InputsHasher, SelectionApp } from './selection-run.policy';

/** What the selection reads: the competing applications, their counted reviews, the overrides. */
export interface SelectionInputs {
  apps: Map<string, SelectionApp & { submittedAtMs: number }>;
  ranking: RankEntry[];
  overrides: Map<string, OverrideDecision>;
  hash: string;
}

/**
 * Loads the competing applications (all but withdrawn), their reviews (one row per application
 * and reviewer, scores aligned to the rubric, conflicted reviewers left out), the overrides,
 * ranks them and hashes it all. Grouping happens in SQL, the arithmetic in rankApplications.
 */
export async function loadSelectionInputs(
  em: EntityManager,
  call: Call,
  quotas: Quotas,
): Promise<SelectionInputs> {
  const hasher = new InputsHasher({
    capacity: call.capacity,
    minReviews: call.minReviews,
    rubric: call.rubric,
    quotas,
  });
  const appRows: { id: string; regionId: number; nominated: boolean; t: number }[] = await em.query(
    `SELECT id, region_id AS "regionId", nominated, (extract(epoch FROM submitted_at) * 1000)::float8 AS t
       FROM selection_applications WHERE call_id = $1 AND status <> 'withdrawn' ORDER BY id`,
    [call.id],
  );
  const apps = new Map<string, SelectionApp & { submittedAtMs: number }>();
  for (const a of appRows) {
    apps.set(a.id, { id: a.id, regionId: a.regionId, nominated: a.nominated, submittedAtMs: a.t });
    hasher.push(`a|${a.id}|${a.regionId}|${a.nominated ? 1 : 0}|${a.t}`);
  }
  const keys = call.rubric.criteria.map((c) => c.key);
  // One column per criterion (null: not scored); the criterion keys are parameters, never SQL text.
  const columns = keys
    .map((_, k) => `(max(s.value) FILTER (WHERE s.criterion = $${k + 2}))::float8 AS c${k}`)
    .join(', ');
  const reviewRows: Record<string, string | number | null>[] = await em.query(
    `SELECT s.application_id AS a, s.reviewer_id AS r, ${columns}
       FROM selection_scores s
      WHERE s.call_id = $1
        AND NOT EXISTS (SELECT 1 FROM selection_conflicts c
                         WHERE c.application_id = s.application_id AND c.reviewer_id = s.reviewer_id)
      GROUP BY s.application_id, s.reviewer_id
      ORDER BY s.application_id, s.reviewer_id`,
    [call.id, ...keys],
  );
  const reviews = new Map<string, (number | null)[][]>();
  for (const row of reviewRows) {
    const a = row.a as string;
    if (!apps.has(a)) continue;
    const values: (number | null)[] = new Array(keys.length);
    for (let k = 0; k < keys.length; k++) values[k] = row[`c${k}`] as number | null;
    let list = reviews.get(a);
    if (!list) reviews.set(a, (list = []));
    list.push(values);
    hasher.push(`r|${a}|${row.r}|${values.join(',')}`);
  }
  const overrideRows: { id: string; decision: OverrideDecision }[] = await em.query(
    `SELECT application_id AS id, decision FROM selection_overrides WHERE call_id = $1 ORDER BY application_id`,
    [call.id],
  );
  const overrides = new Map<string, OverrideDecision>();
  for (const o of overrideRows) {
    if (!apps.has(o.id)) continue;
    overrides.set(o.id, o.decision);
    hasher.push(`o|${o.id}|${o.decision}`);
  }
  const inputs: RankingInput[] = [];
  for (const a of apps.values())
    inputs.push({ id: a.id, submittedAtMs: a.submittedAtMs, reviews: reviews.get(a.id) ?? [] });
  return {
    apps,
    ranking: rankApplications(inputs, call.rubric, call.minReviews),
    overrides,
    hash: hasher.digest(),
  };
}
