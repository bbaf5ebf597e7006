// Imported first by main.ts: instrumentation must patch pg, ioredis... before they load.
import { startTracing } from '@qatys/observability/tracing';

startTracing('qatys-worker');
