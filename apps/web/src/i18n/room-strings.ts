import type { Language } from '../api/types';

/**
 * The words of the video room (attendee page and the console's video card), kk / ru / en, kept
 * beside the main table so the room's screens can grow without touching it.
 */
const en = {
  'room.loading': 'Connecting to the video…',
  'room.waiting': 'The speaker is not on camera yet. The video starts here by itself.',
  'room.playing': 'Live video',
  'room.soundOn': 'Turn the sound on',
  'room.unavailable': 'The video server does not answer right now. Questions still work.',
  'room.retry': 'Try again',
  'room.refused': 'This video room is closed to you (the session may be over).',
  'room.openBbb': 'Join the video room',
  'room.bbbHint': 'The room opens in BigBlueButton; keep this page open to ask questions.',
  'room.cardTitle': 'Video room',
  'room.goLive': 'Go on camera',
  'room.shareScreen': 'Share the screen',
  'room.shareCamera': 'Back to the camera',
  'room.stop': 'Leave the camera',
  'room.onAir': 'You are on the air',
  'room.noCamera': 'The camera or microphone could not be opened.',
  'room.provider': 'Video provider',
  'room.provider.builtin': 'Built-in room',
  'room.provider.bigbluebutton': 'BigBlueButton',
  'room.provider.link': 'External link',
  'room.fellBack': 'Not configured here: the session uses its external link.',
  'room.recording': 'Recording',
} as const;

export type RoomKey = keyof typeof en;

const ru: Record<RoomKey, string> = {
  'room.loading': 'Подключаемся к видео…',
  'room.waiting': 'Спикер ещё не включил камеру. Видео начнётся здесь само.',
  'room.playing': 'Видео в прямом эфире',
  'room.soundOn': 'Включить звук',
  'room.unavailable': 'Видеосервер сейчас не отвечает. Вопросы работают.',
  'room.retry': 'Повторить',
  'room.refused': 'Эта видеокомната для вас закрыта (возможно, занятие закончилось).',
  'room.openBbb': 'Войти в видеокомнату',
  'room.bbbHint': 'Комната откроется в BigBlueButton; не закрывайте эту страницу, чтобы задавать вопросы.',
  'room.cardTitle': 'Видеокомната',
  'room.goLive': 'Включить камеру',
  'room.shareScreen': 'Показать экран',
  'room.shareCamera': 'Вернуться к камере',
  'room.stop': 'Выключить камеру',
  'room.onAir': 'Вы в эфире',
  'room.noCamera': 'Не удалось открыть камеру или микрофон.',
  'room.provider': 'Видеосервис',
  'room.provider.builtin': 'Встроенная комната',
  'room.provider.bigbluebutton': 'BigBlueButton',
  'room.provider.link': 'Внешняя ссылка',
  'room.fellBack': 'Здесь не настроено: занятие идёт по внешней ссылке.',
  'room.recording': 'Запись',
};

const kk: Record<RoomKey, string> = {
  'room.loading': 'Бейнеге қосылып жатырмыз…',
  'room.waiting': 'Спикер әлі камераны қоспады. Бейне осы жерде өзі басталады.',
  'room.playing': 'Тікелей эфир',
  'room.soundOn': 'Дыбысты қосу',
  'room.unavailable': 'Бейне сервері қазір жауап бермейді. Сұрақтар жұмыс істейді.',
  'room.retry': 'Қайталау',
  'room.refused': 'Бұл бейне бөлме сіз үшін жабық (сабақ аяқталған болуы мүмкін).',
  'room.openBbb': 'Бейне бөлмеге кіру',
  'room.bbbHint': 'Бөлме BigBlueButton-да ашылады; сұрақ қою үшін бұл бетті жаппаңыз.',
  'room.cardTitle': 'Бейне бөлме',
  'room.goLive': 'Камераны қосу',
  'room.shareScreen': 'Экранды көрсету',
  'room.shareCamera': 'Камераға оралу',
  'room.stop': 'Камераны өшіру',
  'room.onAir': 'Сіз эфирдесіз',
  'room.noCamera': 'Камераны немесе микрофонды ашу мүмкін болмады.',
  'room.provider': 'Бейне қызметі',
  'room.provider.builtin': 'Кірістірілген бөлме',
  'room.provider.bigbluebutton': 'BigBlueButton',
  'room.provider.link': 'Сыртқы сілтеме',
  'room.fellBack': 'Мұнда бапталмаған: сабақ сыртқы сілтеме арқылы өтеді.',
  'room.recording': 'Жазба',
};

export const ROOM_STRINGS: Record<Language, Record<RoomKey, string>> = { kk, ru, en };

export function roomText(lang: Language, key: RoomKey): string {
  return ROOM_STRINGS[lang][key] ?? en[key];
}
