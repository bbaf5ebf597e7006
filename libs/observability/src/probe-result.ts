import { ServiceUnavailableException } from '@nestjs/common';
import type { HealthCheckService, HealthIndicatorFunction } from '@nestjs/terminus';

/** Runs terminus's check and returns the status to answer with and its body (503 on any down). */
export async function probe(
  health: HealthCheckService,
  indicators: HealthIndicatorFunction[],
): Promise<{ status: 200 | 503; body: unknown }> {
  try {
    return { status: 200, body: await health.check(indicators) };
  } catch (e) {
    if (e instanceof ServiceUnavailableException) return { status: 503, body: e.getResponse() };
    throw e;
  }
}
