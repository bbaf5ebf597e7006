import { planInvitationReminders } from './invitation-reminder.policy';

describe('invitation reminders', () => {
  const startAt = new Date('2024-06-20T05:00:00Z'); // 10:00 in Almaty (UTC+5)

  it('plans the default offsets (3 days, 1 day) before the start', () => {
    const plan = planInvitationReminders({
      startAt,
      offsetsMinutes: null,
      inviteeZone: 'Asia/Almaty',
      quietHours: null,
      invitedAt: new Date('2024-06-01T05:00:00Z'),
    });
    expect(plan.map((p) => [p.offsetMinutes, p.dueAt.toISOString()])).toEqual([
      [4320, '2024-06-17T05:00:00.000Z'],
      [1440, '2024-06-19T05:00:00.000Z'],
    ]);
  });

  it('moves one that falls in the quiet hours of the invitee to the evening before', () => {
    const [p] = planInvitationReminders({
      startAt: new Date('2024-06-20T01:00:00Z'), // 06:00 local: a day before is in the night
      offsetsMinutes: [1440],
      inviteeZone: 'Asia/Almaty',
      quietHours: { start: '22:00', end: '08:00' },
      invitedAt: new Date('2024-06-01T05:00:00Z'),
    });
    expect(p).toMatchObject({ shifted: true, dueAt: new Date('2024-06-18T16:59:00Z') });
  });

  it('sends none sooner than 12 hours after the invitation, and none after the start', () => {
    expect(
      planInvitationReminders({
        startAt,
        offsetsMinutes: null,
        inviteeZone: 'Asia/Almaty',
        quietHours: null,
        invitedAt: new Date('2024-06-18T10:00:00Z'),
      }).map((p) => p.offsetMinutes),
    ).toEqual([1440]);
    expect(
      planInvitationReminders({
        startAt,
        offsetsMinutes: null,
        inviteeZone: 'Asia/Almaty',
        quietHours: null,
        invitedAt: new Date('2024-06-18T18:00:00Z'),
      }),
    ).toEqual([]);
  });
});
