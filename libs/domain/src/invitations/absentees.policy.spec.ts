import { absenteesByRegion, AttendeeFacts, ListedPersonFacts } from './absentees.policy';

const listed = (
  id: string,
  userId: string | null,
  regionId: number,
  status = 'invited',
): ListedPersonFacts => ({
  id,
  userId,
  regionId,
  fullName: `Person ${id}`,
  email: userId ? `${id}@x.kz` : null,
  phone: userId ? null : '+77010000000',
  organization: 'Мәслихат',
  position: 'Депутат',
  status,
});
const attendee = (userId: string, regionId: number | null, present: boolean): AttendeeFacts => ({
  userId,
  regionId,
  displayName: `Account ${userId}`,
  email: `${userId}@acc.kz`,
  present,
});

describe('who did not come', () => {
  it('splits the list into present, registered but absent, and never registered, per region', () => {
    const lines = absenteesByRegion(
      [
        listed('a', 'ua', 55),
        listed('b', 'ub', 55),
        listed('c', 'uc', 55, 'declined'),
        listed('d', null, 55, 'listed'),
        listed('e', 'ue', 39, 'bounced'),
      ],
      [attendee('ua', 55, true), attendee('ub', 55, false), attendee('walkin', 55, false)],
    );
    expect(lines.map((l) => [l.regionId, l.listed, l.registered, l.present])).toEqual([
      [39, 1, 0, 0],
      [55, 4, 3, 1],
    ]);
    const pavlodar = lines[1];
    expect(pavlodar.invitedAbsent.map((p) => [p.inviteeId, p.status])).toEqual([
      ['c', 'declined'],
      ['d', 'listed'],
    ]);
    expect(pavlodar.registeredAbsent.map((p) => [p.fullName, p.listed])).toEqual([
      ['Account walkin', false],
      ['Person b', true],
    ]);
    expect(lines[0].invitedAbsent.map((p) => p.status)).toEqual(['bounced']);
  });
});
