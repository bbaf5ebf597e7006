import { assertNotSelfDemotion, assertNotSelfDisable, normalizeRoleGrant } from './user-roles.policy';

describe('normalizeRoleGrant', () => {
  it('deduplicates roles in a fixed order', () => {
    expect(normalizeRoleGrant(['attendee', 'organizer', 'attendee'])).toEqual({
      roles: ['organizer', 'attendee'],
      coordinatorRegionIds: [],
    });
  });

  it('needs coordinator regions exactly when the roles include coordinator', () => {
    expect(normalizeRoleGrant(['coordinator'], [3, 3, 5])).toEqual({
      roles: ['coordinator'],
      coordinatorRegionIds: [3, 5],
    });
    expect(() => normalizeRoleGrant(['coordinator'])).toThrow(
      'coordinatorRegionIds must list at least one region when roles include coordinator',
    );
    expect(() => normalizeRoleGrant(['attendee'], [3])).toThrow(
      /only be given when roles include coordinator/,
    );
  });

  it('refuses empty and unknown roles', () => {
    expect(() => normalizeRoleGrant([])).toThrow(/at least one role/);
    expect(() => normalizeRoleGrant(['root'])).toThrow(/unknown role\(s\) root/);
    expect(() => normalizeRoleGrant(['coordinator'], [0])).toThrow(/positive region ids/);
  });
});

describe('self-protection', () => {
  it('stops an admin from removing their own admin role, not from changing others', () => {
    expect(() => assertNotSelfDemotion('a', 'a', ['admin'], ['organizer'])).toThrow(/own admin role/);
    expect(() => assertNotSelfDemotion('a', 'a', ['admin'], ['admin', 'organizer'])).not.toThrow();
    expect(() => assertNotSelfDemotion('a', 'b', ['admin'], ['attendee'])).not.toThrow();
  });

  it('stops an admin from disabling their own account', () => {
    expect(() => assertNotSelfDisable('a', 'a')).toThrow(/own account/);
    expect(() => assertNotSelfDisable('a', 'b')).not.toThrow();
  });
});
