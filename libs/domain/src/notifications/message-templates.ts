/**
 * Every message text, per kind and language. Templates receive only preformatted strings (times
 * already in the attendee's zone and locale), so adding a kind means adding its three templates
 * here and a producer in the outbox. The kk and ru texts contain no English: a unit test checks
 * them for Latin words.
 */
import type { Language } from '../shared/localized-text';
import type { NotificationKind } from './notification.entity';

export interface MessageView {
  name: string;
  title: string;
  program: string | null;
  /** Start in the attendee's zone and language, with the zone named. */
  when: string;
  /** Start in the session's own zone, when its clock reads differently from the attendee's; else null. */
  sessionWhen: string | null;
  /** "in 10 minutes", in the language, from the moment of sending. */
  startsIn: string;
  /** Rescheduled: the previous start, like `when` / `sessionWhen`. */
  oldWhen: string | null;
  oldSessionWhen: string | null;
  joinLink: string | null;
  venue: string | null;
  reason: string | null;
  /** Whether an .ics file is attached. */
  calendarAttached: boolean;
  /** Follow-ups: the session's recording, when the organizer set one. */
  recordingUrl: string | null;
  /** Decisions: the call's title (the program is `program`). */
  call: string | null;
  /** Waitlisted: the applicant's place on the waiting list. */
  waitlistRank: number | null;
  /** Selected from the waiting list because a seat became free. */
  promoted: boolean;
  /** Invitations: the personal link to register or decline (no sign-in needed). */
  actionLink?: string | null;
  /** Absentee follow-ups: the next session of the same module, told like `when`. */
  nextSession?: string | null;
  /** Certificates: the number and the public verification page. */
  certificateNumber?: string | null;
  verifyLink?: string | null;
  /** Password reset: how long the link works, in minutes. */
  validMinutes?: number | null;
}

export interface MessageText {
  subject: string;
  /** Paragraphs; null ones are left out. */
  lines: (string | null)[];
}

type Template = (v: MessageView) => MessageText;

interface Phrases {
  hello: (v: MessageView) => string;
  sessionTime: (v: MessageView) => string | null;
  oldSessionTime: (v: MessageView) => string | null;
  join: (v: MessageView) => string | null;
  venue: (v: MessageView) => string | null;
  calendar: (v: MessageView) => string | null;
  reason: (v: MessageView) => string | null;
  recording: (v: MessageView) => string | null;
  signature: string;
}

const PHRASES: Record<Language, Phrases> = {
  kk: {
    hello: (v) => `Сәлеметсіз бе, ${v.name}!`,
    sessionTime: (v) => (v.sessionWhen ? `Сессияның өз уақыты бойынша: ${v.sessionWhen}.` : null),
    oldSessionTime: (v) =>
      v.oldSessionWhen ? `Сессияның өз уақыты бойынша бұрын: ${v.oldSessionWhen}.` : null,
    join: (v) => (v.joinLink ? `Қосылуға арналған жеке сілтемеңіз: ${v.joinLink}` : null),
    venue: (v) => (v.venue ? `Өтетін орны: ${v.venue}` : null),
    calendar: (v) => (v.calendarAttached ? 'Күнтізбе файлы хатқа тіркелген.' : null),
    reason: (v) => (v.reason ? `Себебі: ${v.reason}` : null),
    recording: (v) => (v.recordingUrl ? `Сессияның жазбасы: ${v.recordingUrl}` : null),
    signature: '— Qatys',
  },
  ru: {
    hello: (v) => `Здравствуйте, ${v.name}!`,
    sessionTime: (v) => (v.sessionWhen ? `По времени сессии: ${v.sessionWhen}.` : null),
    oldSessionTime: (v) => (v.oldSessionWhen ? `Было по времени сессии: ${v.oldSessionWhen}.` : null),
    join: (v) => (v.joinLink ? `Ваша личная ссылка для подключения: ${v.joinLink}` : null),
    venue: (v) => (v.venue ? `Место проведения: ${v.venue}` : null),
    calendar: (v) => (v.calendarAttached ? 'Файл для календаря — во вложении.' : null),
    reason: (v) => (v.reason ? `Причина: ${v.reason}` : null),
    recording: (v) => (v.recordingUrl ? `Запись сессии: ${v.recordingUrl}` : null),
    signature: '— Qatys',
  },
  en: {
    hello: (v) => `Hello, ${v.name}!`,
    sessionTime: (v) => (v.sessionWhen ? `In the session's time zone: ${v.sessionWhen}.` : null),
    oldSessionTime: (v) =>
      v.oldSessionWhen ? `Was, in the session's time zone: ${v.oldSessionWhen}.` : null,
    join: (v) => (v.joinLink ? `Your personal link to join: ${v.joinLink}` : null),
    venue: (v) => (v.venue ? `Venue: ${v.venue}` : null),
    calendar: (v) => (v.calendarAttached ? 'The calendar file is attached.' : null),
    reason: (v) => (v.reason ? `Reason: ${v.reason}` : null),
    recording: (v) => (v.recordingUrl ? `The recording: ${v.recordingUrl}` : null),
    signature: '— Qatys',
  },
};

/**
 * How a time's zone is named after it, around the name ICU gives in that language (zoneName in
 * message.render): Kazakh's already says "Алматы уақыты"; Russian's is the bare place
 * ("Костанай"), which after a colon reads right whatever its case would be.
 */
export const ZONE_LABELS: Record<Language, (zone: string) => string> = {
  kk: (zone) => zone,
  ru: (zone) => `время: ${zone}`,
  en: (zone) => zone,
};

const inProgram = (v: MessageView, open: string, close: string) =>
  v.program ? ` ${open}${v.program}${close}` : '';

export const TEMPLATES: Record<Language, Record<NotificationKind, Template>> = {
  kk: {
    reminder: (v) => ({
      subject: `Еске салу: «${v.title}» ${v.startsIn} басталады`,
      lines: [`«${v.title}» ${v.startsIn} басталады: ${v.when}.`, 'sessionTime', 'join', 'venue'],
    }),
    'registration.confirmed': (v) => ({
      subject: `Тіркелу расталды: «${v.title}»`,
      lines: [
        `Сіз «${v.title}»${inProgram(v, '(', ')')} сессиясына тіркелдіңіз.`,
        `Басталуы: ${v.when}.`,
        'sessionTime',
        'join',
        'venue',
        'calendar',
      ],
    }),
    'registration.waitlisted': (v) => ({
      subject: `Сіз күту тізіміндесіз: «${v.title}»`,
      lines: [
        `«${v.title}» сессиясында бос орын қалмады, сондықтан сіз күту тізіміне қосылдыңыз. Орын босаған бойда хабарлаймыз.`,
        `Басталуы: ${v.when}.`,
        'sessionTime',
      ],
    }),
    'registration.promoted': (v) => ({
      subject: `Орын босады: «${v.title}»`,
      lines: [
        `Орын босады, енді сіз «${v.title}» сессиясына тіркелдіңіз.`,
        `Басталуы: ${v.when}.`,
        'sessionTime',
        'join',
        'venue',
        'calendar',
      ],
    }),
    'registration.cancelled': (v) => ({
      subject: `Тіркелу тоқтатылды: «${v.title}»`,
      lines: [`Сіздің «${v.title}» сессиясына тіркелуіңіз тоқтатылды (${v.when}).`],
    }),
    'session.rescheduled': (v) => ({
      subject: `Жаңа уақыт: «${v.title}»`,
      lines: [
        `«${v.title}» сессиясы басқа уақытқа ауыстырылды.`,
        `Бұрын: ${v.oldWhen}.`,
        'oldSessionTime',
        `Енді: ${v.when}.`,
        'sessionTime',
        'join',
        'calendar',
      ],
    }),
    'session.cancelled': (v) => ({
      subject: `Сессия болмайды: «${v.title}»`,
      lines: [`${v.when} уақытына белгіленген «${v.title}» сессиясы болмайды.`, 'reason', 'calendar'],
    }),
    'session.followup.attended': (v) => ({
      subject: `Қатысқаныңызға рақмет: «${v.title}»`,
      lines: [
        `«${v.title}»${inProgram(v, '(', ')')} сессиясына қатысқаныңызға рақмет!`,
        `Сессия басталған уақыт: ${v.when}.`,
        'sessionTime',
        'recording',
        'Келесі сессияларда кездескенше.',
      ],
    }),
    'session.followup.missed': (v) => ({
      subject: `Сізді көре алмадық: «${v.title}»`,
      lines: [
        `«${v.title}»${inProgram(v, '(', ')')} сессиясында сізді көре алмағанымызға өкінеміз.`,
        `Сессия басталған уақыт: ${v.when}.`,
        'sessionTime',
        'recording',
        'Келесі сессияларда кездескенше.',
      ],
    }),
    'session.recording_available': (v) => ({
      subject: `Жазба дайын: «${v.title}»`,
      lines: [
        `«${v.title}»${inProgram(v, '(', ')')} сессиясының жазбасын енді көруге болады.`,
        `Сессия басталған уақыт: ${v.when}.`,
        'recording',
        'Жазбаны тек осы сессияға тіркелгендер көре алады: жүйеге өз есептік жазбаңызбен кіріңіз.',
      ],
    }),
    'application.selected': (v) => ({
      subject: `Сіз іріктеуден өттіңіз: «${v.call}»`,
      lines: [
        v.promoted ? 'Орын босады, енді ол сіздікі.' : null,
        `Құттықтаймыз! Сіз «${v.call}»${inProgram(v, '(', ')')} іріктеуінен өттіңіз.`,
        'Қатыса алмасаңыз, орныңыз күту тізіміндегі келесі адамға берілуі үшін одан бас тартыңыз.',
      ],
    }),
    'application.waitlisted': (v) => ({
      subject: `Сіз күту тізіміндесіз: «${v.call}»`,
      lines: [
        `«${v.call}»${inProgram(v, '(', ')')} бойынша орындардың бәрі әзірге бос емес, сондықтан сіз күту тізіміндесіз.`,
        v.waitlistRank !== null ? `Тізімдегі орныңыз: ${v.waitlistRank}.` : null,
        'Орын босаған бойда хабарлаймыз.',
      ],
    }),
    'application.rejected': (v) => ({
      subject: `Өтініміңіз бойынша шешім: «${v.call}»`,
      lines: [
        `«${v.call}»${inProgram(v, '(', ')')} бойынша өтінім бергеніңізге рақмет. Өкінішке қарай, бұл жолы сіз іріктеуден өтпедіңіз.`,
        'Келесі іріктеулерде өтініміңізді күтеміз.',
      ],
    }),
    'invitation.sent': (v) => ({
      subject: `Шақыру: «${v.title}»`,
      lines: [
        `Сізді «${v.title}»${inProgram(v, '(', ')')} оқуына шақырамыз.`,
        v.when ? `Басталуы: ${v.when}.` : null,
        v.actionLink ? `Тіркелу немесе бас тарту үшін жеке сілтемеңіз: ${v.actionLink}` : null,
        'Сілтеме тек сізге арналған, оны ешкімге бермеңіз.',
      ],
    }),
    'invitation.reminder': (v) => ({
      subject: `Еске салу: «${v.title}» шақыруы`,
      lines: [
        `Сіз «${v.title}»${inProgram(v, '(', ')')} оқуына шақырылдыңыз, бірақ әлі тіркелмедіңіз.`,
        v.when ? `Басталуы: ${v.when}.` : null,
        v.actionLink ? `Тіркелу немесе бас тарту үшін жеке сілтемеңіз: ${v.actionLink}` : null,
      ],
    }),
    'absentees.followup': (v) => ({
      subject: `Сізді көре алмадық: «${v.title}»`,
      lines: [
        `«${v.title}»${inProgram(v, '(', ')')} сессиясында сізді көре алмадық.`,
        'recording',
        v.nextSession ? `Осы модульдің келесі сессиясы: ${v.nextSession}.` : null,
        v.actionLink ? `Тіркелу үшін жеке сілтемеңіз: ${v.actionLink}` : null,
      ],
    }),
    'account.password_reset': (v) => ({
      subject: 'Құпиясөзді қалпына келтіру',
      lines: [
        'Qatys тіркелгіңіздің құпиясөзін қалпына келтіру сұралды.',
        v.actionLink ? `Жаңа құпиясөз орнату үшін мына сілтемені ашыңыз: ${v.actionLink}` : null,
        v.validMinutes ? `Сілтеме ${v.validMinutes} минут ішінде және бір рет қана жұмыс істейді.` : null,
        'Егер сіз сұрамаған болсаңыз, бұл хатты елемеңіз: құпиясөзіңіз өзгермейді.',
      ],
    }),
    'certificate.issued': (v) => ({
      subject: `Сертификат: «${v.title}»`,
      lines: [
        `«${v.title}» бағдарламасын аяқтағаныңызбен құттықтаймыз!`,
        v.certificateNumber ? `Сертификат нөмірі: ${v.certificateNumber}.` : null,
        'Сертификат файлы хатқа тіркелген.',
        v.verifyLink ? `Түпнұсқалығын тексеру: ${v.verifyLink}` : null,
      ],
    }),
  },
  ru: {
    reminder: (v) => ({
      subject: `Напоминание: «${v.title}» начнётся ${v.startsIn}`,
      lines: [`«${v.title}» начнётся ${v.startsIn}: ${v.when}.`, 'sessionTime', 'join', 'venue'],
    }),
    'registration.confirmed': (v) => ({
      subject: `Регистрация подтверждена: «${v.title}»`,
      lines: [
        `Вы зарегистрированы на сессию «${v.title}»${inProgram(v, '(', ')')}.`,
        `Начало: ${v.when}.`,
        'sessionTime',
        'join',
        'venue',
        'calendar',
      ],
    }),
    'registration.waitlisted': (v) => ({
      subject: `Вы в листе ожидания: «${v.title}»`,
      lines: [
        `На сессии «${v.title}» не осталось свободных мест, поэтому вы в листе ожидания. Мы напишем, как только место освободится.`,
        `Начало: ${v.when}.`,
        'sessionTime',
      ],
    }),
    'registration.promoted': (v) => ({
      subject: `Место освободилось: «${v.title}»`,
      lines: [
        `Освободилось место, и теперь вы зарегистрированы на сессию «${v.title}».`,
        `Начало: ${v.when}.`,
        'sessionTime',
        'join',
        'venue',
        'calendar',
      ],
    }),
    'registration.cancelled': (v) => ({
      subject: `Регистрация отменена: «${v.title}»`,
      lines: [`Ваша регистрация на сессию «${v.title}» (${v.when}) отменена.`],
    }),
    'session.rescheduled': (v) => ({
      subject: `Новое время: «${v.title}»`,
      lines: [
        `Сессия «${v.title}» перенесена.`,
        `Было: ${v.oldWhen}.`,
        'oldSessionTime',
        `Стало: ${v.when}.`,
        'sessionTime',
        'join',
        'calendar',
      ],
    }),
    'session.cancelled': (v) => ({
      subject: `Сессия отменена: «${v.title}»`,
      lines: [`Сессия «${v.title}», назначенная на ${v.when}, отменена.`, 'reason', 'calendar'],
    }),
    'session.followup.attended': (v) => ({
      subject: `Спасибо за участие: «${v.title}»`,
      lines: [
        `Спасибо, что были на сессии «${v.title}»${inProgram(v, '(', ')')}!`,
        `Начало сессии: ${v.when}.`,
        'sessionTime',
        'recording',
        'До встречи на следующих сессиях.',
      ],
    }),
    'session.followup.missed': (v) => ({
      subject: `Жаль, что вас не было: «${v.title}»`,
      lines: [
        `Нам жаль, что вы не смогли прийти на сессию «${v.title}»${inProgram(v, '(', ')')}.`,
        `Начало сессии: ${v.when}.`,
        'sessionTime',
        'recording',
        'До встречи на следующих сессиях.',
      ],
    }),
    'session.recording_available': (v) => ({
      subject: `Запись готова: «${v.title}»`,
      lines: [
        `Запись сессии «${v.title}»${inProgram(v, '(', ')')} теперь можно посмотреть.`,
        `Начало сессии: ${v.when}.`,
        'recording',
        'Запись видят только зарегистрированные на эту сессию: войдите под своей учётной записью.',
      ],
    }),
    'application.selected': (v) => ({
      subject: `Вы прошли отбор: «${v.call}»`,
      lines: [
        v.promoted ? 'Освободилось место, и теперь оно ваше.' : null,
        `Поздравляем! Вы прошли отбор «${v.call}»${inProgram(v, '(', ')')}.`,
        'Если не сможете участвовать, откажитесь от места, чтобы оно досталось следующему в листе ожидания.',
      ],
    }),
    'application.waitlisted': (v) => ({
      subject: `Вы в листе ожидания: «${v.call}»`,
      lines: [
        `Все места отбора «${v.call}»${inProgram(v, '(', ')')} пока заняты, поэтому вы в листе ожидания.`,
        v.waitlistRank !== null ? `Ваше место в списке: ${v.waitlistRank}.` : null,
        'Мы напишем, как только место освободится.',
      ],
    }),
    'application.rejected': (v) => ({
      subject: `Решение по вашей заявке: «${v.call}»`,
      lines: [
        `Спасибо за заявку на отбор «${v.call}»${inProgram(v, '(', ')')}. К сожалению, в этот раз вы не прошли отбор.`,
        'Будем рады вашей заявке в следующих отборах.',
      ],
    }),
    'invitation.sent': (v) => ({
      subject: `Приглашение: «${v.title}»`,
      lines: [
        `Приглашаем вас на обучение «${v.title}»${inProgram(v, '(', ')')}.`,
        v.when ? `Начало: ${v.when}.` : null,
        v.actionLink ? `Ваша личная ссылка, чтобы зарегистрироваться или отказаться: ${v.actionLink}` : null,
        'Ссылка предназначена только вам, не передавайте её никому.',
      ],
    }),
    'invitation.reminder': (v) => ({
      subject: `Напоминание о приглашении: «${v.title}»`,
      lines: [
        `Вы приглашены на обучение «${v.title}»${inProgram(v, '(', ')')}, но ещё не зарегистрировались.`,
        v.when ? `Начало: ${v.when}.` : null,
        v.actionLink ? `Ваша личная ссылка, чтобы зарегистрироваться или отказаться: ${v.actionLink}` : null,
      ],
    }),
    'absentees.followup': (v) => ({
      subject: `Нам вас не хватало: «${v.title}»`,
      lines: [
        `Нам не удалось увидеть вас на сессии «${v.title}»${inProgram(v, '(', ')')}.`,
        'recording',
        v.nextSession ? `Следующая сессия этого модуля: ${v.nextSession}.` : null,
        v.actionLink ? `Ваша личная ссылка для регистрации: ${v.actionLink}` : null,
      ],
    }),
    'account.password_reset': (v) => ({
      subject: 'Восстановление пароля',
      lines: [
        'Для вашей учётной записи Qatys запрошено восстановление пароля.',
        v.actionLink ? `Чтобы задать новый пароль, откройте ссылку: ${v.actionLink}` : null,
        v.validMinutes ? `Ссылка действует ${v.validMinutes} минут и только один раз.` : null,
        'Если вы этого не запрашивали, просто проигнорируйте письмо: пароль не изменится.',
      ],
    }),
    'certificate.issued': (v) => ({
      subject: `Сертификат: «${v.title}»`,
      lines: [
        `Поздравляем с завершением программы «${v.title}»!`,
        v.certificateNumber ? `Номер сертификата: ${v.certificateNumber}.` : null,
        'Файл сертификата — во вложении.',
        v.verifyLink ? `Проверить подлинность: ${v.verifyLink}` : null,
      ],
    }),
  },
  en: {
    reminder: (v) => ({
      subject: `Reminder: "${v.title}" starts ${v.startsIn}`,
      lines: [`"${v.title}" starts ${v.startsIn}: ${v.when}.`, 'sessionTime', 'join', 'venue'],
    }),
    'registration.confirmed': (v) => ({
      subject: `Registration confirmed: "${v.title}"`,
      lines: [
        `You are registered for "${v.title}"${inProgram(v, '(', ')')}.`,
        `Starts: ${v.when}.`,
        'sessionTime',
        'join',
        'venue',
        'calendar',
      ],
    }),
    'registration.waitlisted': (v) => ({
      subject: `You are on the waiting list: "${v.title}"`,
      lines: [
        `"${v.title}" is full, so you are on its waiting list. We will write as soon as a seat frees up.`,
        `Starts: ${v.when}.`,
        'sessionTime',
      ],
    }),
    'registration.promoted': (v) => ({
      subject: `A seat is yours: "${v.title}"`,
      lines: [
        `A seat has freed up and you are now registered for "${v.title}".`,
        `Starts: ${v.when}.`,
        'sessionTime',
        'join',
        'venue',
        'calendar',
      ],
    }),
    'registration.cancelled': (v) => ({
      subject: `Registration cancelled: "${v.title}"`,
      lines: [`Your registration for "${v.title}" (${v.when}) has been cancelled.`],
    }),
    'session.rescheduled': (v) => ({
      subject: `New time for "${v.title}"`,
      lines: [
        `"${v.title}" has been moved.`,
        `Was: ${v.oldWhen}.`,
        'oldSessionTime',
        `Now: ${v.when}.`,
        'sessionTime',
        'join',
        'calendar',
      ],
    }),
    'session.cancelled': (v) => ({
      subject: `Cancelled: "${v.title}"`,
      lines: [`"${v.title}", planned for ${v.when}, has been cancelled.`, 'reason', 'calendar'],
    }),
    'session.followup.attended': (v) => ({
      subject: `Thank you for joining "${v.title}"`,
      lines: [
        `Thank you for taking part in "${v.title}"${inProgram(v, '(', ')')}!`,
        `It started: ${v.when}.`,
        'sessionTime',
        'recording',
        'See you at the next sessions.',
      ],
    }),
    'session.followup.missed': (v) => ({
      subject: `Sorry we missed you: "${v.title}"`,
      lines: [
        `We are sorry we missed you at "${v.title}"${inProgram(v, '(', ')')}.`,
        `It started: ${v.when}.`,
        'sessionTime',
        'recording',
        'See you at the next sessions.',
      ],
    }),
    'session.recording_available': (v) => ({
      subject: `The recording is ready: "${v.title}"`,
      lines: [
        `The recording of "${v.title}"${inProgram(v, '(', ')')} can now be watched.`,
        `It started: ${v.when}.`,
        'recording',
        'Only the people registered for the session can watch it: sign in with your own account.',
      ],
    }),
    'application.selected': (v) => ({
      subject: `You have been selected: "${v.call}"`,
      lines: [
        v.promoted ? 'A seat has become free, and it is now yours.' : null,
        `Congratulations! You have been selected for "${v.call}"${inProgram(v, '(', ')')}.`,
        'If you cannot take part, please decline your seat so that it goes to the next person on the waiting list.',
      ],
    }),
    'application.waitlisted': (v) => ({
      subject: `You are on the waiting list: "${v.call}"`,
      lines: [
        `All seats of "${v.call}"${inProgram(v, '(', ')')} are taken for now, so you are on its waiting list.`,
        v.waitlistRank !== null ? `Your place on the list: ${v.waitlistRank}.` : null,
        'We will write as soon as a seat frees up.',
      ],
    }),
    'application.rejected': (v) => ({
      subject: `Decision on your application: "${v.call}"`,
      lines: [
        `Thank you for applying to "${v.call}"${inProgram(v, '(', ')')}. Unfortunately, you have not been selected this time.`,
        'We hope to see your application in a future call.',
      ],
    }),
    'invitation.sent': (v) => ({
      subject: `Invitation: "${v.title}"`,
      lines: [
        `You are invited to "${v.title}"${inProgram(v, '(', ')')}.`,
        v.when ? `Starts: ${v.when}.` : null,
        v.actionLink ? `Your personal link to register or decline: ${v.actionLink}` : null,
        'The link is yours alone: please do not pass it on.',
      ],
    }),
    'invitation.reminder': (v) => ({
      subject: `Reminder of your invitation: "${v.title}"`,
      lines: [
        `You are invited to "${v.title}"${inProgram(v, '(', ')')} but have not registered yet.`,
        v.when ? `Starts: ${v.when}.` : null,
        v.actionLink ? `Your personal link to register or decline: ${v.actionLink}` : null,
      ],
    }),
    'absentees.followup': (v) => ({
      subject: `We missed you: "${v.title}"`,
      lines: [
        `We did not see you at "${v.title}"${inProgram(v, '(', ')')}.`,
        'recording',
        v.nextSession ? `The next session of this module: ${v.nextSession}.` : null,
        v.actionLink ? `Your personal link to register: ${v.actionLink}` : null,
      ],
    }),
    'account.password_reset': (v) => ({
      subject: 'Reset your password',
      lines: [
        'Someone asked to reset the password of your Qatys account.',
        v.actionLink ? `To choose a new password, open this link: ${v.actionLink}` : null,
        v.validMinutes ? `The link works for ${v.validMinutes} minutes, once.` : null,
        'If it was not you, ignore this mail: your password stays as it is.',
      ],
    }),
    'certificate.issued': (v) => ({
      subject: `Certificate: "${v.title}"`,
      lines: [
        `Congratulations on completing "${v.title}"!`,
        v.certificateNumber ? `Certificate number: ${v.certificateNumber}.` : null,
        'The certificate is attached as a PDF file.',
        v.verifyLink ? `Check that it is genuine: ${v.verifyLink}` : null,
      ],
    }),
  },
};

const SLOTS: Record<string, keyof Omit<Phrases, 'hello' | 'signature'>> = {
  sessionTime: 'sessionTime',
  oldSessionTime: 'oldSessionTime',
  join: 'join',
  venue: 'venue',
  calendar: 'calendar',
  reason: 'reason',
  recording: 'recording',
};

/** The text of one message: greeting, the kind's lines (shared phrases filled in), signature. */
export function composeMessage(
  kind: NotificationKind,
  lang: Language,
  v: MessageView,
): { subject: string; lines: string[] } {
  const p = PHRASES[lang];
  const t = TEMPLATES[lang][kind](v);
  const body = t.lines.map((l) => (l !== null && l in SLOTS ? p[SLOTS[l]](v) : l));
  return {
    subject: t.subject,
    lines: [p.hello(v), ...body, p.signature].filter((l): l is string => l !== null && l !== ''),
  };
}
