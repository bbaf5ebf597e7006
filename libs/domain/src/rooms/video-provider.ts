/**
 * The port every video provider implements: a room per session, a join grant per person and role,
 * the end. Presence and "recording ready" come back from the provider as callbacks (Janus event
 * handler, BigBlueButton webhooks) and are handled by RoomPresenceService / RoomRecordingsService,
 * not through this interface, because they arrive on their own schedule.
 */
export const VIDEO_PROVIDERS = ['builtin', 'bigbluebutton', 'link'] as const;
export type VideoProviderKind = (typeof VIDEO_PROVIDERS)[number];

/** What a person may do in a room: publish (moderator, speaker) or watch (attendee). */
export type RoomRole = 'moderator' | 'speaker' | 'attendee';

export interface RoomSpec {
  sessionId: string;
  title: string;
  startAt: Date;
  endAt: Date;
  /** Expected audience (registered people), for placement. */
  audience: number;
  record: boolean;
}

/** A room as the provider made it; kept in session_rooms. */
export interface RoomHandle {
  provider: VideoProviderKind;
  /** Janus room number, BigBlueButton meetingID, or the external URL. */
  externalId: string;
  /** Janus node the room lives on; null for other providers. */
  nodeId: string | null;
  /** Janus nodes that relay the room to more viewers (broadcast mode). */
  relayNodeIds: string[];
  /** Room secret (Janus) or moderator password (BigBlueButton): never leaves the server. */
  secret: string | null;
  /** BigBlueButton's createTime (join URLs carry it, so a join to an older meeting fails). */
  createTime: string | null;
}

export interface GrantPerson {
  userId: string;
  registrationId: string | null;
  displayName: string;
}

/** What the browser needs to enter the room; short-lived and bound to one person and room. */
export type JoinGrant =
  | {
      provider: 'builtin';
      role: RoomRole;
      expiresAt: string;
      /** Janus HTTP API the browser talks to (the node holding the room, or a relay node). */
      janusUrl: string;
      room: number;
      /** In the room's allowed list until expiresAt; needed to enter, useless for any other room. */
      token: string;
      publish: boolean;
      iceServers: { urls: string[]; username?: string; credential?: string }[];
    }
  | { provider: 'bigbluebutton'; role: RoomRole; expiresAt: string; joinUrl: string }
  | { provider: 'link'; role: RoomRole; expiresAt: string; url: string | null };

export interface VideoProvider {
  readonly kind: VideoProviderKind;
  /** Creates the room, or finds it when it exists (idempotent). */
  createRoom(spec: RoomSpec, existing: RoomHandle | null): Promise<RoomHandle>;
  /** `nodeId`: builtin only, the node the person enters (origin or a relay); default the room's. */
  grant(
    room: RoomHandle,
    person: GrantPerson,
    role: RoomRole,
    expiresAt: Date,
    nodeId?: string | null,
  ): Promise<JoinGrant>;
  /** Ends the room (destroys it); a room already gone is not an error. */
  end(room: RoomHandle): Promise<void>;
}

/** The provider is unreachable or refused: the api answers 503 and the page says so. */
export class MediaServerUnavailable extends Error {
  constructor(
    message: string,
    readonly provider: VideoProviderKind,
  ) {
    super(message);
    this.name = 'MediaServerUnavailable';
  }
}
