import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { formatInstant } from '../notifications/message.render';
import type {
  NoticeContent,
  NoticeContentProvider,
  NoticeContentRequest,
} from '../notifications/notice-content';
import type { NotificationKind } from '../notifications/notification.entity';
import { LocalizedText, pickText } from '../shared/localized-text';
import { STATUS } from './expected-people.queries';
import { INVITATION_LINKS, InvitationLinks, invitationUrl } from './invitation-token';

interface InviteeFacts {
  status: string;
  disabled: boolean;
  program_title: LocalizedText;
  session_title: LocalizedText | null;
  start_at: Date | null;
  closed: boolean;
}

/**
 * The facts of invitation mails at the moment they are sent, and whether they are still true:
 * an invitation or reminder to someone who has registered, declined, left the list, or for a
 * training that is over is skipped (the row says why). A follow-up names the session, its
 * recording and the module's next session, with the personal link for those never registered.
 */
@Injectable()
export class InvitationNoticeContent implements NoticeContentProvider {
  readonly kinds: readonly NotificationKind[] = [
    'invitation.sent',
    'invitation.reminder',
    'absentees.followup',
  ];

  constructor(
    private readonly ds: DataSource,
    @Inject(INVITATION_LINKS) private readonly links: InvitationLinks,
  ) {}

  async content(r: NoticeContentRequest): Promise<NoticeContent> {
    return r.kind === 'absentees.followup' ? this.followUp(r) : this.invitation(r);
  }

  private async invitation(r: NoticeContentRequest): Promise<NoticeContent> {
    const inviteeId = String(r.payload.inviteeId ?? '');
    const [f]: InviteeFacts[] = await this.ds.query(
      `SELECT ${STATUS('p')} AS status, u.disabled_at IS NOT NULL AS disabled, pr.title AS program_title,
              s.title AS session_title,
              coalesce(s.start_at, (SELECT min(x.start_at) FROM sessions x
                                     WHERE x.program_id = p.program_id AND x.status <> 'cancelled' AND x.end_at > $2)) AS start_at,
              CASE WHEN s.id IS NOT NULL THEN s.end_at <= $2 OR s.status IN ('ended', 'cancelled')
                   ELSE NOT EXISTS (SELECT 1 FROM sessions x WHERE x.program_id = p.program_id
                                      AND x.status IN ('scheduled', 'live') AND x.end_at > $2) END AS closed
         FROM expected_people p
         JOIN users u ON u.id = p.user_id
         JOIN programs pr ON pr.id = p.program_id
         LEFT JOIN sessions s ON s.id = p.session_id
        WHERE p.id = $1 AND p.user_id = $3`,
      [inviteeId, r.now, r.userId],
    );
    if (!f) return { send: false, reason: 'not_listed' };
    if (f.disabled) return { send: false, reason: 'recipient_disabled' };
    if (f.status === 'registered') return { send: false, reason: 'registered' };
    if (f.status === 'declined') return { send: false, reason: 'declined' };
    if (f.closed) return { send: false, reason: 'closed' };
    const program = pickText(f.program_title, r.lang) ?? '';
    return {
      send: true,
      view: {
        title: f.session_title ? (pickText(f.session_title, r.lang) ?? program) : program,
        program: f.session_title ? program : null,
        when: f.start_at ? formatInstant(f.start_at, r.timeZone, r.lang) : '',
        sessionWhen: null,
        actionLink: invitationUrl(this.links, inviteeId),
      },
    };
  }

  private async followUp(r: NoticeContentRequest): Promise<NoticeContent> {
    const p = r.payload as {
      sessionId?: string;
      nextSessionId?: string | null;
      recordingUrl?: string | null;
      inviteeId?: string | null;
    };
    const [f]: {
      disabled: boolean;
      title: LocalizedText;
      program_title: LocalizedText;
      next_title: LocalizedText | null;
      next_start: Date | null;
      registered_now: boolean;
    }[] = await this.ds.query(
      `SELECT u.disabled_at IS NOT NULL AS disabled, s.title, pr.title AS program_title,
              n.title AS next_title, n.start_at AS next_start,
              EXISTS (SELECT 1 FROM registrations r WHERE r.user_id = u.id AND r.session_id = n.id AND r.status = 'registered') AS registered_now
         FROM users u
         JOIN sessions s ON s.id = $2
         JOIN programs pr ON pr.id = s.program_id
         LEFT JOIN sessions n ON n.id = $3 AND n.status = 'scheduled'
        WHERE u.id = $1`,
      [r.userId, p.sessionId, p.nextSessionId ?? null],
    );
    if (!f) return { send: false, reason: 'session_gone' };
    if (f.disabled) return { send: false, reason: 'recipient_disabled' };
    const nextTitle = pickText(f.next_title, r.lang);
    return {
      send: true,
      view: {
        title: pickText(f.title, r.lang) ?? '',
        program: pickText(f.program_title, r.lang),
        recordingUrl: p.recordingUrl ?? null,
        nextSession:
          nextTitle && f.next_start
            ? `«${nextTitle}», ${formatInstant(f.next_start, r.timeZone, r.lang)}`
            : null,
        actionLink: p.inviteeId && !f.registered_now ? invitationUrl(this.links, p.inviteeId) : null,
      },
    };
  }
}
