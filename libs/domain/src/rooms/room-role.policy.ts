import type { LiveStaffScope } from '../attendance/join.policy';
import type { RoomRole } from './video-provider';

/**
 * Who does what in a session's room: organizers, admins and moderators run it (moderator), the
 * session's speakers publish (speaker), everyone else watches (attendee) — coordinators too, who
 * follow their regions from the dashboard, not on camera. Roles come from the verified token and
 * the speaker list, never from the client.
 */
export function roomRoleOf(f: {
  staff: LiveStaffScope | null;
  roles: readonly string[];
  isSpeaker: boolean;
}): RoomRole {
  if (f.staff?.kind === 'all') {
    if (f.roles.some((r) => r === 'admin' || r === 'organizer' || r === 'moderator')) return 'moderator';
    if (f.isSpeaker) return 'speaker';
  }
  return 'attendee';
}

/** A room takes people until the session's end; after it (or once ended) nobody, staff included. */
export function roomOpen(f: { now: Date; endAt: Date; status: string }): boolean {
  return f.status !== 'ended' && f.status !== 'cancelled' && f.now.getTime() < f.endAt.getTime();
}
