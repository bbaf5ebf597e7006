// The bare page of bench:web again, drawn by React instead of by hand: the same fetches, socket
// and join, the same 100 questions as plain list items, nothing of the app (no router, no words,
// no times, no styles). Bundled by the bench with the app's own React, production build. Beside
// the bare page it shows what React itself costs a cold load on this machine, so that the rest of
// the app's gap to the bare page can be told from the framework's.
import { createElement as h, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

/* global io, window, document, location, fetch, URLSearchParams */
function App() {
  const [title, setTitle] = useState('');
  const [items, setItems] = useState([]);
  const [joined, setJoined] = useState(false);
  useEffect(() => {
    void (async () => {
      const token = new URLSearchParams(location.search).get('t');
      const view = (page) =>
        fetch('/app/join-view', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ token, questionsPage: page }),
        }).then((r) => r.json());
      const socket = io(window.__benchGateway + '/live', { auth: { token }, transports: ['websocket'] });
      const connected = new Promise((resolve) => socket.once('connect', resolve));
      const first = await view(1);
      const joinedNow = connected.then(
        () => new Promise((resolve) => socket.emit('session:join', { sessionId: first.session.id }, resolve)),
      );
      const pages = Math.ceil(first.questions.total / first.questions.pageSize);
      const rest = await Promise.all(Array.from({ length: pages - 1 }, (_, i) => view(i + 2)));
      const all = [first, ...rest].flatMap((p) => p.questions.items).sort((x, y) => y.upvotes - x.upvotes);
      setTitle(`${first.session.title.kk} (${all.length})`);
      setItems(all.slice(0, 100));
      await joinedNow;
      setJoined(true);
    })();
  }, []);
  useEffect(() => {
    if (joined) window.__ready = true;
  }, [joined]);
  return h(
    'div',
    null,
    h('h1', null, title),
    h('ul', null, items.map((q) => h('li', { key: q.id }, q.text))),
    h('form', null, h('textarea'), h('button', { disabled: !joined }, 'Send')),
  );
}

createRoot(document.getElementById('root')).render(h(App));
