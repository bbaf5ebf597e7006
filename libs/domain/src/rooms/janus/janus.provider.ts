import { createHmac, randomBytes } from 'node:crypto';
import { placeRoom } from '../placement.policy';
import type { JanusNodeOptions, RoomsOptions } from '../rooms.tokens';
import {
  GrantPerson,
  JoinGrant,
  MediaServerUnavailable,
  RoomHandle,
  RoomRole,
  RoomSpec,
  VideoProvider,
} from '../video-provider';
import {
  JanusError,
  JanusHttp,
  JanusUnreachable,
  VIDEOROOM_NO_SUCH_ROOM,
  VIDEOROOM_ROOM_EXISTS,
} from './janus-http';

type JanusOptions = NonNullable<RoomsOptions['janus']>;

/** A session's room number: 52 bits of its id, so the same session always gets the same room. */
export function janusRoomNumber(sessionId: string): number {
  return parseInt(sessionId.replace(/-/g, '').slice(0, 13), 16);
}

/**
 * Built-in rooms on Janus VideoRoom. Rooms are made with the plugin's admin key and a room secret
 * derived from it (so a retried create finds the same room and secret), private, with the
 * `allowed` list on and `require_pvtid`: nobody enters without a token the api put in that room's
 * list, and a viewer subscribes only with the private id that entering gave them.
 */
export class JanusProvider implements VideoProvider {
  readonly kind = 'builtin' as const;
  private readonly clients = new Map<string, JanusHttp>();

  constructor(private readonly options: JanusOptions) {
    for (const n of options.nodes) this.clients.set(n.id, new JanusHttp(n.url));
  }

  node(id: string | null): JanusNodeOptions {
    const node = this.options.nodes.find((n) => n.id === id);
    if (!node) throw new MediaServerUnavailable(`Janus node ${id} is not configured`, 'builtin');
    return node;
  }

  /** The VideoRoom admin key (forwarding requests need it: lock_rtp_forward). */
  get adminKey(): string {
    return this.options.adminKey;
  }

  client(id: string | null): JanusHttp {
    return this.clients.get(this.node(id).id)!;
  }

  private secretOf(sessionId: string): string {
    return createHmac('sha256', this.options.adminKey).update(`room:${sessionId}`).digest('hex').slice(0, 40);
  }

  /** Participants per node (null: the node does not answer). */
  async loads(): Promise<{ id: string; participants: number | null }[]> {
    return Promise.all(
      this.options.nodes.map(async (n) => {
        try {
          const list = await this.clients
            .get(n.id)!
            .withVideoRoom((req) => req({ request: 'list', admin_key: this.options.adminKey }));
          const rooms = (list.list as { num_participants?: number }[] | undefined) ?? [];
          return { id: n.id, participants: rooms.reduce((s, r) => s + (r.num_participants ?? 0), 0) };
        } catch {
          return { id: n.id, participants: null };
        }
      }),
    );
  }

  async createRoom(spec: RoomSpec, existing: RoomHandle | null): Promise<RoomHandle> {
    const room = janusRoomNumber(spec.sessionId);
    let nodeId = existing?.nodeId ?? null;
    if (!nodeId) {
      const placement = placeRoom(await this.loads(), spec.audience, this.options.nodeCapacity);
      if (!placement) throw new MediaServerUnavailable('No Janus node answers', 'builtin');
      nodeId = placement.origin;
    }
    const secret = this.secretOf(spec.sessionId);
    await this.makeRoom(nodeId, room, secret, spec.title, {
      ...(spec.record && this.options.recordDir
        ? { record: true, rec_dir: `${this.options.recordDir}/${spec.sessionId}` }
        : {}),
    });
    return {
      provider: 'builtin',
      externalId: String(room),
      nodeId,
      relayNodeIds: existing?.nodeId === nodeId ? existing.relayNodeIds : [],
      secret,
      createTime: null,
    };
  }

  /**
   * The same room (number, secret, rules) on a relay node, where viewers beyond the origin's
   * capacity watch the speakers' streams forwarded to it (remote publishers). Not recorded: the
   * origin records. Idempotent.
   */
  async createRelayRoom(room: RoomHandle, nodeId: string, title: string): Promise<void> {
    await this.makeRoom(nodeId, Number(room.externalId), room.secret!, title, {});
  }

  private async makeRoom(
    nodeId: string,
    room: number,
    secret: string,
    title: string,
    extra: Record<string, unknown>,
  ): Promise<void> {
    await this.guard(() =>
      this.client(nodeId).withVideoRoom(async (req) => {
        try {
          await req({
            request: 'create',
            admin_key: this.options.adminKey,
            room,
            permanent: false,
            description: title.slice(0, 100),
            secret,
            is_private: true,
            require_pvtid: true,
            allowed: [],
            publishers: 6,
            bitrate: 1_000_000,
            fir_freq: 10,
            audiocodec: 'opus',
            videocodec: 'vp8',
            notify_joining: false,
            ...extra,
          });
        } catch (e) {
          if (!(e instanceof JanusError && e.code === VIDEOROOM_ROOM_EXISTS)) throw e;
        }
      }),
    );
  }

  /** `nodeId`: where this viewer watches (the origin, or one of the room's relay nodes). */
  async grant(
    room: RoomHandle,
    _person: GrantPerson,
    role: RoomRole,
    expiresAt: Date,
    nodeId: string | null = room.nodeId,
  ): Promise<JoinGrant> {
    const token = randomBytes(24).toString('base64url');
    await this.guard(() =>
      this.client(nodeId).withVideoRoom((req) =>
        req({
          request: 'allowed',
          secret: room.secret,
          action: 'add',
          room: Number(room.externalId),
          allowed: [token],
        }),
      ),
    );
    return {
      provider: 'builtin',
      role,
      expiresAt: expiresAt.toISOString(),
      janusUrl: this.node(nodeId).publicUrl,
      room: Number(room.externalId),
      token,
      publish: role !== 'attendee',
      iceServers: this.options.iceServers,
    };
  }

  /** Takes expired tokens out of the room's list (people inside stay inside). */
  async revoke(room: RoomHandle, tokens: string[], nodeId: string | null = room.nodeId): Promise<void> {
    if (!tokens.length) return;
    await this.guard(() =>
      this.client(nodeId).withVideoRoom(async (req) => {
        try {
          await req({
            request: 'allowed',
            secret: room.secret,
            action: 'remove',
            room: Number(room.externalId),
            allowed: tokens,
          });
        } catch (e) {
          if (!(e instanceof JanusError && e.code === VIDEOROOM_NO_SUCH_ROOM)) throw e;
        }
      }),
    );
  }

  /** Destroys the room on its origin and on every relay node. */
  async end(room: RoomHandle): Promise<void> {
    for (const nodeId of [...room.relayNodeIds, room.nodeId]) await this.destroyOn(nodeId, room);
  }

  private async destroyOn(nodeId: string | null, room: RoomHandle): Promise<void> {
    await this.guard(() =>
      this.client(nodeId).withVideoRoom(async (req) => {
        try {
          await req({
            request: 'destroy',
            secret: room.secret,
            room: Number(room.externalId),
            permanent: false,
          });
        } catch (e) {
          if (!(e instanceof JanusError && e.code === VIDEOROOM_NO_SUCH_ROOM)) throw e;
        }
      }),
    );
  }

  /** Whether the room is still on its node. */
  async exists(room: RoomHandle): Promise<boolean> {
    const answer = await this.guard(() =>
      this.client(room.nodeId).withVideoRoom((req) =>
        req({ request: 'exists', room: Number(room.externalId) }),
      ),
    );
    return answer.exists === true;
  }

  async health(): Promise<{ id: string; up: boolean }[]> {
    return Promise.all(
      this.options.nodes.map(async (n) => ({
        id: n.id,
        up: await this.clients
          .get(n.id)!
          .info()
          .then(() => true)
          .catch(() => false),
      })),
    );
  }

  async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof JanusUnreachable) throw new MediaServerUnavailable(e.message, 'builtin');
      throw e;
    }
  }
}
