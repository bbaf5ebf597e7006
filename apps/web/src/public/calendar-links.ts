/**
 * "Add to calendar" beyond the .ics file: prefilled event pages of Google Calendar and Outlook on
 * the web. Only links a person follows by choice; the page itself calls neither service. Times
 * go as UTC instants (Google: basic format with Z; Outlook: ISO), so no offset is restated here.
 */
export interface CalendarEvent {
  title: string;
  details: string;
  startUtc: string;
  endUtc: string;
  /** The session's zone of record (Google shows the event in it). */
  timeZone: string;
  location?: string | null;
}

const basic = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

export function googleCalendarUrl(e: CalendarEvent): string {
  const q = new URLSearchParams({
    action: 'TEMPLATE',
    text: e.title,
    dates: `${basic(e.startUtc)}/${basic(e.endUtc)}`,
    details: e.details,
    ctz: e.timeZone,
  });
  if (e.location) q.set('location', e.location);
  return `https://calendar.google.com/calendar/render?${q.toString()}`;
}

export function outlookCalendarUrl(e: CalendarEvent): string {
  const q = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: e.title,
    startdt: new Date(e.startUtc).toISOString(),
    enddt: new Date(e.endUtc).toISOString(),
    body: e.details,
  });
  if (e.location) q.set('location', e.location);
  return `https://outlook.live.com/calendar/0/deeplink/compose?${q.toString()}`;
}
