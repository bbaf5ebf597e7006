import type { Actor } from '../shared/actor';
import {
  canEditRosterRegion,
  registrationClosedReason,
  decideRegistrationStatus,
  freeSeats,
  isRegionTargeted,
  planPromotions,
  registrationReadScope,
  SeatPool,
} from './registration.policy';

const pool = (capacity: number | null, registeredCount: number): SeatPool => ({ capacity, registeredCount });
const actor = (roles: Actor['roles'], coordinatorRegionIds: number[] = []): Actor => ({
  userId: 'u',
  roles,
  coordinatorRegionIds,
  timeZone: 'Asia/Almaty',
  language: 'ru',
});

describe('decideRegistrationStatus', () => {
  it('gives a seat when the session (and section, if any) has room; null capacity is unlimited', () => {
    expect(decideRegistrationStatus(pool(10, 9))).toBe('registered');
    expect(decideRegistrationStatus(pool(null, 10_000))).toBe('registered');
    expect(decideRegistrationStatus(pool(10, 9), pool(3, 2))).toBe('registered');
    expect(decideRegistrationStatus(pool(10, 9), pool(null, 50))).toBe('registered');
  });

  it('waitlists when either the session or the section is full', () => {
    expect(decideRegistrationStatus(pool(10, 10))).toBe('waitlisted');
    expect(decideRegistrationStatus(pool(0, 0))).toBe('waitlisted');
    expect(decideRegistrationStatus(pool(10, 3), pool(3, 3))).toBe('waitlisted');
    expect(decideRegistrationStatus(pool(3, 3), pool(10, 0))).toBe('waitlisted');
  });

  it('counts free seats, never negative', () => {
    expect(freeSeats(pool(10, 4))).toBe(6);
    expect(freeSeats(pool(2, 5))).toBe(0);
    expect(freeSeats(pool(null, 5))).toBe(Infinity);
  });
});

describe('registrationClosedReason', () => {
  const now = new Date('2024-06-20T10:00:00Z');
  it('is open while scheduled or live and not past its end', () => {
    expect(
      registrationClosedReason({ status: 'scheduled', endAt: new Date('2024-06-20T11:00:00Z') }, now),
    ).toBeNull();
    expect(
      registrationClosedReason({ status: 'live', endAt: new Date('2024-06-20T11:00:00Z') }, now),
    ).toBeNull();
  });
  it('is closed when cancelled, ended, or past its end whatever the status says', () => {
    expect(
      registrationClosedReason({ status: 'cancelled', endAt: new Date('2030-01-01T00:00:00Z') }, now),
    ).toBe('cancelled');
    expect(registrationClosedReason({ status: 'ended', endAt: new Date('2030-01-01T00:00:00Z') }, now)).toBe(
      'ended',
    );
    expect(
      registrationClosedReason({ status: 'scheduled', endAt: new Date('2024-06-20T10:00:00Z') }, now),
    ).toBe('ended');
  });
});

describe('isRegionTargeted', () => {
  it('lets everyone in when no region is targeted', () => {
    expect(isRegionTargeted([], 5)).toBe(true);
    expect(isRegionTargeted([], null)).toBe(true);
  });
  it('requires the region among the targets otherwise (no region = not targeted)', () => {
    expect(isRegionTargeted([5, 9], 9)).toBe(true);
    expect(isRegionTargeted([5, 9], 3)).toBe(false);
    expect(isRegionTargeted([5, 9], null)).toBe(false);
  });
});

describe('planPromotions', () => {
  it('promotes in FIFO order up to the free session seats', () => {
    const wl = [1, 2, 3, 4].map((i) => ({ id: `r${i}`, sectionId: null }));
    expect(planPromotions(pool(10, 8), new Map(), wl)).toEqual(['r1', 'r2']);
    expect(planPromotions(pool(10, 10), new Map(), wl)).toEqual([]);
    expect(planPromotions(pool(null, 10), new Map(), wl)).toEqual(['r1', 'r2', 'r3', 'r4']);
  });

  it('skips someone whose section is still full and gives the seat to the next who fits', () => {
    const sections = new Map([
      ['A', pool(2, 2)],
      ['B', pool(5, 1)],
    ]);
    const wl = [
      { id: 'a1', sectionId: 'A' },
      { id: 'b1', sectionId: 'B' },
      { id: 'n1', sectionId: null },
    ];
    expect(planPromotions(pool(10, 9), sections, wl)).toEqual(['b1']);
    expect(planPromotions(pool(10, 7), sections, wl)).toEqual(['b1', 'n1']);
  });

  it('counts the seats it hands out within a section', () => {
    const sections = new Map([['A', pool(3, 1)]]);
    const wl = ['x', 'y', 'z'].map((id) => ({ id, sectionId: 'A' }));
    expect(planPromotions(pool(null, 0), sections, wl)).toEqual(['x', 'y']);
  });

  it('ignores candidates of an unknown section', () => {
    expect(planPromotions(pool(5, 0), new Map(), [{ id: 'q', sectionId: 'gone' }])).toEqual([]);
  });
});

describe('scopes', () => {
  it('lets organizers and admins read all, coordinators their regions, nobody else', () => {
    expect(registrationReadScope(actor(['organizer']))).toBe('all');
    expect(registrationReadScope(actor(['admin']))).toBe('all');
    expect(registrationReadScope(actor(['coordinator'], [3, 4]))).toEqual([3, 4]);
    expect(registrationReadScope(actor(['attendee']))).toBeNull();
    expect(registrationReadScope(actor(['speaker', 'moderator']))).toBeNull();
  });

  it('lets coordinators edit only their own regions of a roster', () => {
    expect(canEditRosterRegion(actor(['organizer']), 7)).toBe(true);
    expect(canEditRosterRegion(actor(['coordinator'], [7]), 7)).toBe(true);
    expect(canEditRosterRegion(actor(['coordinator'], [7]), 8)).toBe(false);
    expect(canEditRosterRegion(actor(['attendee'], [7]), 7)).toBe(false);
  });
});
