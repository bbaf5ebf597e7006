import type { BbbChecksumAlgorithm } from './bbb/bbb-api';
import type { VideoProviderKind } from './video-provider';

export const ROOMS_OPTIONS = Symbol('ROOMS_OPTIONS');

export interface JanusNodeOptions {
  /** Stable name of the node (rooms remember it). */
  id: string;
  /** The HTTP API as the api reaches it, e.g. http://10.0.0.5:8088/janus. */
  url: string;
  /** The HTTP API as browsers reach it (often behind a reverse proxy); defaults to url. */
  publicUrl: string;
}

/** Everything the rooms context needs from configuration; apps build it from their env. */
export interface RoomsOptions {
  defaultProvider: VideoProviderKind;
  /** How long a join grant can be used to enter (seconds). */
  grantTtlSeconds: number;
  publicBaseUrl: string;
  janus: {
    nodes: JanusNodeOptions[];
    adminKey: string;
    /** Basic-auth password of the event handler's POSTs (user `janus`). */
    eventsSecret: string;
    /** Receivers one node takes before the room needs relays (broadcast mode). */
    nodeCapacity: number;
    iceServers: { urls: string[]; username?: string; credential?: string }[];
    /** Where Janus writes .mjr files (per session folder); null: no recording. */
    recordDir: string | null;
  } | null;
  bbb: { url: string; secret: string; checksum: BbbChecksumAlgorithm } | null;
  /** Where converted recordings are kept and served from. */
  recordingsDir: string;
}

/** Parses `JANUS_NODES`: `id=url[|publicUrl]` entries, comma-separated (or bare URLs: n1, n2...). */
export function parseJanusNodes(raw: string): JanusNodeOptions[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const named = /^([A-Za-z0-9_.-]+)=(.+)$/.exec(entry);
      const [url, publicUrl] = (named ? named[2] : entry).split('|');
      const clean = (u: string) => u.trim().replace(/\/$/, '');
      return { id: named ? named[1] : `n${i + 1}`, url: clean(url), publicUrl: clean(publicUrl ?? url) };
    });
}

/** The configuration variables the rooms read (apps pass their validated config). */
export interface RoomsEnv {
  VIDEO_DEFAULT_PROVIDER: VideoProviderKind;
  JANUS_NODES: readonly string[];
  JANUS_ADMIN_KEY: string;
  JANUS_EVENTS_SECRET: string;
  JANUS_NODE_CAPACITY: number;
  JANUS_ICE_SERVERS: readonly string[];
  JANUS_TURN_USERNAME: string;
  JANUS_TURN_CREDENTIAL: string;
  JANUS_RECORD_DIR: string;
  RECORDINGS_DIR: string;
  ROOM_GRANT_TTL_SECONDS: number;
  BBB_URL: string;
  BBB_SECRET: string;
  BBB_CHECKSUM: BbbChecksumAlgorithm;
  PUBLIC_BASE_URL: string;
}

export function roomsOptionsFrom(env: RoomsEnv): RoomsOptions {
  const nodes = parseJanusNodes(env.JANUS_NODES.join(','));
  return {
    defaultProvider: env.VIDEO_DEFAULT_PROVIDER,
    grantTtlSeconds: env.ROOM_GRANT_TTL_SECONDS,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    janus: nodes.length
      ? {
          nodes,
          adminKey: env.JANUS_ADMIN_KEY,
          eventsSecret: env.JANUS_EVENTS_SECRET,
          nodeCapacity: env.JANUS_NODE_CAPACITY,
          iceServers: env.JANUS_ICE_SERVERS.length
            ? [
                {
                  urls: [...env.JANUS_ICE_SERVERS],
                  ...(env.JANUS_TURN_USERNAME
                    ? { username: env.JANUS_TURN_USERNAME, credential: env.JANUS_TURN_CREDENTIAL }
                    : {}),
                },
              ]
            : [],
          recordDir: env.JANUS_RECORD_DIR || null,
        }
      : null,
    bbb: env.BBB_URL ? { url: env.BBB_URL, secret: env.BBB_SECRET, checksum: env.BBB_CHECKSUM } : null,
    recordingsDir: env.RECORDINGS_DIR,
  };
}
