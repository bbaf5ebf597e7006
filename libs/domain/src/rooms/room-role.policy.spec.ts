import { roomOpen, roomRoleOf } from './room-role.policy';

describe('roomRoleOf', () => {
  const all = { kind: 'all' as const };
  it('organizers, admins and moderators run the room', () => {
    for (const r of ['organizer', 'admin', 'moderator']) {
      expect(roomRoleOf({ staff: all, roles: [r], isSpeaker: false })).toBe('moderator');
    }
  });
  it('speakers publish', () => {
    expect(roomRoleOf({ staff: all, roles: ['attendee'], isSpeaker: true })).toBe('speaker');
  });
  it('coordinators and attendees watch, whatever they claim', () => {
    expect(
      roomRoleOf({ staff: { kind: 'regions', regionIds: [1] }, roles: ['coordinator'], isSpeaker: false }),
    ).toBe('attendee');
    expect(roomRoleOf({ staff: null, roles: ['organizer'], isSpeaker: true })).toBe('attendee');
  });
});

describe('roomOpen', () => {
  const endAt = new Date('2030-01-01T10:00:00Z');
  it('is open until the end, closed once ended or cancelled', () => {
    expect(roomOpen({ now: new Date('2030-01-01T09:59:59Z'), endAt, status: 'scheduled' })).toBe(true);
    expect(roomOpen({ now: new Date('2030-01-01T10:00:00Z'), endAt, status: 'scheduled' })).toBe(false);
    expect(roomOpen({ now: new Date('2030-01-01T09:00:00Z'), endAt, status: 'ended' })).toBe(false);
    expect(roomOpen({ now: new Date('2030-01-01T09:00:00Z'), endAt, status: 'cancelled' })).toBe(false);
  });
});
