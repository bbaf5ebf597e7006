import { context, propagation, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import type { IncomingMessage } from 'http';

/**
 * OpenTelemetry tracing, off unless the standard variables ask for it: OTEL_TRACES_EXPORTER
 * (otlp, console) or an OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT /
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), and OTEL_SDK_DISABLED not true. Everything else
 * (protocol, headers, sampler, resource attributes) is the SDK's own OTEL_* handling.
 */
export function tracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (/^true$/i.test(env.OTEL_SDK_DISABLED ?? '')) return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (exporters.length) return !exporters.every((e) => e === 'none');
  return !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

interface Started {
  shutdown(): Promise<void>;
}
let started: Started | undefined;

export const tracingEnabled = (): boolean => started !== undefined;

const quiet = (req: IncomingMessage) => /^\/(health|metrics)(\/|$|\?)/.test(req.url ?? '');

/**
 * Starts the SDK with the instrumentations Qatys needs (http, express, NestJS, pg, ioredis,
 * Socket.IO, and pino for trace ids in the logs). Must run before those modules are loaded:
 * each app's `main.ts` imports its `tracing.ts` first. The packages are required only here, so a
 * process with tracing off never loads them.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (started || !tracingWanted(env)) return !!started;
  // Prometheus (prom-client) carries the metrics and pino the logs: the SDK exports traces only.
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } =
    require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { NestInstrumentation } =
    require('@opentelemetry/instrumentation-nestjs-core') as typeof import('@opentelemetry/instrumentation-nestjs-core');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  const { SocketIoInstrumentation } =
    require('@opentelemetry/instrumentation-socket.io') as typeof import('@opentelemetry/instrumentation-socket.io');
  const { PinoInstrumentation } =
    require('@opentelemetry/instrumentation-pino') as typeof import('@opentelemetry/instrumentation-pino');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || serviceName,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: quiet }),
      new ExpressInstrumentation(),
      new NestInstrumentation(),
      // Only inside a traced operation: the pollers' and heartbeats' own queries are noise.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
      new SocketIoInstrumentation(),
      new PinoInstrumentation({ disableLogSending: true }),
    ],
  });
  sdk.start();
  started = sdk;
  return true;
}

/** Flushes and stops the SDK (spans still buffered are exported). */
export async function stopTracing(): Promise<void> {
  const s = started;
  started = undefined;
  await s?.shutdown();
}

/** W3C `traceparent` of the active span, to store beside work that continues elsewhere. */
export function activeTraceparent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** The context a stored `traceparent` names (the active one when there is none). */
export function contextOf(traceparent: string | null | undefined): Context {
  return traceparent ? propagation.extract(context.active(), { traceparent }) : context.active();
}

/** BullMQ's telemetry metadata (bullmq-otel's format) for a job that continues a stored trace. */
export function jobTelemetryOf(traceparent: string | null | undefined): { metadata: string } | undefined {
  return traceparent ? { metadata: JSON.stringify({ traceparent }) } : undefined;
}

/** Runs `work` in a span (a no-op span when tracing is off); errors mark it and are rethrown. */
export async function inSpan<T>(
  name: string,
  attributes: Record<string, string | number | boolean>,
  work: () => Promise<T>,
  options: { kind?: SpanKind; parent?: Context } = {},
): Promise<T> {
  const tracer = trace.getTracer('qatys');
  return tracer.startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await work();
      } catch (e) {
        span.recordException(e as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
        throw e;
      } finally {
        span.end();
      }
    },
  );
}

export { SpanKind };
