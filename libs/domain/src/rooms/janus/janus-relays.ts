import type { RoomHandle } from '../video-provider';
import { JanusError } from './janus-http';
import type { JanusProvider } from './janus.provider';

/** A speaker's streams as Janus's `published` event describes them (what a remote publisher needs). */
export interface PublishedStream {
  type: string;
  mindex: number;
  mid: string;
  codec?: string;
  disabled?: boolean;
}

export interface RoomPublisher {
  id: number;
  display: string | null;
  streams: PublishedStream[];
}

const VIDEOROOM_NO_SUCH_FEED = 428;
const VIDEOROOM_ID_EXISTS = 436;

/**
 * Broadcast mode with VideoRoom's remote publishers (Janus 1.1): on the relay node the speaker
 * becomes a remote publisher of the relay room (`add_remote_publisher`: Janus opens a port for
 * its RTP), and the origin forwards the speaker's packets there (`publish_remotely`). Viewers of
 * the relay room subscribe to it exactly as to a local speaker. One forward per speaker per relay
 * node, whatever the number of viewers there. Idempotent: an existing remote publisher is
 * replaced, an existing forward restarted.
 */
export async function relayPublisher(
  janus: JanusProvider,
  room: RoomHandle,
  relayNodeId: string,
  publisher: RoomPublisher,
): Promise<void> {
  const roomNo = Number(room.externalId);
  const streams = publisher.streams.map((s) => ({
    type: s.type,
    mindex: s.mindex,
    mid: s.mid,
    ...(s.codec ? { codec: s.codec } : {}),
    ...(s.disabled ? { disabled: true } : {}),
  }));
  const added = await janus.guard(() =>
    janus.client(relayNodeId).withVideoRoom(async (req) => {
      const add = () =>
        req({
          request: 'add_remote_publisher',
          room: roomNo,
          secret: room.secret,
          id: publisher.id,
          ...(publisher.display ? { display: publisher.display.slice(0, 100) } : {}),
          streams,
        });
      try {
        return await add();
      } catch (e) {
        if (!(e instanceof JanusError && e.code === VIDEOROOM_ID_EXISTS)) throw e;
        await req({
          request: 'remove_remote_publisher',
          room: roomNo,
          secret: room.secret,
          id: publisher.id,
        });
        return add();
      }
    }),
  );
  const remoteId = `relay-${relayNodeId}`;
  // Where the origin sends RTP: the relay node's address on the nodes' own network (its api URL).
  const host = new URL(janus.node(relayNodeId).url).hostname;
  await janus.guard(() =>
    janus.client(room.nodeId).withVideoRoom(async (req) => {
      const forward = () =>
        req({
          request: 'publish_remotely',
          admin_key: janus.adminKey,
          room: roomNo,
          secret: room.secret,
          publisher_id: publisher.id,
          remote_id: remoteId,
          host,
          port: Number(added.port),
          ...(added.rtcp_port ? { rtcp_port: Number(added.rtcp_port) } : {}),
        });
      try {
        await forward();
      } catch (e) {
        if (!(e instanceof JanusError && e.code === VIDEOROOM_ID_EXISTS)) throw e;
        await req({
          request: 'unpublish_remotely',
          admin_key: janus.adminKey,
          room: roomNo,
          secret: room.secret,
          publisher_id: publisher.id,
          remote_id: remoteId,
        });
        await forward();
      }
    }),
  );
}

/** The speaker left the origin: gone from the relay rooms too (their viewers are told). */
export async function dropRelayedPublisher(
  janus: JanusProvider,
  room: RoomHandle,
  relayNodeIds: readonly string[],
  publisherId: number,
): Promise<void> {
  for (const nodeId of relayNodeIds) {
    await janus.guard(() =>
      janus.client(nodeId).withVideoRoom(async (req) => {
        try {
          await req({
            request: 'remove_remote_publisher',
            room: Number(room.externalId),
            secret: room.secret,
            id: publisherId,
          });
        } catch (e) {
          if (!(e instanceof JanusError && (e.code === VIDEOROOM_NO_SUCH_FEED || e.code === 426))) throw e;
        }
      }),
    );
  }
}
