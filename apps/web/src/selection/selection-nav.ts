import type { Language } from '../api/types';

/**
 * The one selection word the shell's header shows before the selection chunk is loaded; kept
 * out of selection-strings.ts so the attendee bundle carries this word and not the whole table.
 */
export const CALLS_LINK: Record<Language, string> = {
  kk: 'Өтінім қабылдау',
  ru: 'Приём заявок',
  en: 'Calls for applications',
};

/** The organizer console's link to the selection console. */
export const SELECTION_LINK: Record<Language, string> = {
  kk: 'Іріктеу',
  ru: 'Отбор',
  en: 'Selection',
};

/** The paths the selection chunk answers (app.tsx asks before loading it). */
export const SELECTION_PATH = /^\/(calls|my-applications|review|selection)(\/|$)/;
