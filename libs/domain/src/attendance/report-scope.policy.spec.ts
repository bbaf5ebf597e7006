import type { Actor } from '../shared/actor';
import { DomainError } from '../shared/domain.errors';
import { reportScope } from './report-scope.policy';

const actor = (roles: Actor['roles'], coordinatorRegionIds: number[] = []): Actor => ({
  userId: 'u',
  roles,
  coordinatorRegionIds,
  timeZone: 'Asia/Almaty',
  language: 'ru',
});

describe('reportScope', () => {
  it('lets organizers and admins see every region and the people without one', () => {
    for (const roles of [['organizer'], ['admin']] as Actor['roles'][]) {
      const visible = reportScope(actor(roles));
      expect([visible(16), visible(null)]).toEqual([true, true]);
    }
  });

  it('lets a coordinator see their regions only', () => {
    const visible = reportScope(actor(['coordinator'], [16, 7]));
    expect([visible(16), visible(7), visible(3), visible(null)]).toEqual([true, true, false, false]);
  });

  it('refuses everybody else, and a coordinator without regions', () => {
    for (const a of [actor(['attendee']), actor(['moderator']), actor(['coordinator'])]) {
      expect(() => reportScope(a)).toThrow(DomainError);
    }
  });
});
