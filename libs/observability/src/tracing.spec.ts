import { jobTelemetryOf, tracingWanted } from './tracing';

describe('tracingWanted (off by default, the standard OTEL_* variables turn it on)', () => {
  it('is off with nothing set', () => expect(tracingWanted({})).toBe(false));
  it('is on with an exporter or an OTLP endpoint', () => {
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' })).toBe(
      true,
    );
  });
  it('stays off with the exporter none or the SDK disabled', () => {
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x' })).toBe(
      false,
    );
    expect(tracingWanted({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toBe(false);
  });
  it('hands BullMQ the stored traceparent in bullmq-otel’s metadata format', () => {
    const tp = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(JSON.parse(jobTelemetryOf(tp)!.metadata)).toEqual({ traceparent: tp });
    expect(jobTelemetryOf(null)).toBeUndefined();
  });
});
