import { DomainError } from '../shared/domain.errors';
import type { Quotas } from './call.entity';
import { Candidate, fillVacancies, selectCohort } from './quota-selection.policy';

const q = (p: Partial<Quotas> = {}): Quotas => ({
  nominatedSeats: 0,
  regionMin: 0,
  regionMax: null,
  regions: [],
  ...p,
});
/** "r1", "r2n" ... : region number, n = nominated */
const cands = (...specs: string[]): Candidate[] =>
  specs.map((s, i) => {
    const m = /^r(\d+)(n?)$/.exec(s)!;
    return { id: `${i + 1}:${s}`, regionId: Number(m[1]), nominated: m[2] === 'n' };
  });
const ids = (r: { id: string }[]) => r.map((x) => x.id);

describe('selectCohort', () => {
  it('without quotas takes the top of the ranking and waitlists the rest in order', () => {
    const ranked = cands('r1', 'r1', 'r2', 'r3', 'r1');
    const r = selectCohort({ capacity: 3, ranked, forced: [], quotas: q() });
    expect(ids(r.selected)).toEqual(['1:r1', '2:r1', '3:r2']);
    expect(r.selected.every((s) => s.reason === 'rank')).toBe(true);
    expect(r.waitlisted).toEqual(['4:r3', '5:r1']);
  });

  it('reserves seats for nominated applicants: the best nominated ones, then the best of the rest', () => {
    // Like the Young Politician School at small scale: 5 seats, 2 for nominated.
    const ranked = cands('r1', 'r1', 'r1', 'r1', 'r1n', 'r1', 'r1n', 'r1n');
    const r = selectCohort({ capacity: 5, ranked, forced: [], quotas: q({ nominatedSeats: 2 }) });
    expect(ids(r.selected)).toEqual(['1:r1', '2:r1', '3:r1', '5:r1n', '7:r1n']);
    expect(r.selected.map((s) => s.reason)).toEqual([
      'rank',
      'rank',
      'rank',
      'nominated_quota',
      'nominated_quota',
    ]);
    expect(r.waitlisted).toEqual(['4:r1', '6:r1', '8:r1n']);
  });

  it('counts nominated applicants who win on rank toward the reserve', () => {
    const ranked = cands('r1n', 'r1n', 'r1', 'r1', 'r1n');
    const r = selectCohort({ capacity: 3, ranked, forced: [], quotas: q({ nominatedSeats: 2 }) });
    expect(ids(r.selected)).toEqual(['1:r1n', '2:r1n', '3:r1']);
    expect(r.selected.every((s) => s.reason === 'rank')).toBe(true);
  });

  it('gives every region with a ranked applicant its minimum, then fills by rank', () => {
    const ranked = cands('r1', 'r1', 'r1', 'r1', 'r2', 'r3', 'r2');
    const r = selectCohort({ capacity: 4, ranked, forced: [], quotas: q({ regionMin: 1 }) });
    expect(ids(r.selected)).toEqual(['1:r1', '2:r1', '5:r2', '6:r3']);
    expect(r.selected.map((s) => s.reason)).toEqual(['rank', 'rank', 'region_quota', 'region_quota']);
    expect(r.waitlisted).toEqual(['3:r1', '4:r1', '7:r2']);
    // region 4 has nobody: no minimum for it
    expect(r.effective.regionMinimums).toEqual({ 1: 1, 2: 1, 3: 1 });
  });

  it('uses a nominated applicant to cover a region minimum and the reserve at once', () => {
    const ranked = cands('r1', 'r1', 'r1', 'r2', 'r2n');
    // 3 seats: 1 nominated, 1 per region. r2n covers both quotas, so two seats go by rank.
    const r = selectCohort({
      capacity: 3,
      ranked,
      forced: [],
      quotas: q({ nominatedSeats: 1, regionMin: 1 }),
    });
    expect(ids(r.selected)).toEqual(['1:r1', '2:r1', '5:r2n']);
  });

  it('caps a region at its maximum and waitlists the overflow in rank order', () => {
    const ranked = cands('r1', 'r1', 'r1', 'r2', 'r2', 'r3');
    const quotas = q({ regionMax: 2, regions: [{ regionId: 2, max: 1 }] });
    const r = selectCohort({ capacity: 4, ranked, forced: [], quotas });
    expect(ids(r.selected)).toEqual(['1:r1', '2:r1', '4:r2', '6:r3']);
    expect(r.waitlisted).toEqual(['3:r1', '5:r2']);
  });

  it('applies forced selections first and counts them toward the quotas', () => {
    const ranked = cands('r1', 'r1', 'r1', 'r2');
    const forced: Candidate[] = [{ id: 'f', regionId: 2, nominated: true }];
    const r = selectCohort({ capacity: 3, ranked, forced, quotas: q({ nominatedSeats: 1, regionMin: 1 }) });
    expect(ids(r.selected)).toEqual(['f', '1:r1', '2:r1']);
    expect(r.selected[0].reason).toBe('forced');
    expect(r.waitlisted).toEqual(['3:r1', '4:r2']);
  });

  it('refuses more forced selections than seats', () => {
    const forced = cands('r1', 'r2', 'r3');
    expect(() => selectCohort({ capacity: 2, ranked: [], forced, quotas: q() })).toThrow(
      /3 applications are forced into the cohort but it has 2 seats/,
    );
  });

  it('refuses quotas that need more seats than the cohort has, with the numbers', () => {
    // 4 nominated in region 1, 1 seat per region over 4 regions: 4 + 3 = 7 > 5.
    const ranked = cands('r1n', 'r1n', 'r1n', 'r1n', 'r2', 'r3', 'r4');
    let err: DomainError | undefined;
    try {
      selectCohort({ capacity: 5, ranked, forced: [], quotas: q({ nominatedSeats: 4, regionMin: 1 }) });
    } catch (e) {
      err = e as DomainError;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect(err!.kind).toBe('invalid');
    expect(err!.code).toBe('quotas_infeasible');
    expect(err!.message).toBe(
      'The quotas need at least 7 seats but 5 are left in a cohort of 5: 4 reserved for nominated applicants ' +
        '(1 of whom can also fill a regional minimum) and 4 to give 4 regions their minimum ' +
        '[region: seats 1: 1, 2: 1, 3: 1, 4: 1]. Lower quotas.nominatedSeats or quotas.regionMin, or raise the capacity.',
    );
    expect(err!.details).toEqual({ required: 7, seatsLeft: 5 });
  });

  it('meets quotas only as far as the applicants allow, and says so', () => {
    const ranked = cands('r1', 'r1', 'r2n');
    const quotas = q({ nominatedSeats: 3, regions: [{ regionId: 1, min: 5 }] });
    const r = selectCohort({ capacity: 3, ranked, forced: [], quotas });
    expect(ids(r.selected)).toEqual(['1:r1', '2:r1', '3:r2n']);
    expect(r.effective).toEqual({ nominatedSeats: 1, regionMinimums: { 1: 2 } });
    expect(r.warnings).toEqual([
      'region 1: minimum 5 seats, but only 2 ranked applicants',
      'only 1 nominated applicants can be selected for the 3 reserved seats',
    ]);
  });

  it('keeps the best-ranked cohort that meets every quota (not a greedy that wastes seats)', () => {
    // Reserve 2 nominated, 1 per region. Ranking: nominated r1 twice at the top, r2 and r3 lower.
    // "Best nominated first" then "regions" needs 2 + 2 = 4 seats -> fits exactly in 4.
    const ranked = cands('r1n', 'r1n', 'r1', 'r1', 'r2', 'r3');
    const r = selectCohort({
      capacity: 4,
      ranked,
      forced: [],
      quotas: q({ nominatedSeats: 2, regionMin: 1 }),
    });
    expect(ids(r.selected)).toEqual(['1:r1n', '2:r1n', '5:r2', '6:r3']);
    expect(r.waitlisted).toEqual(['3:r1', '4:r1']);
  });

  it('fills 50 seats from 154 applicants in 20 regions with 20 nominated and one seat per region', () => {
    const ranked: Candidate[] = Array.from({ length: 154 }, (_, i) => ({
      id: `a${i}`,
      // regions 1..20, most applicants from the first five
      regionId: i < 100 ? 1 + (i % 5) : 1 + (i % 20),
      nominated: i % 7 === 3 && i < 140,
    }));
    const quotas = q({ nominatedSeats: 20, regionMin: 1 });
    const r = selectCohort({ capacity: 50, ranked, forced: [], quotas });
    const chosen = new Set(ids(r.selected));
    const picked = ranked.filter((c) => chosen.has(c.id));
    expect(picked).toHaveLength(50);
    expect(picked.filter((c) => c.nominated).length).toBeGreaterThanOrEqual(20);
    expect(new Set(picked.map((c) => c.regionId)).size).toBe(20);
    expect(r.waitlisted).toHaveLength(104);
    // waitlist in rank order
    const pos = new Map(ranked.map((c, i) => [c.id, i]));
    expect([...r.waitlisted].sort((a, b) => pos.get(a)! - pos.get(b)!)).toEqual(r.waitlisted);
  });
});

describe('fillVacancies', () => {
  it('gives a free seat to the first on the waitlist', () => {
    const current = cands('r1', 'r2');
    const waitlist = cands('r3', 'r1');
    expect(ids(fillVacancies(3, current, waitlist, q()))).toEqual(['1:r3']);
  });

  it('keeps the nominated reserve: a nominated leaver is replaced by the next nominated applicant', () => {
    const current: Candidate[] = [
      { id: 'x', regionId: 1, nominated: false },
      { id: 'y', regionId: 1, nominated: false },
    ];
    const waitlist = cands('r1', 'r1', 'r1n');
    expect(ids(fillVacancies(3, current, waitlist, q({ nominatedSeats: 1 })))).toEqual(['3:r1n']);
  });

  it("keeps a region's minimum when its only participant left", () => {
    const current: Candidate[] = [{ id: 'x', regionId: 1, nominated: false }];
    const waitlist = cands('r1', 'r2', 'r2');
    expect(ids(fillVacancies(2, current, waitlist, q({ regionMin: 1 })))).toEqual(['2:r2']);
  });

  it('when the quotas cannot all be met any more, picks who brings them closer, then anyone below the maximum', () => {
    const current: Candidate[] = [{ id: 'x', regionId: 1, nominated: false }];
    // two regions lack their minimum, one seat: the first who helps (r2) gets it
    expect(ids(fillVacancies(2, current, cands('r1', 'r2', 'r3'), q({ regionMin: 1 })))).toEqual(['2:r2']);
    // region 1 is at its maximum: skipped
    expect(ids(fillVacancies(2, current, cands('r1', 'r1'), q({ regionMax: 1 })))).toEqual([]);
  });

  it('does nothing without a free seat or a waitlist', () => {
    expect(fillVacancies(1, cands('r1'), cands('r2'), q())).toEqual([]);
    expect(fillVacancies(3, cands('r1'), [], q())).toEqual([]);
  });
});
