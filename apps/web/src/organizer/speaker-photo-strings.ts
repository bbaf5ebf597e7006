import type { Language } from '../api/types';

/**
 * The words of the speaker photo field of the organizer console, kk / ru / en (in the console's
 * chunk; the public page needs none: the photo's alt text is the speaker's name).
 */
const en = {
  'photo.legend': 'Photo',
  'photo.current': 'Current photo of {name}',
  'photo.none': 'No photo yet.',
  'photo.choose': 'Choose a photo',
  'photo.hint': 'JPEG, PNG or WebP, up to 2 MB. A square portrait looks best.',
  'photo.preview': 'New photo of {name}, not saved yet',
  'photo.upload': 'Save the photo',
  'photo.replace': 'Save the new photo',
  'photo.discard': 'Do not use this file',
  'photo.remove': 'Remove the photo',
  'photo.saved': 'The photo is saved. Visitors see it on the session pages of published programs.',
  'photo.removed': 'The photo is removed.',
  'photo.confirmTitle': 'Remove the photo of {name}?',
  'photo.confirmBody': 'It disappears from the session pages at once. You can upload a photo again later.',
  'err.unsupported_image_type':
    'This file is not a JPEG, PNG or WebP image. Choose a photo in one of these formats.',
  'err.invalid_image':
    'The image could not be read: the file is damaged, or larger than 8000 pixels on a side. Try another file.',
  'err.payload_too_large':
    'The photo is larger than 2 MB. Choose a smaller file or save it in a smaller size.',
  'err.speaker_not_found': 'This speaker no longer exists. Reload the page.',
  'err.speaker_photo_not_found': 'The photo could not be shown: it was removed. Reload the page.',
  'err.forbidden': 'Only organizers and administrators can change speakers’ photos.',
  'err.read': 'The file could not be read. Choose it again.',
} as const;

export type PhotoKey = keyof typeof en;

const ru: Record<PhotoKey, string> = {
  'photo.legend': 'Фотография',
  'photo.current': 'Текущая фотография: {name}',
  'photo.none': 'Фотографии пока нет.',
  'photo.choose': 'Выбрать фотографию',
  'photo.hint': 'JPEG, PNG или WebP, до 2 МБ. Лучше всего — квадратный портрет.',
  'photo.preview': 'Новая фотография: {name}, ещё не сохранена',
  'photo.upload': 'Сохранить фотографию',
  'photo.replace': 'Сохранить новую фотографию',
  'photo.discard': 'Не использовать этот файл',
  'photo.remove': 'Удалить фотографию',
  'photo.saved': 'Фотография сохранена. Посетители видят её на страницах занятий опубликованных программ.',
  'photo.removed': 'Фотография удалена.',
  'photo.confirmTitle': 'Удалить фотографию: {name}?',
  'photo.confirmBody': 'Она сразу исчезнет со страниц занятий. Загрузить фотографию можно будет снова.',
  'err.unsupported_image_type':
    'Этот файл — не изображение JPEG, PNG или WebP. Выберите фотографию в одном из этих форматов.',
  'err.invalid_image':
    'Не удалось прочитать изображение: файл повреждён или больше 8000 пикселей по стороне. Попробуйте другой файл.',
  'err.payload_too_large':
    'Фотография больше 2 МБ. Выберите файл поменьше или сохраните её в меньшем размере.',
  'err.speaker_not_found': 'Этого спикера больше нет. Обновите страницу.',
  'err.speaker_photo_not_found': 'Фотографию не удалось показать: её удалили. Обновите страницу.',
  'err.forbidden': 'Менять фотографии спикеров могут только организаторы и администраторы.',
  'err.read': 'Не удалось прочитать файл. Выберите его ещё раз.',
};

const kk: Record<PhotoKey, string> = {
  'photo.legend': 'Фотосурет',
  'photo.current': 'Қазіргі фотосурет: {name}',
  'photo.none': 'Әзірге фотосурет жоқ.',
  'photo.choose': 'Фотосуретті таңдау',
  'photo.hint': 'JPEG, PNG немесе WebP, 2 МБ-қа дейін. Шаршы портрет жақсы көрінеді.',
  'photo.preview': 'Жаңа фотосурет: {name}, әлі сақталған жоқ',
  'photo.upload': 'Фотосуретті сақтау',
  'photo.replace': 'Жаңа фотосуретті сақтау',
  'photo.discard': 'Бұл файлды қолданбау',
  'photo.remove': 'Фотосуретті жою',
  'photo.saved': 'Фотосурет сақталды. Келушілер оны жарияланған бағдарламалардың сабақ беттерінен көреді.',
  'photo.removed': 'Фотосурет жойылды.',
  'photo.confirmTitle': 'Фотосуретті жою керек пе: {name}?',
  'photo.confirmBody': 'Ол сабақ беттерінен бірден жоғалады. Кейін фотосуретті қайта жүктеуге болады.',
  'err.unsupported_image_type':
    'Бұл файл JPEG, PNG немесе WebP суреті емес. Осы пішімдердің біріндегі фотосуретті таңдаңыз.',
  'err.invalid_image':
    'Суретті оқу мүмкін болмады: файл бүлінген немесе бір жағы 8000 пиксельден үлкен. Басқа файлды көріңіз.',
  'err.payload_too_large':
    'Фотосурет 2 МБ-тан үлкен. Кішірек файлды таңдаңыз немесе оны кішірек өлшемде сақтаңыз.',
  'err.speaker_not_found': 'Бұл спикер енді жоқ. Бетті жаңартыңыз.',
  'err.speaker_photo_not_found': 'Фотосуретті көрсету мүмкін болмады: ол жойылған. Бетті жаңартыңыз.',
  'err.forbidden': 'Спикерлердің фотосуреттерін тек ұйымдастырушылар мен әкімшілер өзгерте алады.',
  'err.read': 'Файлды оқу мүмкін болмады. Оны қайта таңдаңыз.',
};

export const PHOTO_STRINGS: Record<Language, Record<PhotoKey, string>> = { kk, ru, en };

export function photoText(lang: Language, key: PhotoKey, vars?: Record<string, string>): string {
  const s = PHOTO_STRINGS[lang][key] ?? en[key];
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m) : s;
}

/** The API's error code (or the client's own: read) in the reader's language, if this module knows it. */
export function photoError(lang: Language, code: string): string | undefined {
  const key = `err.${code}`;
  return key in en ? photoText(lang, key as PhotoKey) : undefined;
}
