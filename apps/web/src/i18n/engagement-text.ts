import { useCallback, useSyncExternalStore } from 'react';
import type { Language } from '../api/types';
import type { EngagementKey } from './engagement-strings.en';
import { engagementErrorIn, type EngagementTranslate } from './engagement-error';

export type { EngagementTranslate };
import { useI18n } from './i18n';

type Table = Record<EngagementKey, string>;

/**
 * The words of engagement, one language at a time: the attendee page fetches the reader's
 * language only (a chunk each; the engagement panel waits for it, as it waits for the room's
 * state), so the other two never reach a phone (issue 13, attendee JS budget). The console's
 * chunk registers all three at once (registerEngagementStrings).
 */
const LOADERS: Record<Language, () => Promise<Table>> = {
  kk: () => import('./engagement-strings.kk').then((m) => m.kk),
  ru: () => import('./engagement-strings.ru').then((m) => m.ru),
  en: () => import('./engagement-strings.en').then((m) => m.en),
};

let tables: Partial<Record<Language, Table>> = {};
const pending: Partial<Record<Language, Promise<void>>> = {};
const listeners = new Set<() => void>();
let version = 0;

function arrived(): void {
  version++;
  for (const l of listeners) l();
}

/** All three languages at once (the console has them in its chunk). */
export function registerEngagementStrings(all: Record<Language, Table>): void {
  tables = { ...all };
  arrived();
}

/** Fetches one language's words (once). */
export function loadEngagementStrings(lang: Language): Promise<void> {
  if (tables[lang]) return Promise.resolve();
  pending[lang] ??= LOADERS[lang]().then(
    (t) => {
      tables[lang] = t;
      arrived();
    },
    (e: unknown) => {
      delete pending[lang]; // offline: the next render tries again
      throw e;
    },
  );
  return pending[lang]!;
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

/** Whether the reader's words are here; starts fetching them and redraws when they arrive. */
export function useEngagementReady(): boolean {
  const { lang } = useI18n();
  useSyncExternalStore(subscribe, () => version);
  if (!tables[lang]) void loadEngagementStrings(lang).catch(() => undefined);
  return tables[lang] !== undefined;
}

/** The words of the engagement screens in the reader's language (empty until they are here). */
export function useEngagementText(): EngagementTranslate {
  const { lang } = useI18n();
  const ready = useEngagementReady();
  return useCallback(
    (key, vars) => {
      const s = tables[lang]?.[key] ?? '';
      return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
    },
    // ready: the same language's words arrived, so t() is new
    [lang, ready],
  );
}

/** An error code of an engagement ack, said in the reader's language. */
export function engagementError(t: EngagementTranslate, error: { code: string; message: string }): string {
  return engagementErrorIn(tables.kk ?? tables.ru ?? tables.en ?? {}, t, error);
}
