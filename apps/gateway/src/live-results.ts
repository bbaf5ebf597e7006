import type { SessionJoinResult } from '@qatys/contracts';
import { LiveJoin, toStaffScope } from '@qatys/domain';

/** The `session:join` ack of a join the domain decided. */
export function joinResult(j: LiveJoin): SessionJoinResult {
  return {
    sessionId: j.sessionId,
    role: j.staff ? 'staff' : 'attendee',
    staffScope: j.staff ? toStaffScope(j.staff) : null,
    counted: j.counted,
    regionId: j.regionId,
    sectionId: j.sectionId,
    session: {
      startAt: j.session.startAt.toISOString(),
      endAt: j.session.endAt.toISOString(),
      status: j.session.status,
      qaPremoderation: j.session.settings.qaPremoderation,
    },
    attendance: j.attendance,
  };
}
