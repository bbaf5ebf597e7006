// The bare page of bench:web again, drawn by React instead of by hand: the same fetches, socket
// and join, started as early (a small classic script, web.bench.ts bareWork), the same 100
// questions as plain list items, nothing of the app (no router, no words, no times, no styles).
// Bundled by the bench with the app's own React, production build. Beside the bare page it shows
// what React itself costs a cold load on this machine, so that the rest of the app's gap to the
// bare page can be told from the framework's.
import { createElement as h, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

/* global window, document */
function App() {
  const [title, setTitle] = useState('');
  const [items, setItems] = useState([]);
  const [joined, setJoined] = useState(false);
  useEffect(() => {
    // The requests and the socket were started by the page's small classic script (react-start.js)
    // before this bundle arrived, as the app's entry starts them before React loads.
    void window.__benchWork.questions.then((all) => {
      setTitle(all.title);
      setItems(all.items.slice(0, 100));
    });
    void window.__benchWork.joined.then(() => setJoined(true));
  }, []);
  useEffect(() => {
    if (joined && items.length) window.__ready = true;
  }, [joined, items]);
  return h(
    'div',
    null,
    h('h1', null, title),
    h('ul', null, items.map((q) => h('li', { key: q.id }, q.text))),
    h('form', null, h('textarea'), h('button', { disabled: !joined }, 'Send')),
  );
}

createRoot(document.getElementById('root')).render(h(App));
