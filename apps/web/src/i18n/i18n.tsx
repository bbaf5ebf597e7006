/**
 * The language of the interface: the signed-in user's profile language (changed with PATCH /me),
 * else the one chosen on this device (localStorage), else the browser's, else Russian.
 */
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { authStore, useAuth } from '../api/auth-store';
import { http } from '../api/http';
import type { Language, LocalizedText, User } from '../api/types';
import { LANGUAGES } from '../api/types';
import { ATTENDEE_STRINGS } from './attendee-strings';
import { onErrorStrings } from './error-text';
import type { StringKey } from './strings';

const KEY = 'qatys.lang';

function deviceLanguage(): Language {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  } catch {
    // storage blocked: fall through
  }
  const nav = (typeof navigator !== 'undefined' ? navigator.language : '').slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(nav) ? (nav as Language) : 'ru';
}

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

export interface I18n {
  lang: Language;
  t: Translate;
  setLang(lang: Language): Promise<void>;
  /** A kk/ru/en text from the API in the current language (falling back to another one). */
  pick(text: LocalizedText | null | undefined): string;
}

const Ctx = createContext<I18n | null>(null);

type Tables = Record<Language, Record<string, string>>;

/**
 * The words this page has: the attendee's from the start; the whole table once the console's
 * chunk registered it (or once a word outside the attendee's was asked for, see below).
 */
let tables: Tables = ATTENDEE_STRINGS;
let fullTable: Promise<void> | undefined;
const listeners = new Set<() => void>();

/** Makes the whole table (strings.ts) this page's words: the console's chunk calls it as it loads. */
export function registerStrings(all: Tables): void {
  if (tables === all) return;
  tables = all;
  for (const l of listeners) l();
}

/**
 * A word outside the attendee's table on the attendee's side (a screen added later): the whole
 * table is fetched (its own small chunk) and the page redrawn with it; meanwhile the key itself
 * stands in. The spec beside attendee-strings.ts keeps this from happening in what we ship.
 */
function loadFullTable(key: string): void {
  if (fullTable) return;
  // eslint-disable-next-line no-console
  console.warn(`i18n: "${key}" is not in the attendee strings; loading the whole table`);
  fullTable = import('./strings').then((m) => registerStrings(m.STRINGS));
}

export function translate(lang: Language, key: StringKey, vars?: Record<string, string | number>): string {
  const s = tables[lang][key] ?? tables.en[key];
  if (s === undefined) loadFullTable(key);
  const text = s ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}

export function pickText(text: LocalizedText | null | undefined, lang: Language): string {
  if (!text) return '';
  return text[lang] || text.ru || text.kk || text.en || '';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const { auth } = useAuth();
  const [local, setLocal] = useState<Language>(deviceLanguage);
  const lang: Language = auth?.user.language ?? local;
  // Bumped when more words arrive (the console's table): every t() is made again.
  const [wordsVersion, setWordsVersion] = useState(0);
  useEffect(() => {
    const onMore = () => setWordsVersion((v) => v + 1);
    listeners.add(onMore);
    // The API's failures in words arrive on demand too (error-text.ts): redraw with them.
    const offErrors = onErrorStrings(onMore);
    return () => {
      listeners.delete(onMore);
      offErrors();
    };
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback(async (next: Language) => {
    setLocal(next);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // remembered for this tab only
    }
    if (authStore.get()) {
      // Optimistic: the UI switches at once, the profile follows.
      const before = authStore.get()!.user;
      authStore.setUser({ ...before, language: next });
      try {
        authStore.setUser(await http.patch<User>('/me', { language: next }));
      } catch {
        // kept locally; the next sign-in shows the profile's language again
      }
    }
  }, []);

  const value = useMemo<I18n>(
    () => ({
      lang,
      t: (key, vars) => translate(lang, key, vars),
      setLang,
      pick: (text) => pickText(text, lang),
    }),
    // wordsVersion: new words arrived, same language
    [lang, setLang, wordsVersion],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
