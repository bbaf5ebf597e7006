/**
 * Certificates as consequences (outbox handlers): a program's completers get pending
 * certificates when an organizer asks (`certificates.requested`) and whenever one of its sessions
 * ends (`session.ended`, settled: completion is decided by the attendance report's rules, read
 * here, not restated); an issued certificate is mailed (`certificate.issued` -> a notice row).
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProgramAttendanceReportService } from '../attendance/program-attendance-report.service';
import type { AnyOutboxHandler } from '../events/outbox-dispatcher';
import { SESSION_ENDED_SETTLE_MS } from '../notifications/notice.queries';
import type { Targets } from '../notifications/relay-targets';
import type { Actor } from '../shared/actor';
import { createPending } from './certificates.queries';

const SYSTEM: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  roles: ['organizer'],
  coordinatorRegionIds: [],
  timeZone: 'UTC',
  language: 'ru',
};

@Injectable()
export class CertificateHandlers {
  constructor(private readonly reports: ProgramAttendanceReportService) {}

  readonly handlers: readonly AnyOutboxHandler<Targets>[] = [
    {
      type: 'certificates.requested',
      handle: async (em, { payload: p }) => {
        await this.issueToCompleters(em, p.batchId, p.programId);
      },
    },
    {
      type: 'session.ended',
      settleMs: SESSION_ENDED_SETTLE_MS,
      handle: async (em, { id, payload: p }) => {
        const [b]: { id: string; program_id: string }[] = await em.query(
          `INSERT INTO certificate_batches (program_id, reason, event_id)
           SELECT program_id, 'session_ended', $2 FROM sessions WHERE id = $1
           ON CONFLICT (event_id) DO NOTHING RETURNING id, program_id`,
          [p.sessionId, id],
        );
        if (b) await this.issueToCompleters(em, b.id, b.program_id);
      },
    },
    {
      type: 'certificate.issued',
      handle: async (em, { id, payload: p }, t) => {
        await em.query(
          `INSERT INTO notifications (kind, dedupe_key, user_id, due_at, payload, event_id)
           VALUES ('certificate.issued', $1, $2, now(), $3::jsonb, $4::bigint)
           ON CONFLICT (dedupe_key) DO NOTHING`,
          [
            `certificate-${p.certificateId}`,
            p.userId,
            JSON.stringify({ certificateId: p.certificateId }),
            id,
          ],
        );
        t.eventIds.push(id);
      },
    },
  ];

  private async issueToCompleters(em: EntityManager, batchId: string, programId: string): Promise<void> {
    const report = await this.reports.programReport(SYSTEM, programId);
    await createPending(
      em,
      batchId,
      programId,
      report.attendees
        .filter((a) => a.completed)
        .map((a) => ({ userId: a.userId, minutes: a.minutes, completedAt: a.completedAt! })),
    );
  }
}
