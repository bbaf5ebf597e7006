import { composeMessage, MessageView, TEMPLATES, ZONE_LABELS } from './message-templates';
import { formatInstant, formatSessionTime, formatStartsIn, renderMessage, zoneName } from './message.render';
import { NOTIFICATION_KINDS } from './notification.entity';

/** Every field filled with Cyrillic stand-ins: whatever Latin remains comes from the template. */
const CYRILLIC_VIEW: MessageView = {
  name: 'Айгерим',
  title: 'Тақырып',
  program: 'Бағдарлама',
  when: 'УАҚЫТ',
  sessionWhen: 'СЕССИЯ УАҚЫТЫ',
  startsIn: 'ЖАҚЫНДА',
  oldWhen: 'БҰРЫНҒЫ УАҚЫТ',
  oldSessionWhen: 'БҰРЫНҒЫ СЕССИЯ УАҚЫТЫ',
  joinLink: 'СІЛТЕМЕ',
  venue: 'ОРЫН',
  reason: 'СЕБЕП',
  calendarAttached: true,
  recordingUrl: 'ЖАЗБА',
  call: 'ІРІКТЕУ',
  waitlistRank: 3,
  promoted: true,
};

/** The brand is the one Latin word allowed in every language. */
const latinWords = (s: string) => (s.match(/[A-Za-z]+/g) ?? []).filter((w) => w !== 'Qatys');

describe('message templates', () => {
  it('has kk, ru and en for every kind', () => {
    for (const lang of ['kk', 'ru', 'en'] as const) {
      expect(Object.keys(TEMPLATES[lang]).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    }
  });

  it.each(['kk', 'ru'] as const)('lets no English leak into %s (no Latin words in any kind)', (lang) => {
    for (const kind of NOTIFICATION_KINDS) {
      const { subject, lines } = composeMessage(kind, lang, CYRILLIC_VIEW);
      expect({ kind, words: latinWords([subject, ...lines].join('\n')) }).toEqual({ kind, words: [] });
      // With a session zone differing from the attendee's and no optional parts, still none.
      const bare = composeMessage(kind, lang, {
        ...CYRILLIC_VIEW,
        sessionWhen: null,
        joinLink: null,
        reason: null,
        recordingUrl: null,
        waitlistRank: null,
        promoted: false,
      });
      expect(latinWords([bare.subject, ...bare.lines].join('\n'))).toEqual([]);
    }
    expect(latinWords(ZONE_LABELS[lang]('Алматы'))).toEqual([]);
  });

  it('leaves out the optional lines when there is nothing to say', () => {
    const { lines } = composeMessage('reminder', 'en', {
      ...CYRILLIC_VIEW,
      sessionWhen: null,
      joinLink: null,
      venue: null,
    });
    expect(lines).toEqual(['Hello, Айгерим!', '"Тақырып" starts ЖАҚЫНДА: УАҚЫТ.', '— Qatys']);
  });
});

describe('rendering', () => {
  const startAt = new Date('2024-03-04T07:00:00Z'); // 12:00 in Almaty and in Qostanay (UTC+5)

  it("formats the start in the attendee's zone and locale, naming the zone as people say it", () => {
    expect(formatInstant(startAt, 'Asia/Qostanay', 'en')).toBe(
      'Monday, 4 March 2024 at 12:00 (Kostanay Time)',
    );
    expect(formatInstant(startAt, 'Asia/Qostanay', 'ru')).toBe(
      'понедельник, 4 марта 2024 г. в 12:00 (время: Костанай)',
    );
    expect(formatInstant(startAt, 'Asia/Qostanay', 'kk')).toBe(
      '2024 ж. 4 наурыз, дүйсенбі, 12:00 (Қостанай уақыты)',
    );
    expect(formatInstant(startAt, 'Europe/Berlin', 'kk')).toBe(
      '2024 ж. 4 наурыз, дүйсенбі, 08:00 (Германия уақыты)',
    );
  });

  it('names every Kazakhstan zone in kk, ru and en from ICU, never by its IANA id', () => {
    const names = (lang: 'kk' | 'ru' | 'en') =>
      ['Asia/Almaty', 'Asia/Aqtobe', 'Asia/Oral', 'Asia/Atyrau', 'Asia/Aqtau', 'Asia/Qyzylorda'].map((z) =>
        zoneName(startAt, z, lang),
      );
    expect(names('kk')).toEqual([
      'Алматы уақыты',
      'Ақтөбе уақыты',
      'Орал уақыты',
      'Атырау уақыты',
      'Ақтау уақыты',
      'Қызылорда уақыты',
    ]);
    expect(names('ru')).toEqual(['Алматы', 'Актобе', 'Уральск', 'Атырау', 'Актау', 'Кызылорда']);
    expect(names('en')).toEqual([
      'Almaty Time',
      'Aqtobe Time',
      'Oral Time',
      'Atyrau Time',
      'Aktau Time',
      'Kyzylorda Time',
    ]);
    // A zone CLDR has no name for: the localized UTC offset.
    expect(formatInstant(startAt, 'Etc/GMT-5', 'ru')).toBe(
      'понедельник, 4 марта 2024 г. в 12:00 (время: GMT+5)',
    );
    for (const lang of ['kk', 'ru', 'en'] as const)
      expect(formatInstant(startAt, 'Asia/Almaty', lang)).not.toMatch(/Asia|\//);
  });

  it("adds the session's own time only when its clock reads differently", () => {
    expect(formatSessionTime(startAt, 'Asia/Almaty', 'Asia/Almaty', 'en')).toBeNull();
    // Both UTC+5 since 2024-03-01: the same 12:00 is not told twice, whatever the zones are called.
    expect(formatSessionTime(startAt, 'Asia/Almaty', 'Asia/Aqtobe', 'kk')).toBeNull();
    expect(formatSessionTime(startAt, 'Asia/Almaty', 'Asia/Qostanay', 'ru')).toBeNull();
    // Before, Almaty was UTC+6 and Aqtobe UTC+5.
    expect(formatSessionTime(new Date('2024-02-26T06:00:00Z'), 'Asia/Almaty', 'Asia/Aqtobe', 'kk')).toBe(
      '2024 ж. 26 ақпан, дүйсенбі, 12:00 (Алматы уақыты)',
    );
    expect(formatSessionTime(startAt, 'Asia/Almaty', 'Europe/Berlin', 'en')).toBe(
      'Monday, 4 March 2024 at 12:00 (Almaty Time)',
    );
  });

  it('uses the offset of the day across the 2024-03-01 change', () => {
    // 12:00 on 29 February was UTC+6 (06:00Z); 12:00 on 2 March is UTC+5 (07:00Z).
    expect(formatInstant(new Date('2024-02-29T06:00:00Z'), 'Asia/Almaty', 'en')).toBe(
      'Thursday, 29 February 2024 at 12:00 (Almaty Time)',
    );
    expect(formatInstant(new Date('2024-03-02T07:00:00Z'), 'Asia/Almaty', 'en')).toBe(
      'Saturday, 2 March 2024 at 12:00 (Almaty Time)',
    );
  });

  it('says how long until the start in each language', () => {
    const now = new Date('2024-03-03T07:00:00Z');
    const at = (m: number) => new Date(now.getTime() + m * 60_000);
    expect([10, 60, 90, 1440].map((m) => formatStartsIn(at(m), now, 'en'))).toEqual([
      'in 10 minutes',
      'in 1 hour',
      'in 90 minutes',
      'in 24 hours',
    ]);
    expect([10, 60, 1440].map((m) => formatStartsIn(at(m), now, 'ru'))).toEqual([
      'через 10 минут',
      'через 1 час',
      'через 24 часа',
    ]);
    expect([10, 60, 1440].map((m) => formatStartsIn(at(m), now, 'kk'))).toEqual([
      '10 минуттан кейін',
      '1 сағаттан кейін',
      '24 сағаттан кейін',
    ]);
    // A few hundred milliseconds of sending delay do not change the words.
    expect(formatStartsIn(new Date(at(10).getTime() - 700), now, 'en')).toBe('in 10 minutes');
  });

  it('renders a 24 h reminder for an Aqtobe attendee of an Almaty session in three languages', () => {
    // 26 February 2024: Almaty still UTC+6, Aqtobe UTC+5 — the session's own clock is told too.
    const facts = {
      kind: 'reminder' as const,
      recipientName: 'Айгерим',
      sessionTitle: 'Праймериз',
      programTitle: null,
      startAt: new Date('2024-02-26T06:00:00Z'),
      sessionZone: 'Asia/Almaty',
      attendeeZone: 'Asia/Aqtobe',
      joinLink: 'http://127.0.0.1:3000/join/r1?t=a.b&x=1',
      now: new Date('2024-02-25T06:00:00Z'),
    };
    const kk = renderMessage({ ...facts, lang: 'kk' });
    expect(kk.subject).toBe('Еске салу: «Праймериз» 24 сағаттан кейін басталады');
    expect(kk.text).toContain('2024 ж. 26 ақпан, дүйсенбі, 11:00 (Ақтөбе уақыты)');
    expect(kk.text).toContain(
      'Сессияның өз уақыты бойынша: 2024 ж. 26 ақпан, дүйсенбі, 12:00 (Алматы уақыты).',
    );
    const ru = renderMessage({ ...facts, lang: 'ru' });
    expect(ru.subject).toBe('Напоминание: «Праймериз» начнётся через 24 часа');
    expect(ru.text).toContain('понедельник, 26 февраля 2024 г. в 11:00 (время: Актобе)');
    expect(ru.text).toContain('По времени сессии: понедельник, 26 февраля 2024 г. в 12:00 (время: Алматы).');
    const en = renderMessage({ ...facts, lang: 'en' });
    expect(en.subject).toBe('Reminder: "Праймериз" starts in 24 hours');
    expect(en.text).toContain('Your personal link to join: http://127.0.0.1:3000/join/r1?t=a.b&x=1');
    // HTML: escaped, the link an anchor.
    expect(en.html).toContain('<a href="http://127.0.0.1:3000/join/r1?t=a.b&amp;x=1">');
    expect(en.html).toContain('&quot;Праймериз&quot;');
    expect(renderMessage({ ...facts, lang: 'en', sessionTitle: '<script>' }).html).not.toContain('<script>');
  });
});

describe('follow-ups and decisions', () => {
  const startAt = new Date('2024-03-04T07:00:00Z'); // 12:00 in Almaty and in Qostanay (UTC+5)
  const followUp = {
    recipientName: 'Айгерим',
    sessionTitle: 'Праймериз',
    programTitle: 'Мектеп',
    startAt,
    sessionZone: 'Asia/Almaty',
    attendeeZone: 'Europe/Berlin',
    recordingUrl: 'https://video.example/rec/1',
    now: new Date('2024-03-04T11:00:00Z'),
  };

  it('thanks those who came and tells the others we missed them, with the recording, in three languages', () => {
    const en = renderMessage({ ...followUp, kind: 'session.followup.attended', lang: 'en' });
    expect(en.subject).toBe('Thank you for joining "Праймериз"');
    expect(en.text.split('\n\n')).toEqual([
      'Hello, Айгерим!',
      'Thank you for taking part in "Праймериз" (Мектеп)!',
      'It started: Monday, 4 March 2024 at 08:00 (CET).',
      "In the session's time zone: Monday, 4 March 2024 at 12:00 (Almaty Time).",
      'The recording: https://video.example/rec/1',
      'See you at the next sessions.',
      '— Qatys\n',
    ]);
    expect(en.html).toContain('<a href="https://video.example/rec/1">');
    const ru = renderMessage({ ...followUp, kind: 'session.followup.missed', lang: 'ru' });
    expect(ru.subject).toBe('Жаль, что вас не было: «Праймериз»');
    expect(ru.text).toContain('Нам жаль, что вы не смогли прийти на сессию «Праймериз» (Мектеп).');
    expect(ru.text).toContain('Начало сессии: понедельник, 4 марта 2024 г. в 08:00 (время: Германия).');
    expect(ru.text).toContain('Запись сессии: https://video.example/rec/1');
    const kk = renderMessage({ ...followUp, kind: 'session.followup.attended', lang: 'kk' });
    expect(kk.subject).toBe('Қатысқаныңызға рақмет: «Праймериз»');
    expect(kk.text).toContain('Сессияның жазбасы: https://video.example/rec/1');
    expect(kk.text).toContain(
      'Сессияның өз уақыты бойынша: 2024 ж. 4 наурыз, дүйсенбі, 12:00 (Алматы уақыты).',
    );
    // No recording set: no recording line; never a join link or "starts in".
    const bare = renderMessage({
      ...followUp,
      kind: 'session.followup.missed',
      lang: 'en',
      recordingUrl: null,
    });
    expect(bare.text).not.toContain('recording');
    expect(bare.text).not.toContain('/join/');
  });

  const decision = {
    recipientName: 'Айгерим',
    sessionTitle: '',
    programTitle: 'Мектеп',
    callTitle: 'Жас саясаткер',
    startAt: null,
    sessionZone: 'Asia/Almaty',
    attendeeZone: 'Asia/Almaty',
    now: new Date('2024-03-04T11:00:00Z'),
  };

  it('tells the decision of a selection, with the waitlist place and a freed seat, and no session time', () => {
    const selected = renderMessage({ ...decision, kind: 'application.selected', lang: 'en' });
    expect(selected.subject).toBe('You have been selected: "Жас саясаткер"');
    expect(selected.text).toContain('Congratulations! You have been selected for "Жас саясаткер" (Мектеп).');
    expect(selected.text).not.toContain('seat has become free');
    const promoted = renderMessage({ ...decision, kind: 'application.selected', lang: 'ru', promoted: true });
    expect(promoted.subject).toBe('Вы прошли отбор: «Жас саясаткер»');
    expect(promoted.text.split('\n\n').slice(1, 3)).toEqual([
      'Освободилось место, и теперь оно ваше.',
      'Поздравляем! Вы прошли отбор «Жас саясаткер» (Мектеп).',
    ]);
    const waitlisted = renderMessage({
      ...decision,
      kind: 'application.waitlisted',
      lang: 'kk',
      waitlistRank: 4,
    });
    expect(waitlisted.subject).toBe('Сіз күту тізіміндесіз: «Жас саясаткер»');
    expect(waitlisted.text).toContain('Тізімдегі орныңыз: 4.');
    const rejected = renderMessage({ ...decision, kind: 'application.rejected', lang: 'en' });
    expect(rejected.subject).toBe('Decision on your application: "Жас саясаткер"');
    expect(rejected.text).toContain('you have not been selected this time');
    for (const m of [selected, promoted, waitlisted, rejected]) expect(m.text).not.toMatch(/\d{2}:\d{2}/);
  });
});
