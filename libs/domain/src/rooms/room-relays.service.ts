import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dropRelayedPublisher, relayPublisher, RoomPublisher } from './janus/janus-relays';
import { placeViewer } from './placement.policy';
import {
  addRelayNode,
  markRelayed,
  previousViewerNode,
  publishersOf,
  savePublisher,
  takePublishers,
  viewersPerNode,
} from './relays.queries';
import { roomOfSession, RoomRow } from './rooms.queries';
import { ROOMS_OPTIONS, RoomsOptions } from './rooms.tokens';
import type { RoomHandle } from './video-provider';
import { VideoProviders } from './video-providers';

/**
 * Broadcast mode of built-in rooms: the speakers publish on the room's origin node; viewers past
 * JANUS_NODE_CAPACITY on a node watch from relay nodes, each holding the same room with the
 * speakers forwarded to it as remote publishers (janus/janus-relays.ts). A relay is added when
 * the nodes the room has are full, on the least-loaded node left; the speakers already on the
 * air are forwarded to it at once, and each one who publishes later (Janus's `published` event)
 * to every relay the room has.
 */
@Injectable()
export class RoomRelaysService {
  private readonly logger = new Logger(RoomRelaysService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly providers: VideoProviders,
    @Inject(ROOMS_OPTIONS) private readonly options: RoomsOptions,
  ) {}

  /**
   * The node a viewer's grant points to. Counts are of grants already given, so a burst of
   * simultaneous first grants may put a few more than the capacity on a node; adding a relay is
   * serialized per session, so a burst adds one relay, not one each.
   */
  async viewerNode(sessionId: string, handle: RoomHandle, userId: string, title: string): Promise<string> {
    const janus = this.providers.janus;
    if (!janus || !handle.nodeId || this.options.janus!.nodes.length < 2) return handle.nodeId!;
    const room: RoomRow = { ...handle, sessionId, status: 'open', recordingStatus: 'none' };
    const capacity = this.options.janus!.nodeCapacity;
    const decide = async (r: RoomRow, canAddRelay: boolean) =>
      placeViewer({
        origin: r.nodeId!,
        relays: r.relayNodeIds,
        viewers: await viewersPerNode(this.ds.manager, r.sessionId),
        capacity,
        previous: await previousViewerNode(this.ds.manager, r.sessionId, userId),
        canAddRelay,
      });
    const first = await decide(room, true);
    if ('node' in first) return first.node;
    try {
      return await this.addRelayFor(room, decide, title);
    } catch (e) {
      // A relay that cannot be set up costs the origin a viewer over its capacity, not the viewer.
      this.logger.warn(`no relay added for session ${sessionId}: ${(e as Error).message}`);
      const last = await decide(room, false);
      return 'node' in last ? last.node : room.nodeId!;
    }
  }

  private async addRelayFor(
    room: RoomRow,
    decide: (r: RoomRow, canAddRelay: boolean) => Promise<{ node: string } | { addRelay: true }>,
    title: string,
  ): Promise<string> {
    const janus = this.providers.janus!;
    return this.ds.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('qatys-room:' || $1))`, [room.sessionId]);
      const fresh = (await roomOfSession(em, room.sessionId))!;
      const again = await decide(fresh, true);
      if ('node' in again) return again.node;
      const used = new Set([fresh.nodeId!, ...fresh.relayNodeIds]);
      const spare = (await janus.loads())
        .filter((n) => n.participants !== null && !used.has(n.id))
        .sort((a, b) => a.participants! - b.participants!)[0];
      if (!spare) {
        const last = await decide(fresh, false);
        return 'node' in last ? last.node : fresh.nodeId!;
      }
      await janus.createRelayRoom(fresh, spare.id, title);
      await addRelayNode(em, fresh.sessionId, spare.id);
      for (const p of await publishersOf(em, fresh.sessionId)) {
        await relayPublisher(janus, fresh, spare.id, p);
        await markRelayed(em, fresh.sessionId, p.id, spare.id);
      }
      this.logger.log({ sessionId: fresh.sessionId, relay: spare.id }, 'relay node added to the room');
      return spare.id;
    });
  }

  /** A speaker published on the origin: remembered, and forwarded to every relay of the room. */
  async published(room: RoomRow, emitter: string, publisher: RoomPublisher): Promise<void> {
    const janus = this.providers.janus;
    if (!janus || emitter !== room.nodeId) return; // relay rooms announce their remote publishers too
    await savePublisher(this.ds.manager, room.sessionId, publisher);
    for (const nodeId of room.relayNodeIds) {
      try {
        await relayPublisher(janus, room, nodeId, publisher);
        await markRelayed(this.ds.manager, room.sessionId, publisher.id, nodeId);
      } catch (e) {
        // Logged, not thrown: the event's other consequences (presence) stand; the next viewer
        // placed on that relay does not see this speaker until they publish again.
        this.logger.warn(`speaker ${publisher.id} not relayed to ${nodeId}: ${(e as Error).message}`);
      }
    }
  }

  /**
   * Participants left the origin; those who were speakers leave the relay rooms too. One read for
   * all of them (viewers leaving together are many participants, rarely a speaker).
   */
  async left(room: RoomRow, emitter: string, participantIds: readonly number[]): Promise<void> {
    const janus = this.providers.janus;
    if (!janus || emitter !== room.nodeId || !participantIds.length) return;
    for (const gone of await takePublishers(this.ds.manager, room.sessionId, participantIds)) {
      if (!gone.relayedTo.length) continue;
      await dropRelayedPublisher(janus, room, gone.relayedTo, gone.id).catch((e: Error) =>
        this.logger.warn(`speaker ${gone.id} still on relays: ${e.message}`),
      );
    }
  }
}
