/**
 * One round of bench:live-room, run inside the Janus node's network namespace (`ip netns exec`,
 * so WebRTC sees only the namespace's link): a publisher (ffmpeg's test pattern as VP8 over RTP,
 * sent by werift) goes on the air in the room, then N receivers (werift, no decoding) join and
 * each measures the time from its start — for `ours`, the grant request to the api included —
 * to its first complete keyframe. Talks to the bench on stdin/stdout: PUBLISHING, then (after
 * `go`) READY once every receiver has its frame, then (after `stop`) RESULT <json>.
 */
import { spawn } from 'child_process';
import { createSocket } from 'dgram';
import { createInterface } from 'readline';
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpPacket } from 'werift';
import { dataOf, JanusSession } from './janus-client';

interface RoundConfig {
  mode: 'ours' | 'bare';
  janusUrl: string;
  room: number;
  receivers: number;
  staggerMs: number;
  /** This process's first receiver's index (receivers are spread over several processes). */
  offset: number;
  /** Set: another process publishes; this one only receives that feed. */
  feed?: number;
  /** ours: the api (through the namespace's relay) and one access token per receiver, the speaker's last. */
  apiBase?: string;
  sessionId?: string;
  tokens?: string[];
}

const cfg = JSON.parse(process.argv[2]) as RoundConfig;
const VP8 = () =>
  new RTCRtpCodecParameters({
    mimeType: 'video/VP8',
    clockRate: 90000,
    payloadType: 96,
    rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
  });
const newPc = () => new RTCPeerConnection({ codecs: { video: [VP8()], audio: [] } });

async function grant(token: string): Promise<{ janusUrl: string; room: number; token: string }> {
  const res = await fetch(`${cfg.apiBase}/sessions/${cfg.sessionId}/room-grant`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`grant: ${res.status} ${await res.text()}`);
  return (await res.json()) as { janusUrl: string; room: number; token: string };
}

async function publish(): Promise<{ close(): Promise<void>; feed: number }> {
  const entry =
    cfg.mode === 'ours'
      ? await grant(cfg.tokens![cfg.tokens!.length - 1])
      : { janusUrl: cfg.janusUrl, room: cfg.room, token: undefined };
  const janus = await new JanusSession(entry.janusUrl).open();
  const handle = await janus.attach();
  const joined = dataOf(
    await janus.message(handle, {
      request: 'join',
      ptype: 'publisher',
      room: entry.room,
      display: 'speaker',
      ...(entry.token ? { token: entry.token } : {}),
    }),
  );
  const pc = newPc();
  const track = new MediaStreamTrack({ kind: 'video' });
  pc.addTransceiver(track, { direction: 'sendonly' });
  await pc.setLocalDescription(await pc.createOffer());
  const answer = await janus.message(
    handle,
    { request: 'publish', audio: false, video: true },
    pc.localDescription as never,
  );
  dataOf(answer);
  await pc.setRemoteDescription(answer.jsep);
  const udp = createSocket('udp4');
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
  udp.on('message', (buf) => track.writeRtp(buf));
  const port = (udp.address() as { port: number }).port;
  // A keyframe every half second, so a receiver's wait for one is the same in both variants.
  const ffmpeg = spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=640x360:rate=30',
      '-c:v',
      'libvpx',
      '-b:v',
      '600k',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-g',
      '15',
      '-keyint_min',
      '15',
      '-error-resilient',
      '1',
      '-f',
      'rtp',
      '-payload_type',
      '96',
      `rtp://127.0.0.1:${port}?pkt_size=1200`,
    ],
    { stdio: 'ignore' },
  );
  // However this process ends (a failed round exits at once), its ffmpeg goes with it.
  process.on('exit', () => ffmpeg.kill('SIGKILL'));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('the publisher did not connect')), 20_000);
    pc.connectionStateChange.subscribe((s) => {
      if (s === 'connected') {
        clearTimeout(t);
        resolve();
      }
    });
  });
  return {
    feed: Number(joined.id),
    async close() {
      ffmpeg.kill('SIGTERM');
      udp.close();
      await pc.close();
      await janus.close();
    },
  };
}

/** Whether an RTP packet starts a VP8 keyframe (payload descriptor, then the frame's P bit). */
function startsKeyframe(p: Buffer): boolean {
  if (!p.length) return false;
  let i = 1;
  const x = p[0] & 0x80;
  const s = p[0] & 0x10;
  const pid = p[0] & 0x07;
  if (!s || pid !== 0) return false;
  if (x) {
    const ext = p[1];
    i = 2;
    if (ext & 0x80) i += p[i] & 0x80 ? 2 : 1;
    if (ext & 0x40) i += 1;
    if (ext & 0x20 || ext & 0x10) i += 1;
  }
  return i < p.length && (p[i] & 0x01) === 0;
}

interface Receiver {
  ms: number | null;
  /** Milestones (ms from the start): signalling done, ICE+DTLS connected, first RTP packet. */
  phases: { granted: number; answered: number; connected: number | null; firstRtp: number | null };
  close(): Promise<void>;
}

async function receive(i: number, feed: number): Promise<Receiver> {
  const t0 = performance.now();
  const entry =
    cfg.mode === 'ours'
      ? await grant(cfg.tokens![i])
      : { janusUrl: cfg.janusUrl, room: cfg.room, token: undefined };
  const granted = performance.now() - t0;
  const janus = await new JanusSession(entry.janusUrl).open();
  let privateId: number | undefined;
  if (cfg.mode === 'ours') {
    // Our rooms want a private id before anyone subscribes: enter as a participant that never publishes.
    const main = await janus.attach();
    const joined = dataOf(
      await janus.message(main, {
        request: 'join',
        ptype: 'publisher',
        room: entry.room,
        token: entry.token,
      }),
    );
    privateId = Number(joined.private_id);
  }
  const sub = await janus.attach();
  const offer = await janus.message(sub, {
    request: 'join',
    ptype: 'subscriber',
    room: entry.room,
    streams: [{ feed }],
    ...(privateId ? { private_id: privateId } : {}),
  });
  dataOf(offer);
  const pc = newPc();
  let ms: number | null = null;
  let inKeyframe = false;
  const phases = { granted, answered: 0, connected: null as number | null, firstRtp: null as number | null };
  pc.connectionStateChange.subscribe((st) => {
    if (st === 'connected' && phases.connected === null) phases.connected = performance.now() - t0;
  });
  const done = new Promise<void>((resolve) => {
    pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp: RtpPacket) => {
        if (ms !== null) return;
        phases.firstRtp ??= performance.now() - t0;
        if (startsKeyframe(rtp.payload)) inKeyframe = true;
        if (inKeyframe && rtp.header.marker) {
          ms = performance.now() - t0;
          resolve();
        }
      });
    });
  });
  await pc.setRemoteDescription(offer.jsep);
  await pc.setLocalDescription(await pc.createAnswer());
  dataOf(await janus.message(sub, { request: 'start' }, pc.localDescription as never));
  janus.trickleDone(sub);
  phases.answered = performance.now() - t0;
  await Promise.race([done, new Promise((r) => setTimeout(r, 20_000))]);
  return {
    ms,
    phases,
    async close() {
      await pc.close();
      await janus.close();
    },
  };
}

process.on('SIGTERM', () => process.exit(1));
const lines = createInterface({ input: process.stdin });
const next = () => new Promise<string>((resolve) => lines.once('line', resolve));

async function main(): Promise<void> {
  const publisher = cfg.feed ? { feed: cfg.feed, close: async () => undefined } : await publish();
  console.log(`PUBLISHING ${publisher.feed}`);
  await next();
  const receivers = await Promise.all(
    Array.from({ length: cfg.receivers }, (_, i) =>
      new Promise((r) => setTimeout(r, i * cfg.staggerMs)).then(() =>
        receive(cfg.offset + i, publisher.feed),
      ),
    ),
  );
  console.log('READY');
  await next();
  const ms = receivers.map((r) => r.ms);
  const phases = receivers.map((r) => r.phases);
  await Promise.all(receivers.map((r) => r.close()));
  await publisher.close();
  console.log(`RESULT ${JSON.stringify({ ms, phases })}`);
  process.exit(0);
}

main().catch((e) => {
  console.log(`FAILED ${(e as Error).message}`);
  process.exit(1);
});
