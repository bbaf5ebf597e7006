import { googleCalendarUrl, outlookCalendarUrl } from './calendar-links';

const event = {
  title: 'Праймериз & "отбор"',
  details: 'https://qatys.example/app/sessions/1',
  startUtc: '2024-03-02T07:00:00.000Z',
  endUtc: '2024-03-02T11:00:00.000Z',
  timeZone: 'Asia/Almaty',
};

describe('calendar links', () => {
  it('prefills a Google Calendar event in UTC with the session zone', () => {
    const u = new URL(googleCalendarUrl({ ...event, location: 'Астана' }));
    expect(u.origin + u.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(u.searchParams.get('action')).toBe('TEMPLATE');
    expect(u.searchParams.get('text')).toBe('Праймериз & "отбор"');
    expect(u.searchParams.get('dates')).toBe('20240302T070000Z/20240302T110000Z');
    expect(u.searchParams.get('ctz')).toBe('Asia/Almaty');
    expect(u.searchParams.get('location')).toBe('Астана');
  });

  it('prefills an Outlook event with ISO instants', () => {
    const u = new URL(outlookCalendarUrl(event));
    expect(u.hostname).toBe('outlook.live.com');
    expect(u.searchParams.get('subject')).toBe('Праймериз & "отбор"');
    expect(u.searchParams.get('startdt')).toBe('2024-03-02T07:00:00.000Z');
    expect(u.searchParams.get('enddt')).toBe('2024-03-02T11:00:00.000Z');
    expect(u.searchParams.get('body')).toBe(event.details);
    expect(u.searchParams.has('location')).toBe(false);
  });
});
