import type { AddressInfo, Socket } from 'net';
import { SMTPServer } from 'smtp-server';
import { parseMail, ParsedMail } from './mail-parse';

export interface ReceivedMail extends ParsedMail {
  to: string[];
  /** When the server accepted it (after any delay), ms since epoch. */
  acceptedAt: number;
  raw: string;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Called when DATA has fully arrived; resolve to delay the server's 250 reply. */
  beforeAccept?: (mail: ReceivedMail) => Promise<void> | void;
  /** DATA transfers that started (including ones whose connection then died). */
  dataStarted: number;
  /** Messages whose connection closed before the server said 250: never accepted. */
  dropped: number;
  /** Addresses refused at RCPT TO with a permanent 550 (a hard bounce). */
  rejectRecipients: Set<string>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on a free port. A message counts as delivered only when the
 * server acknowledges it: if the client's connection is gone by then (killed mid-DATA), the
 * message is dropped — as an MTA that never sent its 250 would. smtp-server keeps sockets
 * half-open, so a vanished client shows as 'end' on the raw socket, which is watched here.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const closed = new Set<string>();
  /** Client ports whose side of the connection ended (the server is half-open: no 'close' yet). */
  const gonePorts = new Set<number>();
  const sink: SmtpSink = {
    url: '',
    port: 0,
    messages: [],
    dataStarted: 0,
    dropped: 0,
    rejectRecipients: new Set(),
    close: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 5 * 1024 * 1024,
    onClose(session) {
      closed.add(session.id);
    },
    onRcptTo(address, _session, callback) {
      if (!sink.rejectRecipients.has(address.address.toLowerCase())) return callback();
      const e = new Error('5.1.1 Mailbox does not exist') as Error & { responseCode: number };
      e.responseCode = 550;
      callback(e);
    },
    onData(stream, session, callback) {
      sink.dataStarted++;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail: ReceivedMail = {
          ...parseMail(raw),
          to: session.envelope.rcptTo.map((r) => r.address),
          acceptedAt: 0,
          raw,
        };
        void Promise.resolve(sink.beforeAccept?.(mail)).then(() => {
          if (closed.has(session.id) || gonePorts.has(session.remotePort)) {
            sink.dropped++;
            return callback(new Error('connection closed before the reply'));
          }
          mail.acceptedAt = Date.now();
          sink.messages.push(mail);
          callback();
        });
      });
    },
  });
  // A client killed in the middle of a transaction resets its connection; smtp-server reports
  // that as a server 'error', which without a listener would end the test process.
  server.on('error', () => undefined);
  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort;
    if (port === undefined) return;
    gonePorts.delete(port);
    socket.on('end', () => gonePorts.add(port));
    socket.on('close', () => gonePorts.add(port));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  sink.port = port;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
