import type { NextFunction, Request, Response } from 'express';
import { entryHtml, type WebClientConfig } from './web-static';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GET /join/<registration>?t=<token>, the link in reminder e-mails: the SPA's index.html with the
 * number of question pages the token's reader will see written into its head (`<meta
 * name="qatys-question-pages">`). The page's entry script then asks for every page at once
 * instead of waiting for the first to say how many there are, which on a phone means waiting
 * until the app's code has been evaluated (apps/web/src/live/join-view-prefetch.ts). Once the
 * page is sent, those pages are read for it (join-views.ts), while the browser loads the scripts.
 * A token that does not verify, or names another registration, gets the plain entry (the page
 * says why).
 */
export function joinEntry(
  distDir: string,
  client: WebClientConfig,
  /**
   * The link's page count (a whole number >= 1) and what starts reading those pages for the page's
   * own requests (join-views.ts); rejects when the token does not verify or names another registration.
   */
  link: (token: string, registrationId: string) => Promise<{ pages: number; prepare(): void }>,
) {
  const entry = entryHtml(distDir, client);
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = typeof req.query.t === 'string' ? req.query.t : '';
    const registrationId = String(req.params.registrationId ?? '');
    const html = entry();
    if (!token || !UUID.test(registrationId) || html === null) return next();
    link(token, registrationId).then(
      ({ pages, prepare }) => {
        const meta = `<meta name="qatys-question-pages" content="${pages}" />`;
        // Per link: no shared cache may keep it (the address carries the token anyway).
        res.setHeader('Cache-Control', 'no-store');
        res.type('html').send(html.replace(/<head>/i, (h) => `${h}\n    ${meta}`));
        prepare();
      },
      () => next(),
    );
  };
}
