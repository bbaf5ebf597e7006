import type { Language } from '../api/types';
import { COUNT_STRINGS } from '../i18n/count-strings';
import { plural, type PluralForms } from '../lib/format';

/**
 * The words of the organizer console's editing screens (editing, rescheduling, confirmations,
 * people, reminders, the program report), kk / ru / en. They live in the console's own chunk:
 * attendees never download them.
 */
const en = {
  'confirm.keep': 'Go back',
  'confirm.endTitle': 'End the session now?',
  'confirm.endBody':
    'The session ends for everyone: attendees are disconnected, the thank-you messages go out, and it cannot be started again.',
  'confirm.end': 'End the session',
  'confirm.cancelTitle': 'Cancel the session?',
  'confirm.cancelBody':
    'The {n} people registered are told that it is cancelled. A cancelled session cannot be restored.',
  'confirm.cancel': 'Cancel the session',
  'confirm.draftTitle': 'Move the program back to draft?',
  'confirm.draftBody':
    'Attendees will no longer see the program or its {n} sessions, and cannot register, until you publish it again.',
  'confirm.draft': 'Back to draft',
  'confirm.archiveTitle': 'Archive the program?',
  'confirm.archiveBody': 'An archived program can no longer be edited, scheduled or published.',
  'confirm.archive': 'Archive the program',
  'confirm.seatTitle': 'Cancel the seat of {name}?',
  'confirm.seatBody': '{name} loses the seat and is told so; the first person on the waitlist may take it.',
  'confirm.seat': 'Cancel the seat',
  'confirm.sectionTitle': 'Delete the section «{title}»?',
  'confirm.sectionBody': 'The section is removed from the session for good.',
  'confirm.section': 'Delete the section',
  'confirm.moduleTitle': 'Delete the module «{title}»?',
  'confirm.moduleBody': 'The module is removed for good; its sessions stay, without a module.',
  'confirm.module': 'Delete the module',
  'confirm.personTitle': 'Remove {name} from the list?',
  'confirm.personBody': 'They are no longer expected; an invitation already sent stays valid.',
  'confirm.person': 'Remove from the list',

  'draft.program':
    'This program is a draft: attendees cannot see it or its sessions. Publish it when it is ready.',
  'draft.session': 'The program «{program}» is a draft: attendees cannot see this session yet.',
  'draft.openProgram': 'Open the program to publish it',

  'action.edit': 'Edit',
  'action.delete': 'Delete',
  'action.save': 'Save the changes',
  'action.close': 'Close',
  'action.up': 'Up',
  'action.down': 'Down',
  'action.saved': 'Saved.',

  'program.edit': 'Program details',
  'program.description': 'Description',
  'program.startsOn': 'Starts on',
  'program.endsOn': 'Ends on',
  'program.archive': 'Archive',
  'program.links': 'More',
  'program.report': 'Program report',
  'program.people': 'People',
  'module.editTitle': 'Edit the module «{title}»',
  'module.moveUp': 'Up: {title}',
  'module.moveDown': 'Down: {title}',
  'module.edit': 'Edit: {title}',
  'module.delete': 'Delete: {title}',

  'reminders.title': 'Reminders and quiet hours',
  'reminders.offsets': 'Send reminders this many minutes before each session',
  'reminders.offsetsHint':
    'Whole minutes, separated by commas: 1440, 60, 10 is a day, an hour and ten minutes before.',
  'reminders.offsetsInvalid': 'Give up to 10 different whole numbers of minutes, from 1 to 43200.',
  'reminders.now': 'Now: {list}.',
  'reminders.none': 'no reminders',
  'reminders.quiet': 'Quiet hours',
  'reminders.quietStart': 'From',
  'reminders.quietEnd': 'Until',
  'reminders.quietHint':
    "In each attendee's own local time: a reminder of 12 hours or more that would fall inside goes out just before they begin.",
  'reminders.noQuiet': 'No quiet hours',
  'reminders.quietBoth': 'Give both times, or choose no quiet hours.',
  'reminders.sessionTitle': "This session's reminders",
  'reminders.sessionOwn': 'Its own reminder times (minutes before the start)',
  'reminders.useProgram': "Use the program's reminder times",
  'reminders.programHas': "The program's: {list}.",
  'reminders.programQuiet': 'Quiet hours are set for the whole program: {from}–{until}.',
  'reminders.programNoQuiet': 'The program has no quiet hours.',
  'reminders.programLink': 'Change them on the program page',

  'edit.title': 'Edit or reschedule',
  'edit.end': 'Ends',
  'edit.savedMoved': 'Saved. The session now starts {time}; the attendees are told.',
  'edit.noChange': 'Nothing has changed.',
  'edit.closed': 'An ended or cancelled session can no longer be edited.',
  'edit.startsNow': 'Starts now: {time}',

  'recording.title': 'The recording',
  'recording.label': 'Recording link',
  'recording.hint':
    'The session has ended: people registered whose thank-you message went out without a link get this one by e-mail.',
  'recording.save': 'Save the link',
  'recording.invalid': 'Give an http(s) link.',

  'sections.editTitle': 'Edit the section «{title}»',
  'sections.moveUp': 'Up: {title}',
  'sections.moveDown': 'Down: {title}',
  'sections.edit': 'Edit: {title}',
  'sections.delete': 'Delete: {title}',

  'speakers.bio': 'Biography',
  'speakers.edit': 'Edit: {name}',
  'speakers.editTitle': 'Edit the speaker {name}',

  'people.title': 'People of the program',
  'people.none': 'Nobody is on the list yet.',
  'people.addTitle': 'Add a person',
  'people.name': 'Full name',
  'people.email': 'E-mail',
  'people.phone': 'Phone',
  'people.region': 'Region',
  'people.language': 'Language',
  'people.organization': 'Organization',
  'people.position': 'Position',
  'people.add': 'Add the person',
  'people.added': '{name} is on the list.',
  'people.contactNeeded': 'Give an e-mail or a phone number.',
  'people.regionNeeded': 'Choose the region.',
  'people.status': 'Status',
  'people.registrations': 'Registrations',
  'people.showRegistrations': 'Registrations of {name}',
  'people.noAccount': 'No account yet',
  'people.noRegistrations': 'No registrations.',
  'people.remove': 'Delete: {name}',
  'status.listed': 'Listed',
  'status.invited': 'Invited',
  'status.registered': 'Registered',
  'status.declined': 'Declined',
  'status.bounced': 'Not delivered',
  'status.waitlisted': 'On the waitlist',
  'status.cancelled': 'Cancelled',

  'report.title': 'Program report',
  'report.csv': 'Download the CSV',
  'report.sessions': 'Sessions counted: {n}',
  'report.rule':
    'A session counts as attended at {percent}% of its time; the program is completed with {units} of {total} modules.',
  'report.region': 'Region',
  'report.noRegion': 'No region',
  'report.expected': 'Expected',
  'report.registered': 'Registered',
  'report.joined': 'Joined',
  'report.present': 'Present',
  'report.completed': 'Completed',
  'report.person': 'Person',
  'report.minutes': 'Minutes present',
  'report.share': 'Share of time',
  'report.total': 'Total',
  'report.nobody': 'Nobody has registered yet.',
  'report.yes': 'Yes',
  'report.no': 'No',

  'reason.registration_cancelled': 'the seat was cancelled',
  'reason.session_cancelled': 'the session was cancelled',
  'reason.session_ended': 'the session has ended',
  'reason.session_started': 'the session had already started',
  'reason.replanned': 'replaced after a change of time or settings',
  'reason.superseded': 'replaced by a newer reminder',
  'reason.not_registered': 'no longer registered',
  'reason.stale': 'too late to be useful',
  'reason.recipient_disabled': 'the account is disabled',
  'err.program_archived': 'The program is archived: it can no longer be changed.',
  'err.session_cancelled': 'The session is cancelled: it can no longer be changed.',
  'err.session_ended': 'The session has ended: it can no longer be changed.',
  'err.section_has_registrations': 'People are registered in this section: move or cancel them first.',
  'err.capacity_below_registered': 'More people are registered than this number of seats.',
  'err.invalid_quiet_hours': 'The quiet hours are not valid: give both times as HH:mm, or neither.',
  'err.invalid_date_range': 'The end date is before the start date.',
  'err.illegal_status_transition': 'That change of status is not possible now.',
  'err.invalid_people_file': 'The list has problems; nothing was imported.',
  'err.forbidden': 'You may not do this.',
  'err.not_found': 'It no longer exists: reload the page.',
} as const;

export type OrganizerKey = keyof typeof en;

const ru: Record<OrganizerKey, string> = {
  'confirm.keep': 'Вернуться',
  'confirm.endTitle': 'Завершить занятие сейчас?',
  'confirm.endBody':
    'Занятие завершится для всех: участники будут отключены, уйдут письма с благодарностью, и начать его снова будет нельзя.',
  'confirm.end': 'Завершить занятие',
  'confirm.cancelTitle': 'Отменить занятие?',
  'confirm.cancelBody':
    'Зарегистрированные ({n}) получат сообщение об отмене. Отменённое занятие восстановить нельзя.',
  'confirm.cancel': 'Отменить занятие',
  'confirm.draftTitle': 'Вернуть программу в черновик?',
  'confirm.draftBody':
    'Участники перестанут видеть программу и её занятия ({n}) и не смогут зарегистрироваться, пока вы снова её не опубликуете.',
  'confirm.draft': 'Вернуть в черновик',
  'confirm.archiveTitle': 'Отправить программу в архив?',
  'confirm.archiveBody': 'Программу в архиве нельзя будет изменить, дополнить занятиями или опубликовать.',
  'confirm.archive': 'Отправить в архив',
  'confirm.seatTitle': 'Отменить место участника {name}?',
  'confirm.seatBody':
    '{name} потеряет место и получит об этом сообщение; место может занять первый из листа ожидания.',
  'confirm.seat': 'Отменить место',
  'confirm.sectionTitle': 'Удалить секцию «{title}»?',
  'confirm.sectionBody': 'Секция будет удалена из занятия навсегда.',
  'confirm.section': 'Удалить секцию',
  'confirm.moduleTitle': 'Удалить модуль «{title}»?',
  'confirm.moduleBody': 'Модуль будет удалён навсегда; его занятия останутся, но без модуля.',
  'confirm.module': 'Удалить модуль',
  'confirm.personTitle': 'Убрать {name} из списка?',
  'confirm.personBody': 'Человека больше не ждут; уже отправленное приглашение остаётся в силе.',
  'confirm.person': 'Убрать из списка',

  'draft.program':
    'Программа — черновик: участники не видят ни её, ни её занятий. Опубликуйте её, когда она будет готова.',
  'draft.session': 'Программа «{program}» — черновик: участники пока не видят это занятие.',
  'draft.openProgram': 'Открыть программу, чтобы опубликовать',

  'action.edit': 'Изменить',
  'action.delete': 'Удалить',
  'action.save': 'Сохранить изменения',
  'action.close': 'Закрыть',
  'action.up': 'Выше',
  'action.down': 'Ниже',
  'action.saved': 'Сохранено.',

  'program.edit': 'Сведения о программе',
  'program.description': 'Описание',
  'program.startsOn': 'Дата начала',
  'program.endsOn': 'Дата окончания',
  'program.archive': 'В архив',
  'program.links': 'Ещё',
  'program.report': 'Отчёт по программе',
  'program.people': 'Люди',
  'module.editTitle': 'Изменить модуль «{title}»',
  'module.moveUp': 'Выше: {title}',
  'module.moveDown': 'Ниже: {title}',
  'module.edit': 'Изменить: {title}',
  'module.delete': 'Удалить: {title}',

  'reminders.title': 'Напоминания и тихие часы',
  'reminders.offsets': 'За сколько минут до каждого занятия напоминать',
  'reminders.offsetsHint': 'Целые минуты через запятую: 1440, 60, 10 — за сутки, за час и за десять минут.',
  'reminders.offsetsInvalid': 'Укажите до 10 разных целых чисел минут, от 1 до 43200.',
  'reminders.now': 'Сейчас: {list}.',
  'reminders.none': 'без напоминаний',
  'reminders.quiet': 'Тихие часы',
  'reminders.quietStart': 'С',
  'reminders.quietEnd': 'До',
  'reminders.quietHint':
    'По местному времени каждого участника: напоминание за 12 часов и раньше, попавшее в тихие часы, уходит перед их началом.',
  'reminders.noQuiet': 'Без тихих часов',
  'reminders.quietBoth': 'Укажите оба времени или выберите «без тихих часов».',
  'reminders.sessionTitle': 'Напоминания этого занятия',
  'reminders.sessionOwn': 'Свои сроки напоминаний (минут до начала)',
  'reminders.useProgram': 'Как у программы',
  'reminders.programHas': 'У программы: {list}.',
  'reminders.programQuiet': 'Тихие часы задаются для всей программы: {from}–{until}.',
  'reminders.programNoQuiet': 'У программы нет тихих часов.',
  'reminders.programLink': 'Изменить их на странице программы',

  'edit.title': 'Изменить или перенести',
  'edit.end': 'Окончание',
  'edit.savedMoved': 'Сохранено. Теперь занятие начинается {time}; участникам сообщат.',
  'edit.noChange': 'Ничего не изменилось.',
  'edit.closed': 'Завершённое или отменённое занятие изменить уже нельзя.',
  'edit.startsNow': 'Сейчас начало: {time}',

  'recording.title': 'Запись',
  'recording.label': 'Ссылка на запись',
  'recording.hint':
    'Занятие завершилось: зарегистрированные, чьё письмо с благодарностью ушло без ссылки, получат эту ссылку на почту.',
  'recording.save': 'Сохранить ссылку',
  'recording.invalid': 'Укажите ссылку http(s).',

  'sections.editTitle': 'Изменить секцию «{title}»',
  'sections.moveUp': 'Выше: {title}',
  'sections.moveDown': 'Ниже: {title}',
  'sections.edit': 'Изменить: {title}',
  'sections.delete': 'Удалить: {title}',

  'speakers.bio': 'Биография',
  'speakers.edit': 'Изменить: {name}',
  'speakers.editTitle': 'Изменить спикера {name}',

  'people.title': 'Люди программы',
  'people.none': 'В списке пока никого нет.',
  'people.addTitle': 'Добавить человека',
  'people.name': 'Полное имя',
  'people.email': 'Электронная почта',
  'people.phone': 'Телефон',
  'people.region': 'Регион',
  'people.language': 'Язык',
  'people.organization': 'Организация',
  'people.position': 'Должность',
  'people.add': 'Добавить человека',
  'people.added': '{name} — в списке.',
  'people.contactNeeded': 'Укажите почту или телефон.',
  'people.regionNeeded': 'Выберите регион.',
  'people.status': 'Статус',
  'people.registrations': 'Регистрации',
  'people.showRegistrations': 'Регистрации: {name}',
  'people.noAccount': 'Учётной записи пока нет',
  'people.noRegistrations': 'Регистраций нет.',
  'people.remove': 'Удалить: {name}',
  'status.listed': 'В списке',
  'status.invited': 'Приглашён(а)',
  'status.registered': 'Зарегистрирован(а)',
  'status.declined': 'Отказ(ал)ась',
  'status.bounced': 'Не доставлено',
  'status.waitlisted': 'В листе ожидания',
  'status.cancelled': 'Отменена',

  'report.title': 'Отчёт по программе',
  'report.csv': 'Скачать CSV',
  'report.sessions': 'Учтено занятий: {n}',
  'report.rule':
    'Занятие засчитывается при {percent}% его времени; программа пройдена при {units} из {total} модулей.',
  'report.region': 'Регион',
  'report.noRegion': 'Без региона',
  'report.expected': 'Ожидалось',
  'report.registered': 'Зарегистрировано',
  'report.joined': 'Подключились',
  'report.present': 'Присутствовали',
  'report.completed': 'Прошли',
  'report.person': 'Участник',
  'report.minutes': 'Минут присутствия',
  'report.share': 'Доля времени',
  'report.total': 'Итого',
  'report.nobody': 'Пока никто не зарегистрировался.',
  'report.yes': 'Да',
  'report.no': 'Нет',

  'reason.registration_cancelled': 'место отменено',
  'reason.session_cancelled': 'занятие отменено',
  'reason.session_ended': 'занятие завершилось',
  'reason.session_started': 'занятие уже началось',
  'reason.replanned': 'заменено после изменения времени или настроек',
  'reason.superseded': 'заменено более новым напоминанием',
  'reason.not_registered': 'больше не зарегистрирован(а)',
  'reason.stale': 'слишком поздно, чтобы быть полезным',
  'reason.recipient_disabled': 'учётная запись отключена',
  'err.program_archived': 'Программа в архиве: её больше нельзя менять.',
  'err.session_cancelled': 'Занятие отменено: его больше нельзя менять.',
  'err.session_ended': 'Занятие завершилось: его больше нельзя менять.',
  'err.section_has_registrations': 'В секции есть зарегистрированные: сначала перенесите их или отмените.',
  'err.capacity_below_registered': 'Зарегистрировано больше людей, чем такое число мест.',
  'err.invalid_quiet_hours': 'Тихие часы заданы неверно: укажите оба времени как ЧЧ:мм или ни одного.',
  'err.invalid_date_range': 'Дата окончания раньше даты начала.',
  'err.illegal_status_transition': 'Такая смена статуса сейчас невозможна.',
  'err.invalid_people_file': 'В списке есть ошибки; ничего не загружено.',
  'err.forbidden': 'Вам это не разрешено.',
  'err.not_found': 'Этого больше нет: обновите страницу.',
};

const kk: Record<OrganizerKey, string> = {
  'confirm.keep': 'Қайту',
  'confirm.endTitle': 'Сабақты қазір аяқтау керек пе?',
  'confirm.endBody':
    'Сабақ барлығы үшін аяқталады: қатысушылар ажыратылады, алғыс хаттары жіберіледі, оны қайта бастауға болмайды.',
  'confirm.end': 'Сабақты аяқтау',
  'confirm.cancelTitle': 'Сабақты болдырмау керек пе?',
  'confirm.cancelBody':
    'Тіркелгендерге ({n}) болдырмау туралы хабар барады. Болдырмаған сабақты қалпына келтіру мүмкін емес.',
  'confirm.cancel': 'Сабақты болдырмау',
  'confirm.draftTitle': 'Бағдарламаны жобаға қайтару керек пе?',
  'confirm.draftBody':
    'Қайта жарияламайынша қатысушылар бағдарламаны және оның сабақтарын ({n}) көрмейді әрі тіркеле алмайды.',
  'confirm.draft': 'Жобаға қайтару',
  'confirm.archiveTitle': 'Бағдарламаны мұрағатқа жіберу керек пе?',
  'confirm.archiveBody': 'Мұрағаттағы бағдарламаны өзгертуге, сабақ қосуға немесе жариялауға болмайды.',
  'confirm.archive': 'Мұрағатқа жіберу',
  'confirm.seatTitle': '{name} орнын болдырмау керек пе?',
  'confirm.seatBody':
    '{name} орнынан айырылып, бұл туралы хабар алады; орынды күту тізіміндегі біріншісі ала алады.',
  'confirm.seat': 'Орынды болдырмау',
  'confirm.sectionTitle': '«{title}» секциясын жою керек пе?',
  'confirm.sectionBody': 'Секция сабақтан біржола жойылады.',
  'confirm.section': 'Секцияны жою',
  'confirm.moduleTitle': '«{title}» модулін жою керек пе?',
  'confirm.moduleBody': 'Модуль біржола жойылады; оның сабақтары модульсіз қалады.',
  'confirm.module': 'Модульді жою',
  'confirm.personTitle': '{name} тізімнен шығару керек пе?',
  'confirm.personBody': 'Ол енді күтілмейді; жіберілген шақыру күшінде қалады.',
  'confirm.person': 'Тізімнен шығару',

  'draft.program':
    'Бағдарлама — жоба: қатысушылар оны да, сабақтарын да көрмейді. Дайын болғанда жариялаңыз.',
  'draft.session': '«{program}» бағдарламасы — жоба: қатысушылар бұл сабақты әзірге көрмейді.',
  'draft.openProgram': 'Жариялау үшін бағдарламаны ашу',

  'action.edit': 'Өзгерту',
  'action.delete': 'Жою',
  'action.save': 'Өзгерістерді сақтау',
  'action.close': 'Жабу',
  'action.up': 'Жоғары',
  'action.down': 'Төмен',
  'action.saved': 'Сақталды.',

  'program.edit': 'Бағдарлама туралы',
  'program.description': 'Сипаттама',
  'program.startsOn': 'Басталу күні',
  'program.endsOn': 'Аяқталу күні',
  'program.archive': 'Мұрағатқа',
  'program.links': 'Тағы',
  'program.report': 'Бағдарлама есебі',
  'program.people': 'Адамдар',
  'module.editTitle': '«{title}» модулін өзгерту',
  'module.moveUp': 'Жоғары: {title}',
  'module.moveDown': 'Төмен: {title}',
  'module.edit': 'Өзгерту: {title}',
  'module.delete': 'Жою: {title}',

  'reminders.title': 'Еске салулар мен тыныш сағаттар',
  'reminders.offsets': 'Әр сабаққа неше минут қалғанда еске салу',
  'reminders.offsetsHint':
    'Бүтін минуттар үтір арқылы: 1440, 60, 10 — бір тәулік, бір сағат және он минут бұрын.',
  'reminders.offsetsInvalid': '1-ден 43200-ге дейінгі әртүрлі 10-ға дейін бүтін минут санын көрсетіңіз.',
  'reminders.now': 'Қазір: {list}.',
  'reminders.none': 'еске салусыз',
  'reminders.quiet': 'Тыныш сағаттар',
  'reminders.quietStart': 'Басы',
  'reminders.quietEnd': 'Соңы',
  'reminders.quietHint':
    'Әр қатысушының жергілікті уақытымен: тыныш сағатқа түсетін 12 сағат және одан ерте еске салу олар басталар алдында жіберіледі.',
  'reminders.noQuiet': 'Тыныш сағатсыз',
  'reminders.quietBoth': 'Екі уақытты да көрсетіңіз немесе «тыныш сағатсыз» таңдаңыз.',
  'reminders.sessionTitle': 'Осы сабақтың еске салулары',
  'reminders.sessionOwn': 'Өз еске салу мерзімдері (басталуға дейінгі минут)',
  'reminders.useProgram': 'Бағдарламадағыдай',
  'reminders.programHas': 'Бағдарламада: {list}.',
  'reminders.programQuiet': 'Тыныш сағаттар бүкіл бағдарламаға қойылады: {from}–{until}.',
  'reminders.programNoQuiet': 'Бағдарламада тыныш сағаттар жоқ.',
  'reminders.programLink': 'Оларды бағдарлама бетінде өзгерту',

  'edit.title': 'Өзгерту немесе ауыстыру',
  'edit.end': 'Аяқталуы',
  'edit.savedMoved': 'Сақталды. Енді сабақ {time} басталады; қатысушыларға хабарланады.',
  'edit.noChange': 'Ештеңе өзгерген жоқ.',
  'edit.closed': 'Аяқталған немесе болдырмаған сабақты өзгертуге болмайды.',
  'edit.startsNow': 'Қазір басталуы: {time}',

  'recording.title': 'Жазба',
  'recording.label': 'Жазба сілтемесі',
  'recording.hint': 'Сабақ аяқталды: алғыс хаты сілтемесіз кеткен тіркелгендер бұл сілтемені поштамен алады.',
  'recording.save': 'Сілтемені сақтау',
  'recording.invalid': 'http(s) сілтемесін көрсетіңіз.',

  'sections.editTitle': '«{title}» секциясын өзгерту',
  'sections.moveUp': 'Жоғары: {title}',
  'sections.moveDown': 'Төмен: {title}',
  'sections.edit': 'Өзгерту: {title}',
  'sections.delete': 'Жою: {title}',

  'speakers.bio': 'Өмірбаян',
  'speakers.edit': 'Өзгерту: {name}',
  'speakers.editTitle': '{name} спикерін өзгерту',

  'people.title': 'Бағдарлама адамдары',
  'people.none': 'Тізімде әзірге ешкім жоқ.',
  'people.addTitle': 'Адам қосу',
  'people.name': 'Толық аты-жөні',
  'people.email': 'Электрондық пошта',
  'people.phone': 'Телефон',
  'people.region': 'Өңір',
  'people.language': 'Тіл',
  'people.organization': 'Ұйым',
  'people.position': 'Лауазымы',
  'people.add': 'Адамды қосу',
  'people.added': '{name} тізімде.',
  'people.contactNeeded': 'Пошта немесе телефон нөмірін көрсетіңіз.',
  'people.regionNeeded': 'Өңірді таңдаңыз.',
  'people.status': 'Мәртебе',
  'people.registrations': 'Тіркелулер',
  'people.showRegistrations': 'Тіркелулер: {name}',
  'people.noAccount': 'Есептік жазба әзірге жоқ',
  'people.noRegistrations': 'Тіркелу жоқ.',
  'people.remove': 'Жою: {name}',
  'status.listed': 'Тізімде',
  'status.invited': 'Шақырылды',
  'status.registered': 'Тіркелді',
  'status.declined': 'Бас тартты',
  'status.bounced': 'Жеткізілмеді',
  'status.waitlisted': 'Күту тізімінде',
  'status.cancelled': 'Болдырылмады',

  'report.title': 'Бағдарлама есебі',
  'report.csv': 'CSV жүктеп алу',
  'report.sessions': 'Есептелген сабақтар: {n}',
  'report.rule':
    'Сабақ уақытының {percent}% болса есептеледі; бағдарлама {total} модульдің {units} модулімен аяқталады.',
  'report.region': 'Өңір',
  'report.noRegion': 'Өңірсіз',
  'report.expected': 'Күтілді',
  'report.registered': 'Тіркелді',
  'report.joined': 'Қосылды',
  'report.present': 'Қатысты',
  'report.completed': 'Аяқтады',
  'report.person': 'Қатысушы',
  'report.minutes': 'Қатысқан минуттар',
  'report.share': 'Уақыт үлесі',
  'report.total': 'Барлығы',
  'report.nobody': 'Әзірге ешкім тіркелген жоқ.',
  'report.yes': 'Иә',
  'report.no': 'Жоқ',

  'reason.registration_cancelled': 'орын болдырылмады',
  'reason.session_cancelled': 'сабақ болдырылмады',
  'reason.session_ended': 'сабақ аяқталды',
  'reason.session_started': 'сабақ басталып кеткен',
  'reason.replanned': 'уақыт не баптаулар өзгергеннен кейін ауыстырылды',
  'reason.superseded': 'жаңарақ еске салумен ауыстырылды',
  'reason.not_registered': 'енді тіркелмеген',
  'reason.stale': 'пайдалы болуға тым кеш',
  'reason.recipient_disabled': 'есептік жазба өшірілген',
  'err.program_archived': 'Бағдарлама мұрағатта: оны енді өзгертуге болмайды.',
  'err.session_cancelled': 'Сабақ болдырылмады: оны енді өзгертуге болмайды.',
  'err.session_ended': 'Сабақ аяқталды: оны енді өзгертуге болмайды.',
  'err.section_has_registrations':
    'Секцияда тіркелгендер бар: алдымен оларды ауыстырыңыз немесе болдырмаңыз.',
  'err.capacity_below_registered': 'Тіркелгендер бұл орын санынан көп.',
  'err.invalid_quiet_hours':
    'Тыныш сағаттар қате: екі уақытты да СС:мм түрінде көрсетіңіз немесе ешқайсысын.',
  'err.invalid_date_range': 'Аяқталу күні басталу күнінен ерте.',
  'err.illegal_status_transition': 'Мәртебені қазір бұлай өзгертуге болмайды.',
  'err.invalid_people_file': 'Тізімде қателер бар; ештеңе жүктелмеді.',
  'err.forbidden': 'Сізге бұған рұқсат жоқ.',
  'err.not_found': 'Бұл енді жоқ: бетті жаңартыңыз.',
};

export const ORGANIZER_STRINGS: Record<Language, Record<OrganizerKey, string>> = { kk, ru, en };

export type OrganizerTranslate = (key: OrganizerKey, vars?: Record<string, string | number>) => string;

export function organizerText(
  lang: Language,
  key: OrganizerKey,
  vars?: Record<string, string | number>,
): string {
  const s = ORGANIZER_STRINGS[lang][key] ?? en[key];
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}

/** Why a reminder was not sent (its stable code), in the reader's language; else the text as stored. */
export function reminderReason(lang: Language, reason: string): string {
  const key = `reason.${reason}`;
  return key in en ? organizerText(lang, key as OrganizerKey) : reason;
}

/** The API's stable error code in the reader's language, when this module knows it. */
export function organizerError(lang: Language, code: string | undefined): string | undefined {
  const key = `err.${code ?? ''}`;
  return key in en ? organizerText(lang, key as OrganizerKey) : undefined;
}

const UNITS: [number, 'day' | 'hour' | 'minute'][] = [
  [1440, 'day'],
  [60, 'hour'],
  [1, 'minute'],
];

/**
 * The units in words, in every plural form each language needs. Not Intl's unit formatting:
 * Chromium's ICU has no Kazakh units or lists, and printed "Қазір: 1 d, 30 min." on a Kazakh page.
 */
const UNIT_WORDS: Record<Language, Record<'day' | 'hour' | 'minute', PluralForms>> = {
  en: {
    day: COUNT_STRINGS.en.days,
    hour: { one: '{n} hour', other: '{n} hours' },
    minute: { one: '{n} minute', other: '{n} minutes' },
  },
  ru: {
    day: COUNT_STRINGS.ru.days,
    hour: { one: '{n} час', few: '{n} часа', many: '{n} часов', other: '{n} часа' },
    minute: { one: '{n} минута', few: '{n} минуты', many: '{n} минут', other: '{n} минуты' },
  },
  // Kazakh nouns stay singular after a number.
  kk: { day: COUNT_STRINGS.kk.days, hour: { other: '{n} сағат' }, minute: { other: '{n} минут' } },
};
const AND: Record<Language, string> = { en: 'and', ru: 'и', kk: 'және' };

/** "1 day, 1 hour, and 10 minutes", "2 дня, 2 часа и 5 минут", "1 күн, 1 сағат және 10 минут". */
export function offsetsText(lang: Language, minutes: readonly number[]): string {
  const parts = [...minutes]
    .sort((a, b) => b - a)
    .map((m) => {
      const [size, unit] = UNITS.find(([s]) => m % s === 0)!;
      return plural(m / size, lang, UNIT_WORDS[lang][unit]);
    });
  const last = parts.pop();
  if (last === undefined) return '';
  if (!parts.length) return last;
  // English puts a comma before "and" after two or more (as Intl's list formatting did).
  return `${parts.join(', ')}${lang === 'en' && parts.length > 1 ? ',' : ''} ${AND[lang]} ${last}`;
}
