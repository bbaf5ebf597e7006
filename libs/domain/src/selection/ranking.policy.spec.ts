import { DEFAULT_RUBRIC } from './call.policy';
import type { Rubric } from './call.entity';
import { rankApplications, RankingInput, reviewMean } from './ranking.policy';

const app = (id: string, submittedAtMs: number, ...reviews: (number | null)[][]): RankingInput => ({
  id,
  submittedAtMs,
  reviews,
});

describe('rankApplications', () => {
  it('ranks by the mean over reviewers of each reviewer’s weighted mean of the criteria', () => {
    const rubric: Rubric = {
      ...DEFAULT_RUBRIC,
      criteria: DEFAULT_RUBRIC.criteria.map((c, i) => ({ ...c, weight: [1, 1, 2][i] })),
    };
    const r = rankApplications(
      [
        // reviewer means: (8+6+2*7)/4 = 7, (10+10+2*10)/4 = 10 -> 8.5
        app('a', 1, [8, 6, 7], [10, 10, 10]),
        // (9+9+2*9)/4 = 9, (8+8+2*8)/4 = 8 -> 8.5, motivation mean 8.5 as well: earlier submission wins
        app('b', 0, [9, 9, 9], [8, 8, 8]),
        // 9 and 9 -> 9
        app('c', 2, [9, 9, 9], [9, 9, 9]),
      ],
      rubric,
      2,
    );
    expect(r.map((e) => [e.id, e.rank, e.score])).toEqual([
      ['c', 1, 9],
      ['b', 2, 8.5],
      ['a', 3, 8.5],
    ]);
    expect(r[2].tieBrokenBy).toBe('submitted_at');
    expect(r[1].tieBrokenBy).toBeNull();
  });

  it('breaks ties by the higher motivation mean, then the earlier submission, then the id', () => {
    const r = rankApplications(
      [
        app('z', 5, [7, 7, 7], [7, 7, 7]), // 7, motivation 7
        app('y', 5, [8, 7, 6], [6, 7, 8]), // 7, motivation 7, same time: id decides
        app('x', 9, [6, 7, 8], [6, 7, 8]), // 7, motivation 8: first
        app('w', 1, [9, 6, 6], [9, 6, 6]), // 7, motivation 6: last despite being earliest
      ],
      DEFAULT_RUBRIC,
      2,
    );
    expect(r.map((e) => e.id)).toEqual(['x', 'y', 'z', 'w']);
    expect(r.map((e) => e.tieBrokenBy)).toEqual([null, 'tie_break_criterion', 'id', 'tie_break_criterion']);
  });

  it('compares exactly: thirds that floating point would blur still tie', () => {
    // 0.1 + 0.2 style sums: 7.1/7.2/7.3 in different orders must give equal scores.
    const r = rankApplications(
      [app('a', 2, [7.1, 7.2, 7.3], [7.3, 7.1, 7.2]), app('b', 1, [7.3, 7.2, 7.1], [7.2, 7.3, 7.1])],
      { ...DEFAULT_RUBRIC, tieBreakCriterion: 'career' },
      2,
    );
    // career means: a (7.1+7.3)/2 = 7.2, b (7.3+7.2)/2 = 7.25 -> b first, by the tie-break criterion
    expect(r.map((e) => e.id)).toEqual(['b', 'a']);
    expect(r[1].tieBrokenBy).toBe('tie_break_criterion');
    expect(r[0].score).toBeCloseTo(7.2, 10);
  });

  it('leaves incomplete reviews out, flags them, and ranks only with enough complete reviews', () => {
    const r = rankApplications(
      [
        app('full', 1, [5, 5, 5], [5, 5, 5]),
        app('partial', 2, [9, 9, 9], [9, 9, 9], [0, null, null]), // the partial one does not drag it down
        app('one', 3, [10, 10, 10]),
        app('none', 4),
      ],
      DEFAULT_RUBRIC,
      2,
    );
    expect(r.map((e) => [e.id, e.rank, e.flags])).toEqual([
      ['partial', 1, ['incomplete_reviews']],
      ['full', 2, []],
      ['one', null, ['insufficient_reviews']],
      ['none', null, ['insufficient_reviews']],
    ]);
    expect(r[0]).toMatchObject({ completeReviews: 2, incompleteReviews: 1, score: 9, tieBreakMean: 9 });
    expect(r[3]).toMatchObject({ score: null, tieBreakMean: null, completeReviews: 0 });
  });

  it('honours a per-call minimum of complete reviews', () => {
    const inputs = [app('a', 1, [5, 5, 5]), app('b', 2, [6, 6, 6], [6, 6, 6], [6, 6, 6])];
    expect(rankApplications(inputs, DEFAULT_RUBRIC, 1).map((e) => e.rank)).toEqual([1, 2]);
    expect(rankApplications(inputs, DEFAULT_RUBRIC, 3).map((e) => [e.id, e.rank])).toEqual([
      ['b', 1],
      ['a', null],
    ]);
  });
});

describe('reviewMean', () => {
  it('is the weighted mean of a complete review and null for an incomplete one', () => {
    const rubric = {
      ...DEFAULT_RUBRIC,
      criteria: DEFAULT_RUBRIC.criteria.map((c, i) => ({ ...c, weight: i + 1 })),
    };
    expect(reviewMean([6, 6, 9], rubric)).toBe((6 + 12 + 27) / 6);
    expect(reviewMean([6, null, 9], rubric)).toBeNull();
  });
});
