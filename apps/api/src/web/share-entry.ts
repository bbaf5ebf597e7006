import type { NextFunction, Request, Response } from 'express';
import {
  anonymousReader,
  instantIn,
  LocalizedText,
  pickText,
  ProgramsService,
  SessionsService,
} from '@qatys/domain';
import type { PublicReadThrottle } from '../catalog/public-read-throttle';
import { shareLanguage, shortDescription, withShareHead } from './share-head';
import { entryHtml, type WebClientConfig } from './web-static';

export interface ShareLookups {
  programs: ProgramsService;
  sessions: SessionsService;
  throttle: PublicReadThrottle;
  publicBaseUrl: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (t: LocalizedText | null | undefined, lang: 'kk' | 'ru' | 'en'): string =>
  pickText(t, lang) ?? '';

/**
 * GET /app/programs/:id and /app/sessions/:id: the SPA's index.html with the head of that
 * published program or session. Anything else (a draft, an unknown id, no build, a visitor over
 * the public read budget) falls through to the plain SPA entry, which shows its own page.
 */
export function shareEntry(
  distDir: string,
  kind: 'program' | 'session',
  lookups: ShareLookups,
  client: WebClientConfig,
) {
  const entry = entryHtml(distDir, client);
  return (req: Request, res: Response, next: NextFunction): void => {
    const id = String(req.params.id ?? '');
    const index = entry();
    if (!UUID.test(id) || index === null) return next();
    void (async () => {
      let head: { title: string; description: string; fallbackLang: string } | null = null;
      try {
        await lookups.throttle.take(req.ip);
        head = await (kind === 'program' ? programHead : sessionHead)(lookups, id, req);
      } catch {
        // Not public (404), over the budget (429) or the database away: the plain entry.
        return next();
      }
      const lang = shareLanguage(req.query.lang, req.headers['accept-language'], head.fallbackLang);
      const html = withShareHead(index, {
        title: `${head.title} · Qatys`,
        description: head.description,
        url: `${lookups.publicBaseUrl.replace(/\/+$/, '')}${req.originalUrl.split('?')[0]}`,
        lang,
      });
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Vary', 'Accept-Language');
      res.type('html').send(html);
    })().catch(next);
  };

  async function programHead(l: ShareLookups, id: string, req: Request) {
    const { program } = await l.programs.get(anonymousReader('UTC'), id);
    const lang = shareLanguage(req.query.lang, req.headers['accept-language'], program.defaultLanguage);
    return {
      title: text(program.title, lang),
      description: shortDescription(text(program.description, lang)),
      fallbackLang: program.defaultLanguage,
    };
  }

  async function sessionHead(l: ShareLookups, id: string, req: Request) {
    const s = await l.sessions.get(anonymousReader('UTC'), id);
    const lang = shareLanguage(req.query.lang, req.headers['accept-language'], 'ru');
    // The session's own clock: a preview has no visitor zone to convert to.
    const start = instantIn(s.startAt, s.timeZone).local.slice(0, 16).replace('T', ' ');
    const what = shortDescription(text(s.description, lang), 160);
    return {
      title: text(s.title, lang),
      description: [`${start} (${s.timeZone})`, text(s.program.title, lang), what]
        .filter(Boolean)
        .join(' · '),
      fallbackLang: 'ru',
    };
  }
}
