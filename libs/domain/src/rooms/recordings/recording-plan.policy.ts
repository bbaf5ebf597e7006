/**
 * What one session's recording is made of. Janus's VideoRoom writes one .mjr file per stream of
 * each publisher (`videoroom-<room>-user-<publisher>-<µs>-<audio|video|data>-<mindex>.mjr`); a
 * session gives one file to watch: the speakers' main video (the publisher stream with the most
 * recorded bytes: the camera or screen of the person who spoke longest) with every publisher's
 * sound mixed in, each sound placed at its own start relative to the video's.
 */
export interface RecordedTrack {
  file: string;
  kind: 'audio' | 'video' | 'data';
  publisher: string;
  /** When the stream's first packet was written (µs since the epoch, from the file's header). */
  startUs: number;
  bytes: number;
}

export interface RecordingPlan {
  video: RecordedTrack | null;
  /** Sounds to mix, each shifted by offsetMs (negative: its beginning is cut off). */
  audio: { track: RecordedTrack; offsetMs: number }[];
}

const MJR = /^videoroom-(\d+)-user-([^-]+)-(\d+)-(audio|video|data)-(\d+)\.mjr$/;

/** The parts of a VideoRoom recording's file name, or null for another file. */
export function parseRecordingName(
  name: string,
): { room: string; publisher: string; createdUs: number; kind: RecordedTrack['kind'] } | null {
  const m = MJR.exec(name);
  return m
    ? { room: m[1], publisher: m[2], createdUs: Number(m[3]), kind: m[4] as RecordedTrack['kind'] }
    : null;
}

/** Smaller than this, a stream holds nothing worth watching (a header, a few packets). */
export const MIN_TRACK_BYTES = 1024;

export function planRecording(tracks: readonly RecordedTrack[]): RecordingPlan | null {
  const usable = tracks.filter((t) => t.kind !== 'data' && t.bytes >= MIN_TRACK_BYTES);
  const videos = usable.filter((t) => t.kind === 'video');
  const audios = usable
    .filter((t) => t.kind === 'audio')
    .sort((a, b) => a.startUs - b.startUs || cmp(a.file, b.file));
  if (!videos.length && !audios.length) return null;
  const video = videos.length
    ? videos.reduce((best, t) =>
        t.bytes > best.bytes || (t.bytes === best.bytes && cmp(t.file, best.file) < 0) ? t : best,
      )
    : null;
  const origin = video ? video.startUs : audios[0].startUs;
  return {
    video,
    audio: audios.map((track) => ({ track, offsetMs: Math.round((track.startUs - origin) / 1000) })),
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * ffmpeg's arguments for the plan, given the files janus-pp-rec made (`video` a .webm, each
 * audio an .opus): the video copied as it is (VP8, no re-encoding), the sounds delayed or cut
 * to their place, mixed without lowering their level, encoded as Opus, into one WebM.
 */
export function ffmpegArgs(
  input: { video: string | null; audio: { file: string; offsetMs: number }[] },
  output: string,
): string[] {
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];
  if (input.video) args.push('-i', input.video);
  for (const a of input.audio) args.push('-i', a.file);
  const first = input.video ? 1 : 0;
  const filters: string[] = [];
  input.audio.forEach((a, i) => {
    const shift =
      a.offsetMs >= 0
        ? `adelay=delays=${a.offsetMs}:all=1`
        : `atrim=start=${(-a.offsetMs / 1000).toFixed(3)},asetpts=PTS-STARTPTS`;
    filters.push(`[${first + i}:a]${shift}[a${i}]`);
  });
  if (input.audio.length) {
    const labels = input.audio.map((_, i) => `[a${i}]`).join('');
    filters.push(`${labels}amix=inputs=${input.audio.length}:duration=longest:normalize=0[mix]`);
    args.push('-filter_complex', filters.join(';'));
  }
  if (input.video) args.push('-map', '0:v:0', '-c:v', 'copy');
  if (input.audio.length) args.push('-map', '[mix]', '-c:a', 'libopus', '-b:a', '64k');
  args.push('-f', 'webm', output);
  return args;
}
