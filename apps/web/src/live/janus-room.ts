/**
 * The browser's side of a built-in room: Janus's HTTP API (long poll, no WebSocket needed) and
 * one RTCPeerConnection per direction. A viewer enters the room with its grant's token (as a
 * participant that never publishes: the room wants a private id before anyone subscribes) and
 * subscribes to every speaker's streams; a speaker enters with its token and publishes.
 */
export interface BuiltinGrant {
  janusUrl: string;
  room: number;
  token: string;
  publish: boolean;
  iceServers: RTCIceServer[];
}

type Json = Record<string, unknown>;
interface JanusEvent extends Json {
  janus: string;
  sender?: number;
  transaction?: string;
  plugindata?: { data: Json };
  jsep?: RTCSessionDescriptionInit;
}

const tx = () => Math.random().toString(36).slice(2, 12);

class JanusSession {
  private id = 0;
  private alive = true;
  private readonly handlers = new Map<number, (e: JanusEvent) => void>();
  private readonly waiting = new Map<string, (e: JanusEvent) => void>();
  onGone: (reason: string) => void = () => undefined;

  constructor(private readonly url: string) {}

  private async post(path: string, body: Json): Promise<JanusEvent> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`janus http ${res.status}`);
    const json = (await res.json()) as JanusEvent;
    if (json.janus === 'error') throw new Error(String((json.error as Json)?.reason ?? 'janus error'));
    return json;
  }

  async open(): Promise<void> {
    const created = await this.post('', { janus: 'create', transaction: tx() });
    this.id = (created.data as { id: number }).id;
    void this.poll();
  }

  private async poll(): Promise<void> {
    let failures = 0;
    while (this.alive) {
      try {
        const res = await fetch(`${this.url}/${this.id}?maxev=10&rid=${Date.now()}`);
        if (!res.ok) throw new Error(String(res.status));
        const got = (await res.json()) as JanusEvent | JanusEvent[];
        failures = 0;
        for (const e of Array.isArray(got) ? got : [got]) this.dispatch(e);
      } catch {
        if (!this.alive) return;
        if (++failures >= 3) {
          this.alive = false;
          this.onGone('unreachable');
          return;
        }
      }
    }
  }

  private dispatch(e: JanusEvent): void {
    if (e.janus === 'keepalive') return;
    if (e.transaction && this.waiting.has(e.transaction) && e.janus !== 'ack') {
      this.waiting.get(e.transaction)!(e);
      this.waiting.delete(e.transaction);
      return;
    }
    if (e.janus === 'timeout') {
      this.alive = false;
      this.onGone('timeout');
      return;
    }
    if (e.sender) this.handlers.get(e.sender)?.(e);
  }

  async attach(onEvent: (e: JanusEvent) => void): Promise<number> {
    const res = await this.post(`/${this.id}`, {
      janus: 'attach',
      plugin: 'janus.plugin.videoroom',
      transaction: tx(),
    });
    const handle = (res.data as { id: number }).id;
    this.handlers.set(handle, onEvent);
    return handle;
  }

  /** A plugin request; resolves with its answer (synchronous, or the event of its transaction). */
  async message(handle: number, body: Json, jsep?: RTCSessionDescriptionInit): Promise<JanusEvent> {
    const t = tx();
    const answer = new Promise<JanusEvent>((resolve) => this.waiting.set(t, resolve));
    const first = await this.post(`/${this.id}/${handle}`, {
      janus: 'message',
      body,
      transaction: t,
      ...(jsep ? { jsep } : {}),
    });
    if (first.janus === 'ack') return answer;
    this.waiting.delete(t);
    return first;
  }

  trickle(handle: number, candidate: RTCIceCandidateInit | null): void {
    void this.post(`/${this.id}/${handle}`, {
      janus: 'trickle',
      transaction: tx(),
      candidate: candidate ?? { completed: true },
    }).catch(() => undefined);
  }

  close(): void {
    if (!this.alive) return;
    this.alive = false;
    void this.post(`/${this.id}`, { janus: 'destroy', transaction: tx() }).catch(() => undefined);
  }
}

function errorOf(e: JanusEvent): string | null {
  const data = e.plugindata?.data;
  return data && data.error_code ? `${String(data.error_code)}: ${String(data.error ?? '')}` : null;
}

export type RoomState = 'connecting' | 'waiting' | 'playing' | 'unavailable' | 'refused';

export interface RoomConnection {
  close(): void;
  pc(): RTCPeerConnection | null;
}

/** Watches a room: every speaker's audio and video into `video`. */
export async function watchRoom(
  grant: BuiltinGrant,
  video: HTMLVideoElement,
  onState: (s: RoomState) => void,
): Promise<RoomConnection> {
  const janus = new JanusSession(grant.janusUrl);
  let pc: RTCPeerConnection | null = null;
  let sub = 0;
  let subscribing: Promise<void> | null = null;
  const subscribed = new Set<number>();
  const stream = new MediaStream();
  video.srcObject = stream;
  janus.onGone = () => onState('unavailable');
  await janus.open();

  const answer = async (offer: RTCSessionDescriptionInit) => {
    await pc!.setRemoteDescription(offer);
    const local = await pc!.createAnswer();
    await pc!.setLocalDescription(local);
    await janus.message(sub, { request: 'start' }, local);
  };

  const feedsOf = (data: Json | undefined) =>
    ((data?.publishers as { id: number }[] | undefined) ?? [])
      .map((p) => p.id)
      .filter((id) => !subscribed.has(id));

  const subscribe = async (feeds: number[], privateId: number) => {
    if (!feeds.length) return;
    feeds.forEach((f) => subscribed.add(f));
    if (!sub) {
      pc = new RTCPeerConnection({ iceServers: grant.iceServers });
      Object.defineProperty(video, 'qatysPeer', { value: pc, configurable: true });
      pc.ontrack = (ev) => {
        stream.addTrack(ev.track);
        ev.track.onunmute = () => onState('playing');
        void video.play().catch(() => undefined);
      };
      pc.onicecandidate = (ev) => janus.trickle(sub, ev.candidate ? ev.candidate.toJSON() : null);
      sub = await janus.attach((e) => {
        if (e.jsep) void answer(e.jsep);
      });
      const joined = await janus.message(sub, {
        request: 'join',
        ptype: 'subscriber',
        room: grant.room,
        private_id: privateId,
        streams: feeds.map((feed) => ({ feed })),
      });
      if (errorOf(joined)) throw new Error(errorOf(joined)!);
      if (joined.jsep) await answer(joined.jsep);
    } else {
      const updated = await janus.message(sub, {
        request: 'subscribe',
        streams: feeds.map((feed) => ({ feed })),
      });
      if (updated.jsep) await answer(updated.jsep);
    }
  };

  let privateId = 0;
  const main = await janus.attach((e) => {
    const feeds = feedsOf(e.plugindata?.data);
    if (feeds.length && privateId) {
      subscribing = (subscribing ?? Promise.resolve())
        .then(() => subscribe(feeds, privateId))
        .catch(() => onState('unavailable'));
    }
  });
  const joined = await janus.message(main, {
    request: 'join',
    ptype: 'publisher',
    room: grant.room,
    token: grant.token,
  });
  if (errorOf(joined)) {
    janus.close();
    onState('refused');
    throw new Error(errorOf(joined)!);
  }
  privateId = Number(joined.plugindata!.data.private_id);
  const feeds = feedsOf(joined.plugindata?.data);
  onState(feeds.length ? 'connecting' : 'waiting');
  if (feeds.length) await subscribe(feeds, privateId);
  return {
    close: () => {
      pc?.close();
      janus.close();
    },
    pc: () => pc,
  };
}

/** Publishes `media` (camera and microphone, or a screen) into the room. */
export async function publishRoom(
  grant: BuiltinGrant,
  media: MediaStream,
  display: string,
  onState: (s: RoomState) => void,
): Promise<RoomConnection & { replaceVideo(track: MediaStreamTrack): Promise<void> }> {
  const janus = new JanusSession(grant.janusUrl);
  janus.onGone = () => onState('unavailable');
  await janus.open();
  const pc = new RTCPeerConnection({ iceServers: grant.iceServers });
  let handle = 0;
  pc.onicecandidate = (ev) => janus.trickle(handle, ev.candidate ? ev.candidate.toJSON() : null);
  pc.onconnectionstatechange = () => {
    if (pc.connectionState === 'connected') onState('playing');
    if (pc.connectionState === 'failed') onState('unavailable');
  };
  handle = await janus.attach(() => undefined);
  const joined = await janus.message(handle, {
    request: 'join',
    ptype: 'publisher',
    room: grant.room,
    token: grant.token,
    display: display.slice(0, 100),
  });
  if (errorOf(joined)) {
    janus.close();
    onState('refused');
    throw new Error(errorOf(joined)!);
  }
  for (const track of media.getTracks())
    pc.addTransceiver(track, { direction: 'sendonly', streams: [media] });
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const configured = await janus.message(handle, { request: 'publish', audio: true, video: true }, offer);
  if (errorOf(configured) || !configured.jsep) {
    pc.close();
    janus.close();
    onState('unavailable');
    throw new Error(errorOf(configured) ?? 'no answer from the media server');
  }
  await pc.setRemoteDescription(configured.jsep);
  onState('connecting');
  return {
    close: () => {
      pc.close();
      janus.close();
    },
    pc: () => pc,
    async replaceVideo(track) {
      const sender = pc.getSenders().find((s) => s.track?.kind === 'video');
      await sender?.replaceTrack(track);
    },
  };
}
