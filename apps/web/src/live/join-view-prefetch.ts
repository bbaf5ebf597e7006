/**
 * The live page's join view (the session and its question pages), asked for by the entry script
 * before React and the app's code are loaded: their download and parse then overlap these
 * requests instead of coming before them. The live view takes each response once (see
 * live.page.tsx); one it never takes (another token, a different order) is simply not used.
 *
 * The requests run in a worker (join-view.worker.ts): the first page says how many more there
 * are, and on the main thread reading it had to wait for the app's evaluation to end, so pages
 * 2..n left 100-150 ms late (bench:web trace, 2026-12-05). Where no worker can start, the same
 * requests run here.
 *
 * Kept free of the app's modules: it runs in the small entry chunk.
 */
import { JoinViewReply, QUESTION_PAGE_LIMIT, questionPages } from './join-view-pages';

export { QUESTION_PAGE_LIMIT };

const early = new Map<string, Promise<Response>>();

const key = (token: string, page: number) => `${page}\n${token}`;

function post(token: string, questionsPage: number): Promise<Response> {
  return fetch('/app/join-view', {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, questionsPage, questionsOrder: 'votes' }),
  });
}

/** A promise settled later from outside, kept quiet until someone takes it. */
function deferred(): { promise: Promise<Response>; resolve(r: Response): void; reject(e: Error): void } {
  let resolve!: (r: Response) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<Response>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // its taker sees the failure; an untaken one must not be unhandled
  return { promise, resolve, reject };
}

/**
 * On the main thread: the first page now and, once it says how many there are, the rest at once.
 * The first page is handed over only after the rest were asked for, so the view never asks for a
 * page a second time.
 */
function prefetchHere(token: string): Promise<Response> {
  const first = post(token, 1).then(async (res) => {
    if (res.ok) {
      try {
        const pages = questionPages(await res.clone().json());
        for (let page = 2; page <= pages; page++) {
          const p = post(token, page);
          p.catch(() => undefined);
          early.set(key(token, page), p);
        }
      } catch {
        // not JSON: the view reads the same response and says what went wrong
      }
    }
    return res;
  });
  first.catch(() => undefined);
  return first;
}

/**
 * In a worker: each page's answer comes back as a message and becomes a Response here. The
 * deferred answers of pages 2..n are set up when page 1's message arrives, which is before the
 * view, having read page 1, asks for them.
 */
function prefetchInWorker(token: string): Promise<Response> {
  const worker = new Worker(new URL('./join-view.worker.ts', import.meta.url), { type: 'module' });
  const first = deferred();
  const waiting = new Map<number, ReturnType<typeof deferred>>([[1, first]]);
  let left = 1;
  let started = false;
  worker.onmessage = (e: MessageEvent<JoinViewReply>) => {
    const r = e.data;
    if (r.page === 1) {
      started = true;
      left = r.pages;
      for (let page = 2; page <= r.pages; page++) {
        const d = deferred();
        waiting.set(page, d);
        early.set(key(token, page), d.promise);
      }
    }
    const d = waiting.get(r.page);
    if (!d) return;
    waiting.delete(r.page);
    if ('error' in r) d.reject(new TypeError(r.error));
    else d.resolve(new Response(r.body, { status: r.status, headers: { 'Content-Type': r.contentType } }));
    if (--left === 0) worker.terminate();
  };
  // The worker's script did not load or run (an old browser, a policy): ask from here instead.
  worker.onerror = (e) => {
    e.preventDefault();
    worker.terminate();
    if (started) {
      for (const [page, d] of waiting) post(token, page).then(d.resolve, d.reject);
      waiting.clear();
      return;
    }
    prefetchHere(token).then(first.resolve, first.reject);
  };
  worker.postMessage({ token });
  return first.promise;
}

/** Starts asking for the join view's pages for this token (votes order). */
export function prefetchJoinViews(token: string): void {
  let first: Promise<Response>;
  try {
    first = typeof Worker === 'function' ? prefetchInWorker(token) : prefetchHere(token);
  } catch {
    first = prefetchHere(token);
  }
  early.set(key(token, 1), first);
}

/** The response asked for early for this token and page (votes order), once; else undefined. */
export function takeEarlyJoinView(token: string, page: number): Promise<Response> | undefined {
  const k = key(token, page);
  const p = early.get(k);
  early.delete(k);
  return p;
}
