/**
 * Kinds whose facts live in another context (an invitation's link, a certificate's PDF) are
 * completed at send time by that context, through this port: notifications does not import the
 * contexts above it, they provide a `NoticeContentProvider` that the sending app (the worker)
 * lists under NOTICE_CONTENT. The provider also says whether the message is still true — it
 * replaces `sendVerdict` for its kinds.
 */
import type { Language } from '../shared/localized-text';
import type { MessageView } from './message-templates';
import type { NotificationKind } from './notification.entity';

export const NOTICE_CONTENT = Symbol('NOTICE_CONTENT');

export interface NoticeAttachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
}

export interface NoticeContentRequest {
  notificationId: string;
  kind: NotificationKind;
  userId: string;
  payload: Record<string, unknown>;
  lang: Language;
  /** The recipient's zone (times in the message are told in it). */
  timeZone: string;
  now: Date;
}

export type NoticeContent =
  | { send: false; reason: string }
  | { send: true; view: Partial<MessageView>; attachments?: NoticeAttachment[] };

export interface NoticeContentProvider {
  readonly kinds: readonly NotificationKind[];
  content(request: NoticeContentRequest): Promise<NoticeContent>;
}
