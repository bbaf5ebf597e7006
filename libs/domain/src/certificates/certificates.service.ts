import { randomBytes } from 'crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { domainEvent, recordEvents } from '../events/domain-events';
import { Actor, isOrganizer } from '../shared/actor';
import { conflict, forbidden, notFound } from '../shared/domain.errors';
import { pickText } from '../shared/localized-text';
import { returnedRows } from '../shared/returned-rows';
import { normalizeVerifyCode, Verification, verificationOf, verifyCodeFrom } from './certificate.policy';
import {
  BatchProgress,
  batchProgress,
  CERTIFICATES_CHANNEL,
  CertificateRow,
  certificatesWhere,
} from './certificates.queries';

export interface BatchView extends BatchProgress {
  done: boolean;
}

/**
 * Certificates for people: the holder's list and PDF, the name-on-the-public-page consent;
 * for organizers a program's certificates, bulk issue (a batch whose progress can be followed),
 * revoke and re-issue; and the public verification of a code.
 */
@Injectable()
export class CertificatesService {
  constructor(private readonly ds: DataSource) {}

  /** Bulk issue for a whole program: every completer without a certificate gets one (worker jobs). */
  async requestForProgram(actor: Actor, programId: string): Promise<BatchView> {
    this.assertOrganizer(actor);
    const [program] = await this.ds.query(`SELECT id FROM programs WHERE id = $1`, [programId]);
    if (!program) throw notFound('Program', programId);
    const batchId = await this.ds.transaction(async (em) => {
      const [b]: { id: string }[] = await em.query(
        `INSERT INTO certificate_batches (program_id, reason, requested_by) VALUES ($1, 'request', $2) RETURNING id`,
        [programId, actor.userId],
      );
      await recordEvents(em, [
        domainEvent('certificates.requested', programId, { programId, batchId: b.id }),
      ]);
      return b.id;
    });
    return this.batch(actor, batchId);
  }

  async batch(actor: Actor, batchId: string): Promise<BatchView> {
    this.assertOrganizer(actor);
    const b = await batchProgress(this.ds, batchId);
    if (!b) throw notFound('Certificate batch', batchId);
    // Done once the outbox made its certificates (status) and none of them waits for its PDF.
    const [{ status }]: { status: string }[] = await this.ds.query(
      `SELECT CASE WHEN EXISTS (SELECT 1 FROM domain_events e WHERE e.type = 'certificates.requested'
                                  AND e.processed_at IS NULL AND e.payload->>'batchId' = $1) THEN 'pending' ELSE 'made' END AS status`,
      [batchId],
    );
    return { ...b, done: (b.reason !== 'request' || status === 'made') && b.pending === 0 };
  }

  listForProgram(actor: Actor, programId: string): Promise<CertificateRow[]> {
    this.assertOrganizer(actor);
    return certificatesWhere(this.ds, 'program_id = $1', [programId]);
  }

  mine(actor: Actor): Promise<CertificateRow[]> {
    return certificatesWhere(this.ds, `user_id = $1 AND status <> 'pending'`, [actor.userId]);
  }

  /** The PDF: its holder or an organizer; someone else's certificate is a 404 (no IDOR). */
  async pdf(actor: Actor, id: string): Promise<{ number: string; pdf: Buffer }> {
    const [row]: { number: string; user_id: string; pdf: Buffer | null; status: string }[] =
      await this.ds.query(
        `SELECT c.number, c.user_id, c.status, f.pdf FROM certificates c
         LEFT JOIN certificate_files f ON f.certificate_id = c.id WHERE c.id = $1`,
        [id],
      );
    if (!row || (row.user_id !== actor.userId && !isOrganizer(actor))) throw notFound('Certificate', id);
    if (!row.pdf) throw conflict('certificate_pending', 'The certificate is still being issued');
    return { number: row.number, pdf: row.pdf };
  }

  /** Whether the public verification page shows the holder's full name (else initials). */
  async setPublicName(actor: Actor, id: string, publicName: boolean): Promise<CertificateRow> {
    const rows = returnedRows(
      await this.ds.query(
        `UPDATE certificates SET public_name = $3, updated_at = now() WHERE id = $1 AND user_id = $2 RETURNING id`,
        [id, actor.userId, publicName],
      ),
    );
    if (!rows.length) throw notFound('Certificate', id);
    return (await certificatesWhere(this.ds, 'id = $1', [id]))[0];
  }

  async revoke(actor: Actor, id: string, reason: string | null): Promise<CertificateRow> {
    this.assertOrganizer(actor);
    const [c] = await certificatesWhere(this.ds, 'id = $1', [id]);
    if (!c) throw notFound('Certificate', id);
    await this.ds.query(
      `UPDATE certificates SET status = 'revoked', revoked_at = now(), revoke_reason = $2, updated_at = now()
        WHERE id = $1 AND status <> 'revoked'`,
      [id, reason?.trim() || null],
    );
    return (await certificatesWhere(this.ds, 'id = $1', [id]))[0];
  }

  /**
   * Re-issue: the certificate is revoked (if it is not yet) and a new one, with a new number and
   * code and the holder's name as their profile says now, is issued by the worker.
   */
  async reissue(actor: Actor, id: string, reason: string | null): Promise<CertificateRow> {
    this.assertOrganizer(actor);
    const newId = await this.ds.transaction(async (em) => {
      const [old]: { id: string; status: string }[] = await em.query(
        `SELECT id, status FROM certificates WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!old) throw notFound('Certificate', id);
      if (old.status === 'pending')
        throw conflict('certificate_pending', 'The certificate is still being issued');
      const [newer] = await em.query(`SELECT id FROM certificates WHERE replaces_id = $1`, [id]);
      if (newer) throw conflict('already_reissued', `Certificate ${id} was already re-issued as ${newer.id}`);
      await em.query(
        `UPDATE certificates SET status = 'revoked', revoked_at = coalesce(revoked_at, now()),
                revoke_reason = coalesce(revoke_reason, $2, 'reissued'), updated_at = now() WHERE id = $1`,
        [id, reason?.trim() || null],
      );
      const [created]: { id: string }[] = await em.query(
        `INSERT INTO certificates (number, verify_code, program_id, user_id, batch_id, language, holder_name,
                                   program_title, modules, minutes, completed_at, time_zone, public_name, replaces_id)
         SELECT 'QTS-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('certificate_number_seq')::text, 6, '0'),
                $2, c.program_id, c.user_id, NULL, u.language, u.display_name, c.program_title, c.modules,
                c.minutes, c.completed_at, u.time_zone, c.public_name, c.id
           FROM certificates c JOIN users u ON u.id = c.user_id WHERE c.id = $1
         RETURNING id`,
        [id, verifyCodeFrom(randomBytes(16))],
      );
      await em.query(`SELECT pg_notify($1, 'pending')`, [CERTIFICATES_CHANNEL]);
      return created.id;
    });
    return (await certificatesWhere(this.ds, 'id = $1', [newId]))[0];
  }

  /** The public page's answer; the caller rate-limits (codes are unguessable, floods are refused). */
  async verify(rawCode: string, lang: 'kk' | 'ru' | 'en'): Promise<Verification> {
    const code = normalizeVerifyCode(rawCode);
    const [c] = code ? await certificatesWhere(this.ds, 'verify_code = $1', [code]) : [];
    return verificationOf(
      c
        ? {
            number: c.number,
            status: c.status as never,
            holderName: c.holder_name,
            publicName: c.public_name,
            programTitle: pickText(c.program_title, lang) ?? '',
            completedAt: c.completed_at,
            issuedAt: c.issued_at,
            revokedAt: c.revoked_at,
          }
        : null,
    );
  }

  private assertOrganizer(actor: Actor): void {
    if (!isOrganizer(actor)) throw forbidden('Only organizers issue, revoke and list certificates');
  }
}
