import type { MyRegistrationItem } from '../public/public-types';
import { groupOf } from './my-sessions.policy';

const NOW = Date.parse('2026-06-15T10:00:00Z');
const view = (utc: string) => ({
  utc,
  reader: { local: utc, zone: 'UTC', offsetMinutes: 0 },
  ofRecord: { local: utc, zone: 'UTC', offsetMinutes: 0 },
});

function reg(
  status: MyRegistrationItem['status'],
  sessionStatus: MyRegistrationItem['session']['status'],
  endUtc = '2026-06-16T12:00:00Z',
): MyRegistrationItem {
  return {
    id: 'r',
    sessionId: 's',
    status,
    session: {
      id: 's',
      status: sessionStatus,
      timeZone: 'Asia/Almaty',
      start: view('2026-06-16T08:00:00Z'),
      end: view(endUtc),
    },
  } as MyRegistrationItem;
}

describe('my sessions: which list a registration is in', () => {
  it('puts held seats and waiting places of open sessions up front', () => {
    expect(groupOf(reg('registered', 'scheduled'), NOW)).toBe('upcoming');
    expect(groupOf(reg('registered', 'live'), NOW)).toBe('upcoming');
    expect(groupOf(reg('waitlisted', 'scheduled'), NOW)).toBe('waitlisted');
  });

  it('moves what is over to past, and a waiting place that never came to cancelled', () => {
    expect(groupOf(reg('registered', 'ended'), NOW)).toBe('past');
    expect(groupOf(reg('registered', 'scheduled', '2026-06-15T09:00:00Z'), NOW)).toBe('past');
    expect(groupOf(reg('waitlisted', 'ended'), NOW)).toBe('cancelled');
  });

  it('keeps cancelled registrations and cancelled sessions apart', () => {
    expect(groupOf(reg('cancelled', 'scheduled'), NOW)).toBe('cancelled');
    expect(groupOf(reg('registered', 'cancelled'), NOW)).toBe('cancelled');
  });
});
