import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LANGUAGES, Language } from '../shared/localized-text';
import { MicroBatcher } from '../shared/micro-batcher';
import { deliveryContent, emailMessage, webhookRequest } from './delivery-content';
import { chooseChannels, sendVerdict } from './delivery.policy';
import {
  activeWebhookEndpoints,
  claimChannel,
  closeAsSent,
  closeUnsent,
  DeliveryRow,
  failNotification,
  loadAndClaim,
  LoadRequest,
  markChannelFailed,
  markSent,
  recordAttemptFailure,
  releaseClaim,
  SentMark,
} from './delivery.queries';
import {
  DELIVERY_CHANNELS,
  DELIVERY_SETTINGS,
  DeliveryChannels,
  DeliveryFailedError,
  DeliveryOutcome,
  DeliverySettings,
} from './delivery.types';
import { NOTICE_CONTENT, NoticeContent, NoticeContentProvider } from './notice-content';
import { ACCOUNT_KINDS } from './password-reset.notice';

/** How long a load or "sent" mark waits for others to share its statement (a job's send takes far longer). */
const BATCH_WINDOW_MS = 3;
/** A send claimed by a living process is looked at again this soon (it is usually done by then). */
const IN_FLIGHT_RECHECK_MS = 1000;

/**
 * Sends one planned notification, once per channel:
 *
 * 1. re-reads the row with its person, registration and session; a row no longer planned, or a
 *    job made for another instant than the row's, is a no-op; one that is early waits;
 * 2. asks the send-time policy whether the message is still true (cancelled, moved,
 *    unregistered -> no send; the row says why);
 * 3. per channel, claims the ledger row (notification, channel) for this process in its own
 *    committed statement BEFORE sending; a row already `sent` is skipped; one `sending` under a
 *    living process makes this attempt look again a moment later; a dead process's claim is
 *    taken over at once (delivery.queries);
 * 4. sends, then marks the ledger row and the notification `sent`.
 *
 * The window left: the server accepted the message and the process died before step 4's commit.
 * The retry then sends again, with the same Message-ID — at most once per send that was in flight
 * in the dead process (WORKER_CONCURRENCY).
 */
@Injectable()
export class NotificationDeliveryService {
  /** Jobs active at the same moment share one load-and-claim statement and one "sent" statement. */
  private readonly loads = new MicroBatcher<LoadRequest, DeliveryRow | undefined>(
    (r) => this.loadMany(r),
    100,
    BATCH_WINDOW_MS,
  );
  private readonly marks = new MicroBatcher<SentMark, void>(
    async (m) => (await markSent(this.ds, m), m.map(() => undefined)),
    100,
    BATCH_WINDOW_MS,
  );
  /** "Sent" marks written behind their jobs, not yet committed. */
  private readonly behind = new Set<Promise<void>>();
  private readonly logger = new Logger(NotificationDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(DELIVERY_CHANNELS) private readonly channels: DeliveryChannels,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    @Optional() @Inject(NOTICE_CONTENT) private readonly contents: readonly NoticeContentProvider[] = [],
  ) {}

  /** What the context that owns this kind says (null: a kind of notifications' own). */
  private async providedContent(row: DeliveryRow, now: Date): Promise<NoticeContent | null> {
    const provider = this.contents.find((c) => c.kinds.includes(row.kind));
    if (!provider) return null;
    return provider.content({
      notificationId: row.id,
      kind: row.kind,
      userId: row.user_id,
      payload: row.payload,
      lang: (LANGUAGES as readonly string[]).includes(row.language) ? (row.language as Language) : 'ru',
      timeZone: row.time_zone,
      now,
    });
  }

  private get claimantId(): string | null {
    return this.settings.claimant?.id ?? null;
  }

  async deliver(
    input: { notificationId: string; dueAt: string; sendFrom?: string; final: boolean },
    now = new Date(),
  ): Promise<DeliveryOutcome> {
    // Without our liveness lock, a claim of ours would look like a dead process's to everyone else.
    if (this.settings.claimant && !this.settings.claimant.isHeld()) {
      return {
        result: 'defer',
        until: new Date(now.getTime() + IN_FLIGHT_RECHECK_MS),
        reason: 'no_liveness',
      };
    }
    const sendFrom = input.sendFrom ?? null;
    const row = await this.loads.add({ id: input.notificationId, dueAt: input.dueAt, sendFrom, now });
    if (!row) return { result: 'noop', reason: 'missing' };
    if (row.status !== 'planned') return { result: 'noop', reason: `already_${row.status}` };
    if (row.due_at.getTime() !== Date.parse(input.dueAt)) return { result: 'noop', reason: 'stale_job' };
    // The release window is the load statement's (send_from): one rule, in SQL, for both the
    // claim and this deferral.
    if (row.send_from.getTime() > now.getTime() + 1000)
      return { result: 'defer', until: row.send_from, reason: 'early' };

    // Kinds of other contexts (invitations, certificates): their provider decides and supplies facts.
    const extra = await this.providedContent(row, now);
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
      if (row.claim_id) await releaseClaim(this.ds, row.claim_id, row.claim_inserted, verdict.reason);
      await closeUnsent(this.ds, row.id, verdict.status, verdict.reason);
      return { result: verdict.status, reason: verdict.reason };
    }

    // A reset link goes to the person's mailbox only, whatever channel they prefer for notices.
    const preference = ACCOUNT_KINDS.includes(row.kind) ? 'email' : row.preference;
    const endpoints =
      preference === 'webhook' && row.organization_id
        ? await activeWebhookEndpoints(this.ds, row.organization_id)
        : [];
    const targets = chooseChannels(preference, row.email, endpoints);
    const content = deliveryContent(row, targets, this.settings, now, extra?.send ? extra : undefined);

    const done: string[] = [];
    const errors: string[] = [];
    for (const target of targets) {
      // The e-mail row was usually claimed by the same statement that loaded the notification.
      const claim =
        row.claim_id && target.key === 'email'
          ? { state: 'claimed' as const }
          : await claimChannel(this.ds, {
              notificationId: row.id,
              channel: target.key,
              target: target.target,
              leaseSeconds: this.settings.leaseSeconds,
              claimantId: this.claimantId,
            });
      if (claim.state === 'sent') {
        done.push(target.key);
        continue;
      }
      if (claim.state === 'busy') {
        const recheck = Math.min(claim.leaseUntil.getTime(), now.getTime() + IN_FLIGHT_RECHECK_MS);
        return { result: 'defer', until: new Date(recheck), reason: 'in_flight' };
      }
      let ref: string;
      try {
        if (target.channel === 'email') {
          ref = (await this.channels.sendEmail(emailMessage(row, target, content, this.settings))).ref;
        } else {
          const req = webhookRequest(row, target, content, now);
          ref = (await this.channels.postWebhook(req.url, req.body, req.headers)).ref;
        }
      } catch (e) {
        const reason = describe(e);
        errors.push(`${target.key}: ${reason}`);
        await markChannelFailed(this.ds, row.id, target.key, reason);
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
      // under this living process's claim, so any new attempt waits; a crash before the commit is
      // the one documented window either way. drain() waits for these (the worker's shutdown calls it).
      if (!last) await mark;
      else {
        this.writeBehind(mark, row.id);
        return { result: 'sent', channels: done };
      }
    }
    if (errors.length) {
      const reason = errors.join('; ').slice(0, 1000);
      await recordAttemptFailure(this.ds, row.id, reason, input.final);
      throw new DeliveryFailedError(reason, input.final);
    }
    await closeAsSent(this.ds, row.id, done.join(','));
    return { result: 'sent', channels: done };
  }

  /** Resolves once every "sent" mark written behind so far is committed (or has failed and been logged). */
  async drain(): Promise<void> {
    while (this.behind.size) await Promise.allSettled([...this.behind]);
  }

  /** The last attempt died of something else than a send (say Postgres went away): the row says so. */
  fail(notificationId: string, reason: string): Promise<void> {
    return failNotification(this.ds, notificationId, reason);
  }

  private writeBehind(mark: Promise<void>, notificationId: string): void {
    const p: Promise<void> = mark
      .catch((e: Error) =>
        // The row stays `planned` with its ledger row `sending`: once its claim is free (this
        // process gone, or the lease over), the next job finds it and the send is retried.
        this.logger.warn(`sent mark of notification ${notificationId} failed: ${e.message}`),
      )
      .finally(() => this.behind.delete(p));
    this.behind.add(p);
  }

  /** One statement may claim a ledger row only once: a second job for the same row waits its turn. */
  private async loadMany(requests: LoadRequest[]): Promise<(DeliveryRow | undefined)[]> {
    const first = new Map<string, LoadRequest>();
    const again: LoadRequest[] = [];
    for (const r of requests) {
      if (first.has(r.id)) again.push(r);
      else first.set(r.id, r);
    }
    const load = (batch: LoadRequest[]) =>
      batch.length ? loadAndClaim(this.ds, batch, this.settings.leaseSeconds, this.claimantId) : [];
    const rows = await load([...first.values()]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const later = new Map<LoadRequest, DeliveryRow | undefined>();
    for (const r of again) later.set(r, (await load([r]))[0]);
    return requests.map((r) => (later.has(r) ? later.get(r) : byId.get(r.id)));
  }
}

function describe(e: unknown): string {
  const err = e as { code?: string; responseCode?: number; message?: string };
  const parts = [err.code, err.responseCode, err.message].filter((x) => x !== undefined && x !== '');
  return parts.length ? parts.join(' ') : String(e);
}
