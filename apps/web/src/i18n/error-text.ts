import type { Language } from '../api/types';
import type { ErrorStringKey } from './error-strings.en';

export type { ErrorStringKey };

type Table = Record<ErrorStringKey, string>;

/**
 * The API's failures in words, loaded on demand: most visits show no failure, so no attendee
 * downloads these ~20 KB of sentences up front (issue 13, attendee JS budget). The first time a
 * failure is put into words in a language, that language's table (a chunk of its own) is fetched
 * and every translated part of the page is drawn again (i18n.tsx listens here). Meanwhile the
 * callers show a generic line in the reader's language (PENDING, or their own t() fallback):
 * never the server's English.
 */
const LOADERS: Record<Language, () => Promise<Table>> = {
  kk: () => import('./error-strings.kk').then((m) => m.kk),
  ru: () => import('./error-strings.ru').then((m) => m.ru),
  en: () => import('./error-strings.en').then((m) => m.en),
};

const tables: Partial<Record<Language, Table>> = {};
const pending: Partial<Record<Language, Promise<void>>> = {};
const listeners = new Set<() => void>();

/** Shown for the moment a language's table is on its way (a few milliseconds on a good link). */
const PENDING: Record<Language, string> = {
  kk: 'Қате туралы мәлімет жүктелуде…',
  ru: 'Загружаем описание ошибки…',
  en: 'Loading the error description…',
};

/** Fetches one language's table (once); resolves when it can be used. */
export function loadErrorStrings(lang: Language): Promise<void> {
  if (tables[lang]) return Promise.resolve();
  pending[lang] ??= LOADERS[lang]().then(
    (t) => {
      tables[lang] = t;
      for (const l of listeners) l();
    },
    (e: unknown) => {
      // A failed fetch (offline): the next failure shown tries again.
      delete pending[lang];
      throw e;
    },
  );
  return pending[lang]!;
}

/** Called whenever a language's table arrives (the i18n provider redraws the page). */
export function onErrorStrings(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The table of a language if it is here; else starts fetching it and answers undefined. */
function table(lang: Language): Table | undefined {
  const t = tables[lang];
  if (!t) void loadErrorStrings(lang).catch(() => undefined);
  return t;
}

/** Whether the words of this language are here (false starts fetching them). */
export const errorStringsReady = (lang: Language): boolean => table(lang) !== undefined;

export function errorText(
  lang: Language,
  key: ErrorStringKey,
  vars?: Record<string, string | number>,
): string {
  const s = table(lang)?.[key] ?? PENDING[lang];
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}

/** Whether this client has words for a key (every language has the same keys: a spec says so). */
export function hasErrorText(lang: Language, key: string): key is ErrorStringKey {
  const t = table(lang);
  return t !== undefined && key in t;
}
