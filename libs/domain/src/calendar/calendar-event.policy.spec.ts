import { CalendarSession, sessionIcsFilename, sessionToIcsEvent, sessionUid } from './calendar-event.policy';

const session = (s: Partial<CalendarSession> = {}): CalendarSession => ({
  id: '7b0e4a52-9c1d-4a7e-9d59-1d2c3b4a5e6f',
  title: { kk: 'Праймериз қалай өтеді', ru: 'Как проходят праймериз', en: 'How primaries work' },
  description: { ru: 'Модуль 1', en: 'Module 1' },
  startAt: new Date('2024-03-02T07:00:00Z'),
  endAt: new Date('2024-03-02T11:00:00Z'),
  venue: null,
  joinUrl: 'https://meet.example.kz/m1',
  status: 'scheduled',
  version: 1,
  createdAt: new Date('2024-02-01T00:00:00Z'),
  updatedAt: new Date('2024-02-02T00:00:00Z'),
  ...s,
});

describe('sessionToIcsEvent', () => {
  it('uses a stable UID and SEQUENCE = version - 1', () => {
    const first = sessionToIcsEvent(session(), 'ru');
    const moved = sessionToIcsEvent(session({ version: 3, startAt: new Date('2024-03-03T07:00:00Z') }), 'ru');
    expect(first.uid).toBe(`session-${session().id}@qatys`);
    expect(moved.uid).toBe(first.uid);
    expect(first.sequence).toBe(0);
    expect(moved.sequence).toBe(2);
    expect(sessionUid('x')).toBe('session-x@qatys');
  });

  it("picks the reader's language and falls back when a translation is missing", () => {
    expect(sessionToIcsEvent(session(), 'kk').summary).toBe('Праймериз қалай өтеді');
    expect(sessionToIcsEvent(session(), 'kk').description).toBe(
      'Модуль 1\n\nҚосылу сілтемесі: https://meet.example.kz/m1',
    );
    expect(sessionToIcsEvent(session({ title: { en: 'Only English' } }), 'ru').summary).toBe('Only English');
    expect(sessionToIcsEvent(session({ title: {} }), 'en').summary).toBe('Session');
  });

  it('puts speakers and the join link in the description, venue or join URL as location', () => {
    const online = sessionToIcsEvent(session(), 'en', { speakerNames: ['A. Nurlanova', 'B. Seitkali'] });
    expect(online.description).toBe(
      'Module 1\n\nSpeakers: A. Nurlanova, B. Seitkali\n\nJoin link: https://meet.example.kz/m1',
    );
    expect(online.location).toBe('https://meet.example.kz/m1');
    expect(online.url).toBe('https://meet.example.kz/m1');
    const offline = sessionToIcsEvent(
      session({ venue: 'Astana, Academy hall', joinUrl: null, description: {} }),
      'en',
    );
    expect(offline.location).toBe('Astana, Academy hall');
    expect(offline.url).toBeNull();
    expect(offline.description).toBeNull();
  });

  it('marks cancelled sessions CANCELLED without an alarm, and waitlisted seats TENTATIVE', () => {
    const cancelled = sessionToIcsEvent(session({ status: 'cancelled', version: 2 }), 'ru');
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.alarm).toBeNull();
    expect(cancelled.sequence).toBe(1);
    const scheduled = sessionToIcsEvent(session(), 'ru');
    expect(scheduled.status).toBe('CONFIRMED');
    expect(scheduled.alarm).toEqual({
      minutesBefore: 15,
      description: 'Как проходят праймериз: Начнётся через 15 минут',
    });
    expect(sessionToIcsEvent(session(), 'ru', { waitlisted: true }).status).toBe('TENTATIVE');
    expect(sessionToIcsEvent(session({ status: 'cancelled' }), 'ru', { waitlisted: true }).status).toBe(
      'CANCELLED',
    );
  });
});

describe('sessionIcsFilename', () => {
  it('keeps only safe characters', () => {
    expect(sessionIcsFilename('ab-12"\r\n/..')).toBe('qatys-session-ab-12.ics');
  });
});
