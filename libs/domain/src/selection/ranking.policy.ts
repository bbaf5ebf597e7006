import type { Rubric } from './call.entity';

/**
 * Ranking of a call's applications from the commission's scores.
 *
 * - A reviewer's review of an application is complete when every criterion is scored; its value
 *   is the weighted mean of the criteria. An incomplete review does not count (and is flagged).
 * - An application's score is the plain mean over its complete reviews.
 * - It is ranked only with at least `minReviews` complete reviews.
 * - Ties (equal scores) are broken by the higher mean of the tie-break criterion (motivation by
 *   default), then by the earlier submission, then by the application id (a stable last resort).
 *
 * Scores have at most 2 decimals and weights are whole numbers, so every comparison is done on
 * integers (hundredths, cross-multiplied): two applications tie exactly, never "almost".
 */

/** One reviewer's scores of one application, in the rubric's criteria order; null = not scored yet. */
export type ReviewScores = readonly (number | null)[];

export interface RankingInput {
  id: string;
  submittedAtMs: number;
  reviews: readonly ReviewScores[];
}

export type RankFlag = 'incomplete_reviews' | 'insufficient_reviews';
export type TieBreak = 'tie_break_criterion' | 'submitted_at' | 'id';

export interface RankEntry {
  id: string;
  /** 1-based; null when not ranked. */
  rank: number | null;
  /** Weighted mean over complete reviews (null without any). */
  score: number | null;
  /** Mean of the tie-break criterion over complete reviews. */
  tieBreakMean: number | null;
  completeReviews: number;
  incompleteReviews: number;
  flags: RankFlag[];
  /** What put this entry below the one just above it when their scores are equal. */
  tieBrokenBy: TieBreak | null;
  submittedAtMs: number;
}

interface Work {
  input: RankingInput;
  /** Σ over complete reviews of Σ weight × hundredths */
  weighted: number;
  /** Σ over complete reviews of the tie-break criterion, in hundredths */
  tie: number;
  complete: number;
  incomplete: number;
}

const hundredths = (v: number) => Math.round(v * 100);

function summarize(input: RankingInput, weights: readonly number[], tieIndex: number): Work {
  let weighted = 0;
  let tie = 0;
  let complete = 0;
  let incomplete = 0;
  for (const review of input.reviews) {
    let sum = 0;
    let scored = 0;
    for (let c = 0; c < weights.length; c++) {
      const v = review[c];
      if (v === null || v === undefined) continue;
      sum += weights[c] * hundredths(v);
      scored++;
    }
    if (scored === weights.length) {
      weighted += sum;
      tie += hundredths(review[tieIndex]!);
      complete++;
    } else if (scored > 0) {
      incomplete++;
    }
  }
  return { input, weighted, tie, complete, incomplete };
}

/** < 0 when `a` ranks before `b`. Both have at least one complete review. */
function compareWork(a: Work, b: Work): number {
  const byScore = b.weighted * a.complete - a.weighted * b.complete;
  if (byScore !== 0) return byScore;
  return tieBreakStep(a, b)[0];
}

function tieBreakStep(a: Work, b: Work): [number, TieBreak] {
  const byTie = b.tie * a.complete - a.tie * b.complete;
  if (byTie !== 0) return [byTie, 'tie_break_criterion'];
  const bySubmission = a.input.submittedAtMs - b.input.submittedAtMs;
  if (bySubmission !== 0) return [bySubmission, 'submitted_at'];
  return [a.input.id < b.input.id ? -1 : a.input.id > b.input.id ? 1 : 0, 'id'];
}

/** Ranked applications first (rank order), then the unranked ones by submission. */
export function rankApplications(
  inputs: readonly RankingInput[],
  rubric: Rubric,
  minReviews: number,
): RankEntry[] {
  const weights = rubric.criteria.map((c) => c.weight);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const tieIndex = rubric.criteria.findIndex((c) => c.key === rubric.tieBreakCriterion);
  const work = inputs.map((i) => summarize(i, weights, tieIndex));
  const ranked = work.filter((w) => w.complete >= minReviews && w.complete > 0).sort(compareWork);
  const unranked = work
    .filter((w) => !(w.complete >= minReviews && w.complete > 0))
    .sort((a, b) => a.input.submittedAtMs - b.input.submittedAtMs || (a.input.id < b.input.id ? -1 : 1));

  const entry = (w: Work, rank: number | null, tieBrokenBy: TieBreak | null): RankEntry => {
    const flags: RankFlag[] = [];
    if (w.incomplete > 0) flags.push('incomplete_reviews');
    if (rank === null) flags.push('insufficient_reviews');
    return {
      id: w.input.id,
      rank,
      score: w.complete ? w.weighted / (w.complete * totalWeight * 100) : null,
      tieBreakMean: w.complete ? w.tie / (w.complete * 100) : null,
      completeReviews: w.complete,
      incompleteReviews: w.incomplete,
      flags,
      tieBrokenBy,
      submittedAtMs: w.input.submittedAtMs,
    };
  };
  return [
    ...ranked.map((w, i) => {
      const prev = ranked[i - 1];
      const tied = prev !== undefined && prev.weighted * w.complete === w.weighted * prev.complete;
      return entry(w, i + 1, tied ? tieBreakStep(prev, w)[1] : null);
    }),
    ...unranked.map((w) => entry(w, null, null)),
  ];
}

/** One complete review's weighted mean (null when a criterion is missing), for display. */
export function reviewMean(review: ReviewScores, rubric: Rubric): number | null {
  let sum = 0;
  let weight = 0;
  for (let c = 0; c < rubric.criteria.length; c++) {
    const v = review[c];
    if (v === null || v === undefined) return null;
    sum += rubric.criteria[c].weight * hundredths(v);
    weight += rubric.criteria[c].weight;
  }
  return sum / (weight * 100);
}
