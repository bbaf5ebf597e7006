import type { GrantPerson, JoinGrant, RoomHandle, RoomRole, RoomSpec, VideoProvider } from './video-provider';

/**
 * Today's behaviour, kept: the session's external video URL (the speaker's own meeting tool). No
 * room to make or end; the grant is the link (null when the organizer has not set one).
 */
export class LinkProvider implements VideoProvider {
  readonly kind = 'link' as const;

  constructor(private readonly linkOf: (sessionId: string) => Promise<string | null>) {}

  async createRoom(spec: RoomSpec): Promise<RoomHandle> {
    return {
      provider: 'link',
      externalId: spec.sessionId,
      nodeId: null,
      relayNodeIds: [],
      secret: null,
      createTime: null,
    };
  }

  async grant(room: RoomHandle, _person: GrantPerson, role: RoomRole, expiresAt: Date): Promise<JoinGrant> {
    return {
      provider: 'link',
      role,
      expiresAt: expiresAt.toISOString(),
      url: await this.linkOf(room.externalId),
    };
  }

  async end(): Promise<void> {}
}
