import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@qatys/persistence';
import { signJoinToken } from '../attendance/join-token';
import { ICS_PRODID, sessionIcsFilename, sessionToIcsEvent } from '../calendar/calendar-event.policy';
import { serializeCalendar } from '../calendar/ics.serializer';
import { Language, LANGUAGES, LocalizedText, pickText } from '../shared/localized-text';
import {
  CALENDAR_KINDS,
  ChannelTarget,
  chooseChannels,
  JOIN_LINK_KINDS,
  sendVerdict,
} from './delivery.policy';
import { renderMessage, RenderedMessage } from './message.render';
import { NOTICE_CONTENT, NoticeAttachment, NoticeContentProvider } from './notice-content';
import { MicroBatcher } from '../shared/micro-batcher';
import { earliestSend, MAX_RELEASE_LEAD_MS, RELEASE_LEAD_SHARE_OF_OFFSET } from './release.policy';
import type { NotificationChannel, NotificationKind, NotificationStatus } from './notification.entity';
import { webhookHeaders } from './webhook-signature';

export const DELIVERY_CHANNELS = Symbol('DELIVERY_CHANNELS');
/** How long a load or "sent" mark waits for others to share its statement (a job's send takes far longer). */
const BATCH_WINDOW_MS = 3;
export const DELIVERY_SETTINGS = Symbol('DELIVERY_SETTINGS');

export interface EmailMessage {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Stable across attempts: a duplicate after a crash is recognisable as one. */
  messageId: string;
  headers: Record<string, string>;
  attachments: NoticeAttachment[];
}

/** The transports, provided by the app that sends (the worker): SMTP and HTTP. */
export interface DeliveryChannels {
  sendEmail(message: EmailMessage): Promise<{ ref: string }>;
  postWebhook(url: string, body: string, headers: Record<string, string>): Promise<{ ref: string }>;
}

export interface DeliverySettings {
  /** Base of personal join links. */
  publicBaseUrl: string;
  /** JWT_SECRET; without it links carry no token (tests only). */
  joinTokenSecret: string | null;
  /** How long a claimed ledger row is ours; longer than any one send can take. */
  leaseSeconds: number;
  /** Right-hand side of Message-IDs. */
  messageIdDomain: string;
}

export type DeliveryOutcome =
  | { result: 'sent'; channels: string[] }
  | { result: 'skipped' | 'cancelled'; reason: string }
  | { result: 'noop'; reason: string }
  | { result: 'defer'; until: Date; reason: string };

/** A delivery attempt failed; the row keeps the reason (and is `failed` when `final`). */
export class DeliveryFailedError extends Error {
  constructor(
    message: string,
    public readonly final: boolean,
  ) {
    super(message);
    this.name = 'DeliveryFailedError';
  }
}

interface LoadRequest {
  id: string;
  dueAt: string;
  /** The job's early-release instant for a reminder burst (see release.policy). */
  sendFrom: string | null;
  now: Date;
}

interface SentMark {
  id: string;
  channel: string;
  ref: string;
  /** Set for a message's last channel: the notification is closed as sent to these. */
  channels: string | null;
}

interface DeliveryRow {
  id: string;
  kind: NotificationKind;
  dedupe_key: string;
  status: NotificationStatus;
  due_at: Date;
  session_version: number | null;
  offset_minutes: number | null;
  payload: Record<string, unknown>;
  registration_id: string | null;
  user_id: string;
  email: string;
  display_name: string;
  language: string;
  time_zone: string;
  disabled_at: Date | null;
  preference: NotificationChannel;
  reg_status: string | null;
  s_id: string | null;
  s_title: LocalizedText | null;
  s_description: LocalizedText | null;
  s_start_at: Date | null;
  s_end_at: Date | null;
  s_time_zone: string | null;
  s_status: string | null;
  s_version: number | null;
  s_format: string | null;
  s_venue: string | null;
  s_join_url: string | null;
  s_created_at: Date | null;
  s_updated_at: Date | null;
  p_title: LocalizedText | null;
  organization_id: string | null;
  /** Decision notices: the application now, and its call. */
  a_status: string | null;
  a_waitlist_rank: number | null;
  c_title: LocalizedText | null;
  /** Set when `load` claimed the e-mail ledger row in the same statement. */
  claim_id: string | null;
  claim_inserted: boolean | null;
}

/**
 * Sends one planned notification, exactly once per channel:
 *
 * 1. re-reads the row with its person, registration and session; a row no longer planned, or a
 *    job made for another instant than the row's, is a no-op; one that is early waits;
 * 2. asks the send-time policy whether the message is still true (cancelled, moved,
 *    unregistered -> no send; the row says why);
 * 3. per channel, claims the ledger row (notification, channel) in its own committed statement
 *    BEFORE sending; a row already `sent` is skipped; one `sending` under another attempt's lease
 *    makes this attempt wait for the lease to run out;
 * 4. sends, then marks the ledger row and the notification `sent`.
 *
 * The one window left: the server accepted the message and the process died before step 4's
 * commit. The retry then sends again, with the same Message-ID. Any earlier death (before or
 * during the SMTP DATA, before the server's 250) is followed by exactly one delivery.
 */
@Injectable()
export class NotificationDeliveryService {
  /** Jobs active at the same moment share one load-and-claim statement and one "sent" statement. */
  private readonly loads = new MicroBatcher<LoadRequest, DeliveryRow | undefined>(
    (r) => this.loadMany(r),
    100,
    BATCH_WINDOW_MS,
  );
  private readonly marks = new MicroBatcher<SentMark, void>((m) => this.markMany(m), 100, BATCH_WINDOW_MS);
  /** "Sent" marks written behind their jobs, not yet committed. */
  private readonly behind = new Set<Promise<void>>();
  private readonly logger = new Logger(NotificationDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(DELIVERY_CHANNELS) private readonly channels: DeliveryChannels,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    @Optional() @Inject(NOTICE_CONTENT) private readonly contents: readonly NoticeContentProvider[] = [],
  ) {}

  async deliver(
    input: { notificationId: string; dueAt: string; sendFrom?: string; final: boolean },
    now = new Date(),
  ): Promise<DeliveryOutcome> {
    const sendFrom = input.sendFrom ?? null;
    const row = await this.loads.add({ id: input.notificationId, dueAt: input.dueAt, sendFrom, now });
    if (!row) return { result: 'noop', reason: 'missing' };
    if (row.status !== 'planned') return { result: 'noop', reason: `already_${row.status}` };
    if (row.due_at.getTime() !== Date.parse(input.dueAt)) return { result: 'noop', reason: 'stale_job' };
    const earliest = earliestSend(row.due_at, input.sendFrom, row.offset_minutes);
    if (earliest.getTime() > now.getTime() + 1000)
      return { result: 'defer', until: earliest, reason: 'early' };

    // Kinds of other contexts (invitations, certificates): their provider decides and supplies facts.
    const provider = this.contents.find((c) => c.kinds.includes(row.kind));
    const extra = provider
      ? await provider.content({
          notificationId: row.id,
          kind: row.kind,
          userId: row.user_id,
          payload: row.payload,
          lang: (LANGUAGES as readonly string[]).includes(row.language) ? (row.language as Language) : 'ru',
          timeZone: row.time_zone,
          now,
        })
      : null;
    const verdict = extra
      ? extra.send
        ? ({ send: true } as const)
        : ({ send: false, status: 'skipped', reason: extra.reason } as const)
      : sendVerdict({
          kind: row.kind,
          plannedVersion: row.session_version,
          session: row.s_id
            ? {
                status: row.s_status!,
                version: row.s_version!,
                startAt: row.s_start_at!,
                endAt: row.s_end_at!,
              }
            : null,
          registrationStatus: row.reg_status,
          applicationStatus: row.a_status,
          recipientDisabled: row.disabled_at !== null,
          now,
        });
    if (!verdict.send) {
      if (row.claim_id) await this.release(row.claim_id, row.claim_inserted, verdict.reason);
      await this.ds.query(
        `UPDATE notifications SET status = $2, last_error = $3, updated_at = now() WHERE id = $1 AND status = 'planned'`,
        [row.id, verdict.status, verdict.reason],
      );
      return { result: verdict.status, reason: verdict.reason };
    }

    const endpoints =
      row.preference === 'webhook' && row.organization_id
        ? ((await this.ds.query(
            `SELECT id, url, secret FROM webhook_endpoints WHERE organization_id = $1 AND active ORDER BY created_at, id`,
            [row.organization_id],
          )) as { id: string; url: string; secret: string }[])
        : [];
    const targets = chooseChannels(row.preference, row.email, endpoints);
    const lang: Language = (LANGUAGES as readonly string[]).includes(row.language)
      ? (row.language as Language)
      : 'ru';
    const joinLink = this.joinLink(row, now);
    const calendar = CALENDAR_KINDS.includes(row.kind) ? this.calendar(row, lang, now) : null;
    const message = renderMessage({
      kind: row.kind,
      lang,
      recipientName: row.display_name,
      sessionTitle: pickText(row.s_title, lang) ?? '',
      programTitle: pickText(row.p_title, lang),
      startAt: row.s_start_at,
      sessionZone: row.s_time_zone ?? row.time_zone,
      attendeeZone: row.time_zone,
      oldStartAt: typeof row.payload.oldStartAt === 'string' ? new Date(row.payload.oldStartAt) : null,
      joinLink,
      venue: row.s_format !== 'online' ? row.s_venue : null,
      reason: typeof row.payload.reason === 'string' ? row.payload.reason : null,
      calendarAttached: calendar !== null && targets.some((t) => t.channel === 'email'),
      recordingUrl: typeof row.payload.recordingUrl === 'string' ? row.payload.recordingUrl : null,
      callTitle: pickText(row.c_title, lang),
      waitlistRank:
        row.a_waitlist_rank ??
        (typeof row.payload.waitlistRank === 'number' ? row.payload.waitlistRank : null),
      promoted: row.payload.promoted === true,
      extra: extra?.send ? extra.view : undefined,
      now,
    });
    const attachments = extra?.send ? (extra.attachments ?? []) : [];

    const done: string[] = [];
    const errors: string[] = [];
    for (const target of targets) {
      // The e-mail row was usually claimed by the same statement that loaded the notification.
      const claim =
        row.claim_id && target.key === 'email'
          ? { state: 'claimed' as const }
          : await this.claim(row.id, target);
      if (claim.state === 'sent') {
        done.push(target.key);
        continue;
      }
      if (claim.state === 'busy') return { result: 'defer', until: claim.leaseUntil, reason: 'in_flight' };
      let ref: string;
      try {
        ref = (
          target.channel === 'email'
            ? await this.channels.sendEmail(this.email(row, target, message, calendar, attachments))
            : await this.postWebhook(row, target, message, joinLink, lang, now)
        ).ref;
      } catch (e) {
        const reason = describe(e);
        errors.push(`${target.key}: ${reason}`);
        await this.ds.query(
          `UPDATE notification_deliveries SET status = 'failed', last_error = $3, lease_until = NULL, updated_at = now()
            WHERE notification_id = $1 AND channel = $2 AND status = 'sending'`,
          [row.id, target.key, reason.slice(0, 1000)],
        );
        continue;
      }
      done.push(target.key);
      // The last channel's ledger row and the notification are marked in one statement (one commit).
      const last = target === targets[targets.length - 1] && !errors.length;
      const mark = this.marks.add({
        id: row.id,
        channel: target.key,
        ref: ref.slice(0, 500),
        channels: last ? done.join(',').slice(0, 300) : null,
      });
      // The last mark is written behind: the job's slot goes to the next send rather than waiting
      // for a commit. That adds no duplicate: until the mark commits, the ledger row is `sending`
      // under this attempt's lease, so any new attempt waits; a crash before the commit is the one
      // documented window either way. drain() waits for these (the worker's shutdown calls it).
      if (!last) await mark;
      else {
        this.writeBehind(mark, row.id);
        // That mark closes the notification too.
        return { result: 'sent', channels: done };
      }
    }
    if (errors.length) {
      const reason = errors.join('; ').slice(0, 1000);
      await this.ds.query(
        `UPDATE notifications
            SET attempts = attempts + 1, last_error = $2, updated_at = now(),
                status = CASE WHEN $3::boolean THEN 'failed' ELSE status END
          WHERE id = $1 AND status = 'planned'`,
        [row.id, reason, input.final],
      );
      throw new DeliveryFailedError(reason, input.final);
    }
    // Every channel was already sent by an earlier attempt (the ledger said so): close the row.
    await this.ds.query(
      `UPDATE notifications
          SET status = 'sent', sent_at = coalesce(sent_at, now()), channel = $2, last_error = NULL, updated_at = now()
        WHERE id = $1 AND status = 'planned'`,
      [row.id, done.join(',').slice(0, 300)],
    );
    return { result: 'sent', channels: done };
  }

  /** Resolves once every "sent" mark written behind so far is committed (or has failed and been logged). */
  async drain(): Promise<void> {
    while (this.behind.size) await Promise.allSettled([...this.behind]);
  }

  private writeBehind(mark: Promise<void>, notificationId: string): void {
    const p: Promise<void> = mark
      .catch((e: Error) =>
        // The row stays `planned` with its ledger row `sending`: once the lease runs out, the
        // reconciler's job finds it and the send is retried (the documented crash window).
        this.logger.warn(`sent mark of notification ${notificationId} failed: ${e.message}`),
      )
      .finally(() => this.behind.delete(p));
    this.behind.add(p);
  }

  /** The last attempt died of something else than a send (say Postgres went away): the row says so. */
  async fail(notificationId: string, reason: string): Promise<void> {
    await this.ds.query(
      `UPDATE notifications SET status = 'failed', attempts = attempts + 1, last_error = $2, updated_at = now()
        WHERE id = $1 AND status = 'planned'`,
      [notificationId, reason.slice(0, 1000)],
    );
  }

  /**
   * Reads the notification with its person, preference, registration, session and program — and,
   * in the same statement, claims its e-mail ledger row when it is planned for this very instant,
   * due, and the person wants e-mail (the common case): one round trip instead of two. The claim
   * is the same atomic upsert as `claim()`; should the send-time verdict then say no, `release()`
   * undoes it.
   */
  private async loadMany(requests: LoadRequest[]): Promise<(DeliveryRow | undefined)[]> {
    // One statement may claim a ledger row only once: a second job for the same row waits its turn.
    const first = new Map<string, LoadRequest>();
    const again: LoadRequest[] = [];
    for (const r of requests) {
      if (first.has(r.id)) again.push(r);
      else first.set(r.id, r);
    }
    const rows = await this.loadBatch([...first.values()]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const later = new Map<LoadRequest, DeliveryRow | undefined>();
    for (const r of again) later.set(r, (await this.loadBatch([r]))[0]);
    return requests.map((r) => (later.has(r) ? later.get(r) : byId.get(r.id)));
  }

  private async loadBatch(requests: LoadRequest[]): Promise<DeliveryRow[]> {
    if (!requests.length) return [];
    return preparedQuery<DeliveryRow>(
      this.ds,
      'qatys_delivery_load',
      `WITH j AS (
         SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[], $5::timestamptz[])
                AS j(id, due_at, job_now, send_from)
       ), n AS (
         SELECT n.id, n.kind, n.dedupe_key, n.status, n.due_at, n.session_version, n.offset_minutes, n.payload,
                n.registration_id, n.user_id, j.due_at AS job_due_at, j.job_now,
                -- earliestSend() of release.policy, for the claim below
                least(n.due_at, greatest(coalesce(j.send_from, n.due_at),
                  n.due_at - make_interval(secs => least($6::float8, coalesce(n.offset_minutes, 0) * 60 * $7::float8))))
                  AS send_from,
                u.email, u.display_name, u.language, u.time_zone, u.disabled_at,
                coalesce(np.channel, 'email') AS preference,
                r.status AS reg_status,
                s.id AS s_id, s.title AS s_title, s.description AS s_description, s.start_at AS s_start_at,
                s.end_at AS s_end_at, s.time_zone AS s_time_zone, s.status AS s_status, s.version AS s_version,
                s.format AS s_format, s.venue AS s_venue, s.join_url AS s_join_url,
                s.created_at AS s_created_at, s.updated_at AS s_updated_at,
                p.title AS p_title, p.organization_id,
                a.status AS a_status, a.waitlist_rank AS a_waitlist_rank, c.title AS c_title
           FROM j
           JOIN notifications n ON n.id = j.id
           JOIN users u ON u.id = n.user_id
           LEFT JOIN notification_preferences np ON np.user_id = n.user_id
           LEFT JOIN registrations r ON r.id = n.registration_id
           LEFT JOIN sessions s ON s.id = n.session_id
           -- Decision notices only (no session): their application and call by the payload's id.
           LEFT JOIN selection_applications a
                  ON n.session_id IS NULL AND a.id = (n.payload->>'applicationId')::uuid
           LEFT JOIN selection_calls c ON c.id = a.call_id
           LEFT JOIN programs p ON p.id = coalesce(s.program_id, c.program_id)
       ), claim AS (
         INSERT INTO notification_deliveries (notification_id, channel, target, status, attempts, lease_until)
         SELECT n.id, 'email', n.email, 'sending', 1, now() + make_interval(secs => $4)
           FROM n
          WHERE n.status = 'planned' AND n.preference = 'email'
            AND date_trunc('milliseconds', n.due_at) = n.job_due_at AND n.send_from <= n.job_now + interval '1 second'
         ON CONFLICT (notification_id, channel) DO UPDATE
            SET status = 'sending', attempts = notification_deliveries.attempts + 1, target = EXCLUDED.target,
                lease_until = EXCLUDED.lease_until, updated_at = now()
          WHERE notification_deliveries.status = 'failed'
             OR (notification_deliveries.status = 'sending' AND notification_deliveries.lease_until < now())
         RETURNING notification_id, id, (xmax = 0) AS inserted
       )
       SELECT n.*, c.id AS claim_id, c.inserted AS claim_inserted
         FROM n LEFT JOIN claim c ON c.notification_id = n.id`,
      [
        requests.map((r) => r.id),
        requests.map((r) => r.dueAt),
        requests.map((r) => r.now),
        this.settings.leaseSeconds,
        requests.map((r) => r.sendFrom),
        MAX_RELEASE_LEAD_MS / 1000,
        RELEASE_LEAD_SHARE_OF_OFFSET,
      ],
    );
  }

  /** Ledger rows (and, for a message's last channel, the notification) marked sent, many at once. */
  private async markMany(marks: SentMark[]): Promise<void[]> {
    // A function rather than the statement itself: see migration MarkNotificationsSent.
    await preparedQuery(
      this.ds,
      'qatys_delivery_mark_sent',
      `SELECT mark_notifications_sent($1::bigint[], $2::text[], $3::text[], $4::text[])`,
      [
        marks.map((m) => m.id),
        marks.map((m) => m.channel),
        marks.map((m) => m.ref),
        marks.map((m) => m.channels),
      ],
    );
    return marks.map(() => undefined);
  }

  /** Gives back a claim taken by `load` for a message that is not to be sent after all. */
  private async release(claimId: string, inserted: boolean | null, reason: string): Promise<void> {
    await this.ds.query(
      inserted
        ? `DELETE FROM notification_deliveries WHERE id = $1 AND status = 'sending'`
        : `UPDATE notification_deliveries SET status = 'failed', lease_until = NULL, last_error = $2, updated_at = now()
            WHERE id = $1 AND status = 'sending'`,
      inserted ? [claimId] : [claimId, `not sent: ${reason}`],
    );
  }

  /**
   * Takes the ledger row for (notification, channel): a new row, or one that failed, or one
   * whose lease ran out (its attempt died). Autocommitted on its own, before the send.
   */
  private async claim(
    notificationId: string,
    target: ChannelTarget,
  ): Promise<{ state: 'claimed' } | { state: 'sent' } | { state: 'busy'; leaseUntil: Date }> {
    const claimed: unknown[] = await this.ds.query(
      `INSERT INTO notification_deliveries (notification_id, channel, target, status, attempts, lease_until)
       VALUES ($1, $2, $3, 'sending', 1, now() + make_interval(secs => $4))
       ON CONFLICT (notification_id, channel) DO UPDATE
          SET status = 'sending', attempts = notification_deliveries.attempts + 1, target = EXCLUDED.target,
              lease_until = EXCLUDED.lease_until, updated_at = now()
        WHERE notification_deliveries.status = 'failed'
           OR (notification_deliveries.status = 'sending' AND notification_deliveries.lease_until < now())
       RETURNING id`,
      [notificationId, target.key, target.target.slice(0, 2000), this.settings.leaseSeconds],
    );
    if (claimed.length) return { state: 'claimed' };
    const [current]: { status: string; lease_until: Date | null }[] = await this.ds.query(
      `SELECT status, lease_until FROM notification_deliveries WHERE notification_id = $1 AND channel = $2`,
      [notificationId, target.key],
    );
    if (!current || current.status === 'sent') return { state: 'sent' };
    return { state: 'busy', leaseUntil: current.lease_until ?? new Date(Date.now() + 1000) };
  }

  private joinLink(row: DeliveryRow, now: Date): string | null {
    if (
      !JOIN_LINK_KINDS.includes(row.kind) ||
      !row.registration_id ||
      !row.s_id ||
      row.s_format === 'offline'
    ) {
      return null;
    }
    const base = `${this.settings.publicBaseUrl.replace(/\/+$/, '')}/join/${row.registration_id}`;
    if (!this.settings.joinTokenSecret) return base;
    const { token } = signJoinToken(
      this.settings.joinTokenSecret,
      {
        userId: row.user_id,
        registrationId: row.registration_id,
        sessionId: row.s_id,
        sessionEndAt: row.s_end_at!,
      },
      now,
    );
    return `${base}?t=${token}`;
  }

  private calendar(
    row: DeliveryRow,
    lang: Language,
    now: Date,
  ): { filename: string; content: string } | null {
    if (!row.s_id) return null;
    const event = sessionToIcsEvent(
      {
        id: row.s_id,
        title: row.s_title ?? {},
        description: row.s_description ?? {},
        startAt: row.s_start_at!,
        endAt: row.s_end_at!,
        venue: row.s_venue,
        joinUrl: row.s_join_url,
        status: row.s_status as never,
        version: row.s_version!,
        createdAt: row.s_created_at!,
        updatedAt: row.s_updated_at!,
      },
      lang,
    );
    return {
      filename: sessionIcsFilename(row.s_id),
      content: serializeCalendar({ prodId: ICS_PRODID, name: event.summary, events: [event] }, now),
    };
  }

  private email(
    row: DeliveryRow,
    target: ChannelTarget,
    m: RenderedMessage,
    calendar: { filename: string; content: string } | null,
    extra: NoticeAttachment[] = [],
  ): EmailMessage {
    return {
      to: { name: row.display_name, address: target.target },
      subject: m.subject,
      text: m.text,
      html: m.html,
      messageId: `<${row.dedupe_key}.${target.key}@${this.settings.messageIdDomain}>`,
      headers: { 'X-Qatys-Notification': row.dedupe_key, 'X-Qatys-Kind': row.kind },
      attachments: [
        ...(calendar
          ? [
              {
                filename: calendar.filename,
                content: calendar.content,
                contentType: 'text/calendar; charset=utf-8',
              },
            ]
          : []),
        ...extra,
      ],
    };
  }

  private postWebhook(
    row: DeliveryRow,
    target: ChannelTarget,
    m: RenderedMessage,
    joinLink: string | null,
    lang: Language,
    now: Date,
  ): Promise<{ ref: string }> {
    const body = JSON.stringify({
      id: row.dedupe_key,
      type: row.kind,
      notificationId: row.id,
      createdAt: now.toISOString(),
      recipient: {
        userId: row.user_id,
        email: row.email,
        name: row.display_name,
        language: lang,
        timeZone: row.time_zone,
      },
      registrationId: row.registration_id,
      session: row.s_id
        ? {
            id: row.s_id,
            title: pickText(row.s_title, lang),
            startAt: row.s_start_at!.toISOString(),
            endAt: row.s_end_at!.toISOString(),
            timeZone: row.s_time_zone,
            version: row.s_version,
          }
        : null,
      offsetMinutes: row.offset_minutes,
      joinUrl: joinLink,
      message: { subject: m.subject, text: m.text },
      data: row.payload,
    });
    const headers = webhookHeaders(
      target.endpoint!.secret,
      body,
      { deliveryKey: `${row.dedupe_key}.${target.key}`, kind: row.kind },
      now,
    );
    return this.channels.postWebhook(target.target, body, headers);
  }
}

function describe(e: unknown): string {
  const err = e as { code?: string; responseCode?: number; message?: string };
  const parts = [err.code, err.responseCode, err.message].filter((x) => x !== undefined && x !== '');
  return parts.length ? parts.join(' ') : String(e);
}
