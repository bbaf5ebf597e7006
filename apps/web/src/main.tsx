import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './app.css';
import { gatewayUrl } from './live/gateway-url';

// A live page asks where the gateway is before React has drawn anything: one round trip less
// before the socket can open.
if (/^(\/app)?\/(join|s)\//.test(window.location.pathname)) void gatewayUrl();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
