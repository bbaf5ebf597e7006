import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { AttendanceIntervalWriter, moderationBacklog } from '@qatys/domain';
import { AppMetrics } from '@qatys/observability';
import { LiveSockets } from './live-sockets';

/**
 * The gateway's own figures, read at scrape time: its sockets (in all, and per session joined —
 * this process only; sum over gateways for the whole), how far attendance writes lag behind, and
 * the Q&A moderation backlog (shared: read from Postgres).
 */
@Injectable()
export class GatewayMetrics {
  constructor(
    app: AppMetrics,
    sockets: LiveSockets,
    writer: AttendanceIntervalWriter,
    @InjectDataSource() ds: DataSource,
  ) {
    const registers = [app.registry];
    new Gauge({
      name: 'qatys_live_sockets',
      help: 'Socket.IO connections this gateway process holds on /live',
      registers,
      collect() {
        this.set(sockets.size);
      },
    });
    new Gauge({
      name: 'qatys_live_session_sockets',
      help: 'Sockets of this gateway process that joined each session',
      labelNames: ['session'],
      registers,
      collect() {
        this.reset();
        for (const [session, n] of sockets.sessionCounts()) this.set({ session }, n);
      },
    });
    new Gauge({
      name: 'qatys_attendance_flush_lag_seconds',
      help: 'Age of the oldest attendance interval change not yet written to Postgres (0 when none)',
      registers,
      collect() {
        this.set(writer.lagMs / 1000);
      },
    });
    new Gauge({
      name: 'qatys_attendance_flush_pending_rows',
      help: 'Attendance interval changes buffered, not yet written',
      registers,
      collect() {
        this.set(writer.pending);
      },
    });
    let backlog: ReturnType<typeof moderationBacklog> | undefined;
    const read = () =>
      (backlog ??= moderationBacklog(ds).finally(() => setImmediate(() => (backlog = undefined))));
    new Gauge({
      name: 'qatys_qa_pending_questions',
      help: 'Questions waiting for moderation per session not yet over',
      labelNames: ['session'],
      registers,
      async collect() {
        this.reset();
        for (const r of await read()) this.set({ session: r.sessionId }, r.pending);
      },
    });
    new Gauge({
      name: 'qatys_qa_oldest_pending_seconds',
      help: 'Age of the oldest question waiting for moderation per session not yet over',
      labelNames: ['session'],
      registers,
      async collect() {
        this.reset();
        for (const r of await read()) this.set({ session: r.sessionId }, r.oldestSeconds);
      },
    });
  }
}
