import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ffmpegArgs, parseRecordingName, planRecording, RecordedTrack } from './recording-plan.policy';

const run = promisify(execFile);

/** One conversion may take this long (an hour of VP8 is copied, not re-encoded: seconds to minutes). */
const STEP_TIMEOUT_MS = 30 * 60_000;

export interface ConvertedRecording {
  /** File name inside the recordings folder. */
  file: string;
  bytes: number;
}

/**
 * Turns a session's .mjr files into one WebM with janus-pp-rec (Debian's janus-tools) and
 * ffmpeg. The result is written beside its final name and renamed into place, so a reader never
 * sees half a file and a conversion killed half-way leaves nothing that looks done; running it
 * again redoes it from the .mjr files, which it never changes.
 */
export class RecordingConverter {
  constructor(
    private readonly recordDir: string,
    private readonly recordingsDir: string,
    private readonly tools = { ppRec: 'janus-pp-rec', ffmpeg: 'ffmpeg' },
  ) {}

  /** The session's recorded streams (none: an empty list, e.g. nobody published). */
  async tracks(sessionId: string): Promise<RecordedTrack[]> {
    const dir = join(this.recordDir, sessionId);
    const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [] as string[];
      throw e;
    });
    const tracks: RecordedTrack[] = [];
    for (const name of names.sort()) {
      const parsed = parseRecordingName(name);
      if (!parsed) continue;
      const file = join(dir, name);
      const { size } = await stat(file);
      tracks.push({
        file,
        kind: parsed.kind,
        publisher: parsed.publisher,
        startUs: (await this.firstWrittenUs(file)) ?? parsed.createdUs,
        bytes: size,
      });
    }
    return tracks;
  }

  /** When the stream's first packet was written, from the .mjr header (`u`); null if unreadable. */
  private async firstWrittenUs(file: string): Promise<number | null> {
    try {
      const { stdout } = await run(this.tools.ppRec, ['-j', file], { timeout: 30_000 });
      const header = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { u?: number; s?: number };
      return Number(header.u ?? header.s) || null;
    } catch {
      return null;
    }
  }

  /** Converts; null when nothing usable was recorded. */
  async convert(sessionId: string): Promise<ConvertedRecording | null> {
    const plan = planRecording(await this.tracks(sessionId));
    if (!plan) return null;
    const work = await mkdtemp(join(tmpdir(), 'qatys-rec-'));
    try {
      const video = plan.video ? join(work, 'video.webm') : null;
      if (plan.video) await this.ppRec(plan.video.file, video!);
      const audio: { file: string; offsetMs: number }[] = [];
      for (const [i, a] of plan.audio.entries()) {
        const out = join(work, `audio-${i}.opus`);
        await this.ppRec(a.track.file, out);
        audio.push({ file: out, offsetMs: a.offsetMs });
      }
      const file = `${sessionId}.webm`;
      await mkdir(this.recordingsDir, { recursive: true });
      const final = join(this.recordingsDir, file);
      const part = `${final}.part`;
      await run(this.tools.ffmpeg, ffmpegArgs({ video, audio }, part), { timeout: STEP_TIMEOUT_MS });
      await rename(part, final);
      return { file, bytes: (await stat(final)).size };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  private async ppRec(source: string, target: string): Promise<void> {
    await run(this.tools.ppRec, ['-d', '2', source, target], { timeout: STEP_TIMEOUT_MS });
  }
}
