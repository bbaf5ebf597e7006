/// <reference lib="webworker" />
/**
 * The join view's pages, fetched off the page's main thread. The entry script hands this worker
 * the token; it asks for the first page, reads how many pages there are and asks for the rest at
 * once. On the main thread that second step waited until the app's code had been evaluated (a
 * long task no fetch callback can interrupt): here it happens as soon as the first page arrives.
 * Each answer goes back as it came (status, type, body bytes), in page order of arrival.
 *
 * Kept free of the app's modules, like the entry: it is its own small file.
 */
import { JoinViewReply, JoinViewRequest, questionPages } from './join-view-pages';

declare const self: DedicatedWorkerGlobalScope;

async function ask(token: string, page: number): Promise<void> {
  let reply: JoinViewReply;
  try {
    const res = await fetch('/app/join-view', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, questionsPage: page, questionsOrder: 'votes' }),
    });
    const body = await res.arrayBuffer();
    let pages = 1;
    if (page === 1 && res.ok) {
      try {
        pages = questionPages(JSON.parse(new TextDecoder().decode(body)));
      } catch {
        // not JSON: the view reads the same answer and says what went wrong
      }
      for (let p = 2; p <= pages; p++) void ask(token, p);
    }
    reply = {
      page,
      pages,
      status: res.status,
      contentType: res.headers.get('Content-Type') ?? '',
      body,
    };
    self.postMessage(reply, [body]);
  } catch (e) {
    reply = { page, pages: 1, error: e instanceof Error ? e.message : String(e) };
    self.postMessage(reply);
  }
}

self.onmessage = (e: MessageEvent<JoinViewRequest>) => {
  if (typeof e.data?.token === 'string') void ask(e.data.token, 1);
};
