/**
 * "Server-rendered enough to be shared as a link": the public program and session pages are the
 * SPA's index.html with a <head> that names what the link is about (title, description, Open
 * Graph), so a messenger's preview and a search engine read it without running any script.
 * Pure string work; every value is escaped for an HTML attribute or text.
 */
export interface ShareHead {
  title: string;
  description: string;
  /** Absolute URL of the page (og:url). */
  url: string;
  lang: string;
}

export const escapeHtml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** A description fit for a preview: one line, at most `max` characters (cut at a word). */
export function shortDescription(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** index.html with its <title> replaced and the description and Open Graph tags added. */
export function withShareHead(indexHtml: string, head: ShareHead): string {
  const title = escapeHtml(head.title);
  const description = escapeHtml(head.description);
  const meta = [
    `<meta name="description" content="${description}" />`,
    `<meta property="og:type" content="website" />`,
    `<meta property="og:site_name" content="Qatys" />`,
    `<meta property="og:title" content="${title}" />`,
    `<meta property="og:description" content="${description}" />`,
    `<meta property="og:url" content="${escapeHtml(head.url)}" />`,
    `<meta property="og:locale" content="${escapeHtml(OG_LOCALE[head.lang] ?? head.lang)}" />`,
  ].join('\n    ');
  // Functions as replacements: a `$&` in a title is text, not a pattern reference.
  let html = indexHtml.replace(/<title>[^<]*<\/title>/, () => `<title>${title}</title>`);
  html = html.replace(/<html lang="[^"]*"/, () => `<html lang="${escapeHtml(head.lang)}"`);
  return html.replace('</head>', () => `  ${meta}\n  </head>`);
}

const OG_LOCALE: Record<string, string> = { kk: 'kk_KZ', ru: 'ru_RU', en: 'en_US' };

/** The visitor's language: ?lang=, else the first of kk/ru/en in Accept-Language, else `fallback`. */
export function shareLanguage(
  queryLang: unknown,
  acceptLanguage: string | undefined,
  fallback: string,
): 'kk' | 'ru' | 'en' {
  const known = (l: unknown): l is 'kk' | 'ru' | 'en' => l === 'kk' || l === 'ru' || l === 'en';
  if (known(queryLang)) return queryLang;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase().slice(0, 2);
    if (known(tag)) return tag;
  }
  return known(fallback) ? fallback : 'ru';
}
