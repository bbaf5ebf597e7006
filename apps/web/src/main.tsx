import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './app.css';
import { gatewayUrl } from './live/gateway-url';
import { JOIN_KEY, joinLinkRewrite } from './live/join-link';

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

// A live page asks where the gateway is before React has drawn anything: one round trip less
// before the socket can open.
if (/^(\/app)?\/(join|s)\//.test(window.location.pathname)) void gatewayUrl();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
