import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

// Loaded by main.tsx once it has started what the page needs from the network.
performance.mark('qatys.boot');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
