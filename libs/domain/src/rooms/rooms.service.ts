import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LiveAccessService, LiveIdentity } from '../attendance/live-access.service';
import { conflict, notFound } from '../shared/domain.errors';
import { JanusError, VIDEOROOM_NO_SUCH_ROOM } from './janus/janus-http';
import { roomOpen, roomRoleOf } from './room-role.policy';
import { grantFacts, insertGrant, roomOfSession, RoomRow, saveRoom } from './rooms.queries';
import { ROOMS_OPTIONS, RoomsOptions } from './rooms.tokens';
import type { JoinGrant, RoomHandle, RoomSpec } from './video-provider';
import { VideoProviders } from './video-providers';
import { RoomLiveCounts } from './room-live-counts';
import { RoomRelaysService } from './room-relays.service';

export type GrantAnswer = JoinGrant & { sessionId: string; fellBackFrom: string | null };

/**
 * Join grants: the gateway's join rights decide (the same decideJoin, from Postgres facts), then
 * the session's provider gives a short-lived ticket for this person, this room and this role. The
 * room is made on the first grant (a speaker preparing, or the first attendee once the join window
 * opens) and remembered in session_rooms.
 */
@Injectable()
export class RoomsService {
  private readonly logger = new Logger(RoomsService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly access: LiveAccessService,
    private readonly providers: VideoProviders,
    @Inject(ROOMS_OPTIONS) private readonly options: RoomsOptions,
    private readonly live: RoomLiveCounts,
    private readonly relays: RoomRelaysService,
  ) {}

  async grant(
    identity: LiveIdentity & { roles?: readonly string[] },
    sessionId: string,
    now = new Date(),
  ): Promise<GrantAnswer> {
    // The join decision and the grant's own facts (with the room) are read at once: a grant is
    // then one round of reads, one request to Janus and one insert.
    const [decided, facts] = await Promise.all([
      this.access.resolveJoin(identity, sessionId, now),
      grantFacts(this.ds.manager, sessionId, identity.userId),
    ]);
    const { session, person } = decided;
    if (!facts) throw notFound('Session', sessionId);
    if (!roomOpen({ now, endAt: session.endAt, status: session.status })) {
      throw conflict('session_ended', 'The session is over');
    }
    const role = roomRoleOf({
      staff: decided.staff,
      roles: identity.staff?.roles ?? [],
      isSpeaker: person.isSpeaker,
    });
    const choice = this.providers.choose({ session: facts.sessionProvider, program: facts.programProvider });
    const provider = this.providers.get(choice.provider);
    const spec: RoomSpec = {
      sessionId,
      title: facts.title,
      startAt: session.startAt,
      endAt: session.endAt,
      audience: facts.audience,
      record: facts.record,
    };
    let room = await this.ensureRoom(spec, choice.provider, false, facts.room);
    // A room that reports who is in it: the live figures are the room's from now on.
    if (choice.provider !== 'link') await this.live.useRoom(sessionId);
    const expiresAt = new Date(now.getTime() + this.options.grantTtlSeconds * 1000);
    const person$ = {
      userId: identity.userId,
      registrationId: person.registrationId,
      displayName: facts.displayName,
    };
    // Viewers of a built-in room may watch from a relay node (broadcast mode); speakers publish on the origin.
    const nodeFor = (r: RoomHandle) =>
      choice.provider === 'builtin' && role === 'attendee'
        ? this.relays.viewerNode(sessionId, r, identity.userId, facts.title)
        : Promise.resolve(r.nodeId);
    let nodeId = await nodeFor(room);
    let grant: JoinGrant;
    try {
      grant = await provider.grant(room, person$, role, expiresAt, nodeId);
    } catch (e) {
      // A Janus node restarted forgets its rooms: make it again, once.
      if (!(e instanceof JanusError && e.code === VIDEOROOM_NO_SUCH_ROOM)) throw e;
      this.logger.warn(`room of session ${sessionId} was gone from its node: made again`);
      room = await this.ensureRoom(spec, choice.provider, true);
      if (nodeId !== room.nodeId && this.providers.janus && nodeId)
        await this.providers.janus.createRelayRoom(room, nodeId, facts.title);
      nodeId = nodeId ?? room.nodeId;
      grant = await provider.grant(room, person$, role, expiresAt, nodeId);
    }
    await insertGrant(this.ds.manager, {
      sessionId,
      userId: identity.userId,
      registrationId: person.registrationId,
      role,
      token:
        grant.provider === 'builtin'
          ? grant.token
          : `${grant.provider}:${sessionId}:${identity.userId}:${now.getTime()}:${Math.random()}`,
      nodeId,
      expiresAt,
    });
    return { ...grant, sessionId, fellBackFrom: choice.fellBackFrom };
  }

  /**
   * The session's room, made when missing. One maker at a time per session (an advisory lock in
   * a transaction), so a burst of first grants makes one room.
   */
  private async ensureRoom(
    spec: RoomSpec,
    kind: RoomHandle['provider'],
    remake = false,
    read?: RoomRow | null,
  ): Promise<RoomHandle> {
    // The room exists for every grant but the first: found without a transaction or a lock (in
    // the grant's facts when the caller read them).
    const known = remake
      ? null
      : read !== undefined
        ? read
        : await roomOfSession(this.ds.manager, spec.sessionId);
    if (known?.status === 'ended') throw conflict('session_ended', 'The session is over');
    if (known && known.provider === kind) return known;
    return this.ds.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('qatys-room:' || $1))`, [spec.sessionId]);
      const existing = await roomOfSession(em, spec.sessionId);
      if (existing?.status === 'ended') throw conflict('session_ended', 'The session is over');
      if (existing && existing.provider === kind && !remake) return existing;
      const room = await this.providers
        .get(kind)
        .createRoom(spec, existing?.provider === kind ? existing : null);
      await saveRoom(em, spec.sessionId, room);
      return room;
    });
  }
}
