export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Text in up to three languages; at least one is present (enforced by the request DTOs). */
export type LocalizedText = Partial<Record<Language, string>>;

/** The reader's language first, then the others in a fixed order so a reader never gets nothing. */
export function pickText(text: LocalizedText | null | undefined, lang: Language): string | null {
  if (!text) return null;
  return text[lang] ?? text.ru ?? text.kk ?? text.en ?? null;
}
