/**
 * The local SMTP sink of `npm run bench:reminders`, in its own process (smtp-server, no auth, no
 * TLS). Driven over IPC: {cmd:'reset', dueAt} starts a run; {cmd:'report'} answers with the count
 * and lateness of every message accepted since (ms after dueAt) and distinct recipients;
 * {cmd:'times'} with each recipient's acceptance instants (ms since epoch).
 */
import type { AddressInfo } from 'net';
import { SMTPServer } from 'smtp-server';

let dueAt = 0;
let accepted: number[] = [];
let recipients = new Set<string>();
let byRecipient = new Map<string, number[]>();

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      const now = Date.now();
      accepted.push(now - dueAt);
      for (const r of session.envelope.rcptTo) {
        recipients.add(r.address);
        byRecipient.set(r.address, [...(byRecipient.get(r.address) ?? []), now]);
      }
      callback();
    });
  },
});

// A client killed mid-session (round 3 SIGKILLs a worker) resets its connection: not our error.
server.on('error', () => undefined);

process.on('message', (m: { cmd: string; dueAt?: number }) => {
  if (m.cmd === 'reset') {
    dueAt = m.dueAt ?? Date.now();
    accepted = [];
    recipients = new Set();
    byRecipient = new Map();
    process.send!({ ok: true });
  } else if (m.cmd === 'count') {
    process.send!({ count: accepted.length });
  } else if (m.cmd === 'times') {
    process.send!({ times: Object.fromEntries(byRecipient) });
  } else if (m.cmd === 'report') {
    process.send!({ count: accepted.length, distinct: recipients.size, lateness: accepted });
  }
});

server.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.server.address() as AddressInfo).port });
});
