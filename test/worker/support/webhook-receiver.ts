import { createServer, IncomingMessage } from 'http';
import type { AddressInfo } from 'net';

export interface ReceivedHook {
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
  status: number;
}

export interface WebhookReceiver {
  url: string;
  requests: ReceivedHook[];
  /** Status to answer with (default 204). */
  status: (req: ReceivedHook) => number;
  close(): Promise<void>;
}

/** A real HTTP receiver (node:http) that records every request and answers `status(req)`. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    requests: [],
    status: () => 204,
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hook: ReceivedHook = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
        status: 0,
      };
      hook.status = receiver.status(hook);
      receiver.requests.push(hook);
      res.writeHead(hook.status, { 'content-type': 'text/plain' });
      res.end(hook.status >= 400 ? 'receiver says no' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/qatys`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}
