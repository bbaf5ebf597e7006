import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QUEUES } from '@qatys/contracts';
import { createProgram, createSession } from '../support/factories';
import { janusUnavailable } from '../support/janus-netns';
import { testEnv } from '../support/env';
import { waitFor } from '../support/wait';
import { CHROMIUM_PATH, hasChromium, shot } from '../web/support/browser';
import { startWorker } from '../worker/support/worker-harness';
import { RoomStack } from './support/room-stack';

/**
 * A built-in room's recording, end to end: the organizer is on camera (Chromium, fake media) in
 * a room on a real Janus that records; the session ends, the worker's room clock ends the room
 * (`room.ended`), and the conversion job makes one WebM (janus-pp-rec + ffmpeg) whose link goes
 * on the session. The job is lost on the way (the worker stops, Redis forgets it) and the next
 * worker makes it again from Postgres. Registered attendees download it, with byte ranges; the
 * others get 403/404.
 */
const skip =
  janusUnavailable() ??
  (hasChromium ? null : `no Chromium at ${CHROMIUM_PATH}`) ??
  (tools() ? null : 'janus-pp-rec or ffmpeg is not installed (apt-get install janus-tools ffmpeg)');
if (skip) console.warn(`\n!!! rooms: recording suite SKIPPED: ${skip}\n`);
const d = skip ? describe.skip : describe;

function tools(): boolean {
  try {
    execFileSync('janus-pp-rec', ['--help'], { stdio: 'ignore' });
    execFileSync('ffprobe', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

d('rooms: recordings of built-in rooms (real Janus, Chromium, janus-pp-rec, ffmpeg)', () => {
  let stack: RoomStack;
  let worker: INestApplicationContext | undefined;
  let queue: Queue;
  const recordingsDir = mkdtempSync(join(tmpdir(), 'qatys-recordings-'));
  const env = () => ({
    JANUS_NODES: `n1=${stack.janus.url}`,
    JANUS_ADMIN_KEY: stack.janus.adminKey,
    JANUS_RECORD_DIR: stack.janus.recordDir,
    RECORDINGS_DIR: recordingsDir,
    ROOMS_SWEEP_INTERVAL_MS: '200',
    PUBLIC_BASE_URL: stack.baseUrl,
  });
  const startOurWorker = () =>
    startWorker({ databaseUrl: stack.api.db.url, redisPrefix: stack.api.config.REDIS_PREFIX }, env());

  beforeAll(async () => {
    stack = await RoomStack.start({
      apiEnv: (janus) => ({ JANUS_RECORD_DIR: janus.recordDir, RECORDINGS_DIR: recordingsDir }),
    });
    queue = new Queue(QUEUES.recordings, {
      connection: { url: testEnv.redisUrl, maxRetriesPerRequest: null },
      prefix: stack.api.config.REDIS_PREFIX,
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await stack?.close();
    rmSync(recordingsDir, { recursive: true, force: true });
  });

  it('records the speaker, converts once the room ends (even after the job was lost), serves it to registered attendees only', async () => {
    const { api } = stack;
    const program = await createProgram(api.ds);
    const start = new Date(Date.now() - 5 * 60_000);
    const session = await createSession(api.ds, program.id, {
      startAt: start,
      endAt: new Date(start.getTime() + 60 * 60_000),
    });
    const organizer = await api.signIn({ roles: ['organizer'] });
    const [attendee, stranger, waiting] = await Promise.all([api.signIn(), api.signIn(), api.signIn()]);
    await api.http.post(`/sessions/${session.id}/registrations`).set(attendee.auth).send({}).expect(201);
    await api.ds.query(`UPDATE sessions SET capacity = 1 WHERE id = $1`, [session.id]);
    const wl = await api.http
      .post(`/sessions/${session.id}/registrations`)
      .set(waiting.auth)
      .send({})
      .expect(201);
    expect(wl.body.status).toBe('waitlisted');

    await stack.goLive(organizer, session.id);
    // A few seconds of the speaker's camera on disk (the video stream's file grows as Janus writes).
    const dir = join(stack.janus.recordDir, session.id);
    await waitFor(
      'a few seconds of recorded video',
      () => {
        const videos = readdirSync(dir).filter((f) => f.includes('-video-'));
        return videos.some((f) => statSync(join(dir, f)).size > 150_000);
      },
      { timeoutMs: 30_000 },
    );

    // The session ends; the worker's clock ends the room and the outbox makes the job. That worker
    // stops before running it (the queue is paused), and Redis forgets the job.
    await queue.pause();
    worker = await startOurWorker();
    await api.http.post(`/sessions/${session.id}/status`).set(organizer.auth).send({ status: 'live' });
    await api.http
      .post(`/sessions/${session.id}/status`)
      .set(organizer.auth)
      .send({ status: 'ended' })
      .expect(200);
    await waitFor('the conversion job', async () => (await queue.getJob(`recording-${session.id}`)) ?? null);
    await worker.close();
    worker = undefined;
    await queue.remove(`recording-${session.id}`);
    expect(await queue.getJob(`recording-${session.id}`)).toBeUndefined();
    await queue.resume();

    // The next worker finds the room pending in Postgres and converts.
    worker = await startOurWorker();
    const [room] = await waitFor(
      'the recording converted',
      async () => {
        const rows = await api.ds.query(
          `SELECT recording_status, recording_file FROM session_rooms WHERE session_id = $1`,
          [session.id],
        );
        return rows[0]?.recording_status === 'ready' && rows;
      },
      { timeoutMs: 60_000 },
    );
    const file = join(recordingsDir, room.recording_file);
    const probe = JSON.parse(
      execFileSync('ffprobe', [
        '-v',
        'error',
        '-show_entries',
        'stream=codec_type,codec_name:format=duration',
        '-of',
        'json',
        file,
      ]).toString(),
    ) as { streams: { codec_type: string; codec_name: string }[]; format: { duration: string } };
    expect(probe.streams).toEqual(
      expect.arrayContaining([
        { codec_type: 'video', codec_name: 'vp8' },
        { codec_type: 'audio', codec_name: 'opus' },
      ]),
    );
    expect(Number(probe.format.duration)).toBeGreaterThan(0);

    // room.recording_ready: the link on the session (the attendee page, signed in).
    await waitFor('the recording link on the session', async () => {
      const [s] = await api.ds.query(
        `SELECT recording_url FROM session_live_settings WHERE session_id = $1`,
        [session.id],
      );
      return s?.recording_url === `${stack.baseUrl}/app/s/${session.id}`;
    });

    // A registered attendee downloads it whole and by ranges, as a player does.
    const bytes = statSync(file).size;
    const whole = await api.http
      .get(`/sessions/${session.id}/recording`)
      .set(attendee.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(whole.headers['content-type']).toBe('video/webm');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect((whole.body as Buffer).length).toBe(bytes);
    const part = await api.http
      .get(`/sessions/${session.id}/recording`)
      .set(attendee.auth)
      .set('Range', 'bytes=100-199')
      .buffer(true)
      .parse(binary as never)
      .expect(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${bytes}`);
    expect((part.body as Buffer).equals((whole.body as Buffer).subarray(100, 200))).toBe(true);
    const beyond = await api.http
      .get(`/sessions/${session.id}/recording`)
      .set(attendee.auth)
      .set('Range', `bytes=${bytes + 10}-`);
    expect([beyond.status, beyond.body.error]).toEqual([416, 'range_not_satisfiable']);

    // The player's personal link: the same bytes without a header; altered, it opens nothing.
    const link = await api.http.post(`/sessions/${session.id}/recording/link`).set(attendee.auth).expect(200);
    const path = new URL(link.body.url).pathname;
    const viaLink = await api.http
      .get(path)
      .set('Range', 'bytes=0-9')
      .buffer(true)
      .parse(binary as never)
      .expect(206);
    expect((viaLink.body as Buffer).equals((whole.body as Buffer).subarray(0, 10))).toBe(true);
    expect((await api.http.get(`${path.slice(0, -2)}xx`)).status).toBe(403);

    // Everyone else: not registered, waitlisted, no token, no such session, no recording yet.
    expect((await api.http.get(`/sessions/${session.id}/recording`).set(stranger.auth)).status).toBe(403);
    expect((await api.http.get(`/sessions/${session.id}/recording`).set(waiting.auth)).status).toBe(403);
    expect((await api.http.post(`/sessions/${session.id}/recording/link`).set(stranger.auth)).status).toBe(
      403,
    );
    expect((await api.http.get(`/sessions/${session.id}/recording`)).status).toBe(401);
    const other = await createSession(api.ds, program.id, { startAt: start });
    await api.http.post(`/sessions/${other.id}/registrations`).set(stranger.auth).send({}).expect(201);
    const none = await api.http.get(`/sessions/${other.id}/recording`).set(stranger.auth);
    expect([none.status, none.body.error]).toEqual([404, 'recording_not_found']);
    const unknown = await api.http.get(`/sessions/${crypto.randomUUID()}/recording`).set(attendee.auth);
    expect([unknown.status, unknown.body.error]).toEqual([404, 'session_not_found']);

    // The link the mails carry: the attendee page plays it (the player's own link, byte ranges).
    const page = await stack.signedInPage(attendee);
    await page.goto(`${stack.baseUrl}/app/s/${session.id}`);
    await page.locator('.recording-player video').waitFor({ timeout: 30_000 });
    await waitFor('the recording plays in the page', () =>
      page.evaluate(
        `(() => { const v = document.querySelector('.recording-player video'); return v.readyState >= 1 && v.duration > 0; })()`,
      ),
    );
    await shot(page, 'rooms-recording-attendee');

    // Once converted, nothing runs again: the job's rerun finds the room settled.
    const [{ n }] = await api.ds.query(
      `SELECT count(*)::int AS n FROM domain_events WHERE type = 'room.recording_ready' AND aggregate_id = $1`,
      [session.id],
    );
    expect(n).toBe(1);
  }, 180_000);
});

// supertest's parser type names its own Response; the stream it passes is a Node readable.
function binary(res: unknown, done: (err: Error | null, body: unknown) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
