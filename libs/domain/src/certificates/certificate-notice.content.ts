import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  NoticeContent,
  NoticeContentProvider,
  NoticeContentRequest,
} from '../notifications/notice-content';
import type { NotificationKind } from '../notifications/notification.entity';
import { LocalizedText, pickText } from '../shared/localized-text';
import { CERTIFICATE_SETTINGS, CertificateSettings, verifyUrl } from './certificate-settings';

/** The certificate mail: the PDF attached, its number and verification link; none for a revoked one. */
@Injectable()
export class CertificateNoticeContent implements NoticeContentProvider {
  readonly kinds: readonly NotificationKind[] = ['certificate.issued'];

  constructor(
    private readonly ds: DataSource,
    @Inject(CERTIFICATE_SETTINGS) private readonly settings: CertificateSettings,
  ) {}

  async content(r: NoticeContentRequest): Promise<NoticeContent> {
    const [c]: {
      status: string;
      number: string;
      verify_code: string;
      program_title: LocalizedText;
      pdf: Buffer | null;
      disabled: boolean;
    }[] = await this.ds.query(
      `SELECT c.status, c.number, c.verify_code, c.program_title, f.pdf, u.disabled_at IS NOT NULL AS disabled
         FROM certificates c JOIN users u ON u.id = c.user_id
         LEFT JOIN certificate_files f ON f.certificate_id = c.id
        WHERE c.id = $1 AND c.user_id = $2`,
      [String(r.payload.certificateId ?? ''), r.userId],
    );
    if (!c || !c.pdf) return { send: false, reason: 'certificate_gone' };
    if (c.disabled) return { send: false, reason: 'recipient_disabled' };
    if (c.status === 'revoked') return { send: false, reason: 'revoked' };
    return {
      send: true,
      view: {
        title: pickText(c.program_title, r.lang) ?? '',
        program: null,
        certificateNumber: c.number,
        verifyLink: verifyUrl(this.settings, c.verify_code),
      },
      attachments: [{ filename: `${c.number}.pdf`, content: c.pdf, contentType: 'application/pdf' }],
    };
  }
}
