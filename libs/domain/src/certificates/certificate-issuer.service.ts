import { createHash } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { domainEvent, recordEvents } from '../events/domain-events';
import { LANGUAGES, Language, pickText } from '../shared/localized-text';
import { certificateContent } from './certificate-content.policy';
import { CertificateFonts, loadCertificateFonts, renderCertificatePdf } from './certificate-pdf';
import { CERTIFICATE_SETTINGS, CertificateSettings, verifyUrl } from './certificate-settings';
import { certificateToIssue } from './certificates.queries';
import { returnedRows } from '../shared/returned-rows';

export type IssueOutcome = 'issued' | 'already' | 'gone';

/**
 * Issues one pending certificate (a `certificate.issue` job): renders its PDF, then in one
 * transaction stores the file, marks it issued and records `certificate.issued` (whose handler
 * writes the mail). The state change is conditional (pending -> issued), so a job run twice —
 * a worker killed after the commit — issues and mails once.
 */
@Injectable()
export class CertificateIssuerService {
  private fonts?: CertificateFonts;

  constructor(
    private readonly ds: DataSource,
    @Inject(CERTIFICATE_SETTINGS) private readonly settings: CertificateSettings,
  ) {}

  /** Reads the fonts now (the worker calls it at start, so a missing package is said at once). */
  loadFonts(): CertificateFonts {
    this.fonts ??= loadCertificateFonts(this.settings.fontDir);
    return this.fonts;
  }

  async issue(certificateId: string, now = new Date()): Promise<IssueOutcome> {
    const c = await certificateToIssue(this.ds, certificateId);
    if (!c) return 'gone';
    if (c.status !== 'pending') return 'already';
    const lang: Language = (LANGUAGES as readonly string[]).includes(c.language)
      ? (c.language as Language)
      : 'ru';
    const pdf = await renderCertificatePdf(
      certificateContent({
        lang,
        holderName: c.holder_name,
        programTitle: pickText(c.program_title, lang) ?? '',
        modules: c.modules.map((m) => pickText(m, lang) ?? ''),
        minutes: Number(c.minutes),
        completedAt: c.completed_at,
        timeZone: c.time_zone,
        number: c.number,
        verifyUrl: verifyUrl(this.settings, c.verify_code),
      }),
      this.loadFonts(),
      c.created_at,
    );
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    return this.ds.transaction(async (em) => {
      const marked = returnedRows<{ id: string }>(
        await em.query(
          `UPDATE certificates SET status = 'issued', issued_at = $2, attempts = attempts + 1, last_error = NULL, updated_at = now()
            WHERE id = $1 AND status = 'pending' RETURNING id`,
          [c.id, now],
        ),
      );
      if (!marked.length) return 'already' as const;
      await em.query(
        `INSERT INTO certificate_files (certificate_id, pdf, sha256) VALUES ($1, $2, $3)
         ON CONFLICT (certificate_id) DO UPDATE SET pdf = EXCLUDED.pdf, sha256 = EXCLUDED.sha256`,
        [c.id, pdf, sha256],
      );
      await recordEvents(em, [
        domainEvent('certificate.issued', c.id, {
          certificateId: c.id,
          userId: c.user_id,
          programId: c.program_id,
        }),
      ]);
      return 'issued' as const;
    });
  }

  /** A job's last attempt failed: the row keeps the reason (it stays pending; re-issue retries it). */
  async failed(certificateId: string, reason: string): Promise<void> {
    await this.ds.query(
      `UPDATE certificates SET attempts = attempts + 1, last_error = $2, updated_at = now() WHERE id = $1 AND status = 'pending'`,
      [certificateId, reason.slice(0, 1000)],
    );
  }
}
