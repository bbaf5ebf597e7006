import { Injectable } from '@nestjs/common';
import { LiveAccessService, LiveIdentity } from '../attendance/live-access.service';
import { canModerate } from '../qa/question.policy';
import { forbidden } from '../shared/domain.errors';

/**
 * Who runs the engagement of a session: the people who moderate its questions (moderators,
 * organizers and admins, the session's speakers), never coordinators alone or attendees. Roles
 * come from the verified token, speakers and disabled accounts from the catalog (fresh per
 * process: the gateway's rosters).
 */
@Injectable()
export class EngagementAccess {
  constructor(private readonly access: LiveAccessService) {}

  async canManage(identity: LiveIdentity, sessionId: string): Promise<boolean> {
    if (!identity.staff) return false;
    const person = await this.access.personFacts(sessionId, identity.userId);
    return !person.disabled && canModerate(identity.staff.roles, person.isSpeaker);
  }

  async assertManager(identity: LiveIdentity, sessionId: string): Promise<void> {
    if (!(await this.canManage(identity, sessionId))) {
      throw forbidden(
        'Only moderators, organizers and the speakers of the session may run its polls, hands and chat',
      );
    }
  }
}
