import './app.css';
// The live page's engagement panel styles ride with the entry's stylesheet: a second stylesheet
// would be one more request the entry's script waits for.
import './live/engagement/engagement.css';
import { gatewayUrl } from './live/gateway-url';
import {
  JOIN_KEY,
  joinLinkRewrite,
  rememberPageCount,
  storedJoinToken,
  storedPageCount,
} from './live/join-link';
import { registerEarlyLive } from './live/early-live-registry';
import { pagesHint } from './live/join-view-pages';
import { prefetchJoinViews } from './live/join-view-prefetch';

// The entry is kept small on purpose: it starts the live page's requests, then loads React and
// the app (./boot), whose download and parse overlap those requests instead of preceding them.

// A join link's token goes out of the address bar before anything is drawn (a shared screenshot
// or a copied address must not carry it): the live view is then drawn once, at its final address.
const joinLink = joinLinkRewrite(window.location.pathname, window.location.search, window.location.hash);
if (joinLink) {
  try {
    sessionStorage.setItem(JOIN_KEY + joinLink.sessionId, joinLink.token);
    window.history.replaceState(null, '', joinLink.url);
  } catch {
    // Storage blocked: the page reads the token from the address as before.
  }
}

// A live page asks where the gateway is, and a join link for its session and questions, before
// React has drawn anything.
if (/^(\/app)?\/(join|s)\//.test(window.location.pathname)) void gatewayUrl();
const joinPath = /^(?:\/app)?\/join\/([0-9a-f-]{36})$/i.exec(window.location.pathname);
if (joinPath) {
  const token = joinLink?.token ?? storedJoinToken(joinPath[1]);
  const sessionId = joinLink?.sessionId ?? joinPath[1];
  // How many question pages to ask for at once: counted by the api when it served this page for
  // the link (the link's own token only), else the count this tab last saw (a reload: the address
  // no longer carries the token). Without either, the first page says, and the rest follow it.
  const hint = pagesHint(
    joinLink
      ? document.querySelector<HTMLMetaElement>('meta[name="qatys-question-pages"]')?.content
      : storedPageCount(sessionId),
  );
  if (token) {
    prefetchJoinViews(token, hint, (pages) => rememberPageCount(sessionId, pages));
    // The live socket too: connected and joined while the app loads (live/early-live.ts).
    registerEarlyLive(
      sessionId,
      token,
      import('./live/early-live').then((m) => m.openEarlyLive(sessionId, token)).catch(() => null),
    );
  }
}

void import('./boot');
