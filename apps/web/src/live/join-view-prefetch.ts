/**
 * The live page's join view (the session and its question pages), asked for by the entry script
 * before React and the app's code are loaded: their download and parse then overlap these
 * requests instead of coming before them. The live view takes each response once (see
 * live.page.tsx); one it never takes (another token, a different order) is simply not used.
 *
 * When the api wrote the page count into the page it served for the join link (or, after a
 * reload, the tab kept the count it last saw), every page is asked for at once. Otherwise the
 * first page says how many there are; reading it waits until the app's code has been evaluated
 * (one long task on the main thread), so pages 2..n leave 100-150 ms after the first came back
 * (bench:web trace, 2026-12-05). A worker did not help: on 2 cores it started only after that
 * same evaluation (bench:web trace, 2026-12-06).
 *
 * Kept free of the app's modules: it runs in the small entry chunk.
 */
import { questionPages } from './join-view-pages';

const early = new Map<string, Promise<Response>>();

const key = (token: string, page: number) => `${page}\n${token}`;

function post(token: string, questionsPage: number): Promise<Response> {
  return fetch('/app/join-view', {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, questionsPage, questionsOrder: 'votes' }),
  });
}

function ask(token: string, page: number): void {
  const p = post(token, page);
  p.catch(() => undefined); // its taker sees the failure; an untaken one must not be unhandled
  early.set(key(token, page), p);
}

/**
 * Asks for the pages now: 1..hint at once when the page count is known, then whatever the first
 * page says is beyond that (questions asked since the page was served). The first page is handed
 * over only after those were asked for, so the view never asks for a page a second time.
 * `onPages` learns the count the first page announced (kept for the tab's next reload).
 */
export function prefetchJoinViews(token: string, hint = 1, onPages?: (pages: number) => void): void {
  const first = post(token, 1).then(async (res) => {
    if (res.ok) {
      try {
        const pages = questionPages(await res.clone().json());
        onPages?.(pages);
        for (let page = hint + 1; page <= pages; page++) ask(token, page);
      } catch {
        // not JSON: the view reads the same response and says what went wrong
      }
    }
    return res;
  });
  first.catch(() => undefined);
  early.set(key(token, 1), first);
  for (let page = 2; page <= hint; page++) ask(token, page);
}

/** The response asked for early for this token and page (votes order), once; else undefined. */
export function takeEarlyJoinView(token: string, page: number): Promise<Response> | undefined {
  const k = key(token, page);
  const p = early.get(k);
  early.delete(k);
  return p;
}
