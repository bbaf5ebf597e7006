import { createServer, Server } from 'http';
import type { AddressInfo } from 'net';

export interface CollectedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

/**
 * A minimal OTLP/HTTP trace receiver (JSON encoding, OTEL_EXPORTER_OTLP_PROTOCOL=http/json) on a
 * loopback port: it keeps every span the apps export, with the service that sent it.
 */
export async function startOtlpCollector(): Promise<{
  url: string;
  spans: CollectedSpan[];
  close(): Promise<void>;
}> {
  const spans: CollectedSpan[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    // An app SIGKILLed in the middle of an export resets its connection: not the collector's error.
    req.on('error', () => undefined);
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const doc = JSON.parse(body) as {
          resourceSpans: Array<{
            resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
            scopeSpans: Array<{ spans: Array<Record<string, unknown>> }>;
          }>;
        };
        for (const rs of doc.resourceSpans ?? []) {
          const service =
            rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
          for (const ss of rs.scopeSpans ?? [])
            for (const s of ss.spans ?? [])
              spans.push({
                service,
                traceId: s.traceId as string,
                spanId: s.spanId as string,
                parentSpanId: (s.parentSpanId as string) ?? '',
                name: s.name as string,
                kind: s.kind as number,
                attributes: Object.fromEntries(
                  ((s.attributes as Array<{ key: string; value: Record<string, unknown> }>) ?? []).map(
                    (a) => [a.key, Object.values(a.value)[0]],
                  ),
                ),
              });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
