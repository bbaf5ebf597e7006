import { ffmpegArgs, parseRecordingName, planRecording, RecordedTrack } from './recording-plan.policy';

const track = (
  file: string,
  kind: RecordedTrack['kind'],
  publisher: string,
  startMs: number,
  bytes: number,
) => ({ file, kind, publisher, startUs: startMs * 1000, bytes }) satisfies RecordedTrack;

describe('recording plan', () => {
  it("reads VideoRoom's file names", () => {
    expect(parseRecordingName('videoroom-1234-user-987654-1733356800000000-video-1.mjr')).toEqual({
      room: '1234',
      publisher: '987654',
      createdUs: 1733356800000000,
      kind: 'video',
    });
    expect(parseRecordingName('notes.txt')).toBeNull();
    expect(parseRecordingName('videoroom-1-user-2-3-audio-0.mjr.part')).toBeNull();
  });

  it("takes the biggest video and every sound, placed against the video's start", () => {
    const plan = planRecording([
      track('cam-a.mjr', 'video', 'a', 10_000, 900_000),
      track('mic-a.mjr', 'audio', 'a', 9_800, 50_000),
      track('cam-b.mjr', 'video', 'b', 12_000, 4_000_000),
      track('mic-b.mjr', 'audio', 'b', 12_250, 60_000),
      track('dc-b.mjr', 'data', 'b', 12_000, 9_000),
    ])!;
    expect(plan.video?.file).toBe('cam-b.mjr');
    expect(plan.audio.map((a) => [a.track.file, a.offsetMs])).toEqual([
      ['mic-a.mjr', -2200],
      ['mic-b.mjr', 250],
    ]);
  });

  it('leaves out near-empty streams; nothing usable is no recording', () => {
    expect(
      planRecording([track('v.mjr', 'video', 'a', 0, 300), track('d.mjr', 'data', 'a', 0, 50_000)]),
    ).toBeNull();
    expect(planRecording([])).toBeNull();
    const soundOnly = planRecording([track('m.mjr', 'audio', 'a', 5_000, 20_000)])!;
    expect(soundOnly.video).toBeNull();
    expect(soundOnly.audio[0].offsetMs).toBe(0);
  });

  it('copies the video and mixes the delayed or trimmed sounds into one WebM', () => {
    const args = ffmpegArgs(
      {
        video: '/t/v.webm',
        audio: [
          { file: '/t/a.opus', offsetMs: -2200 },
          { file: '/t/b.opus', offsetMs: 250 },
        ],
      },
      '/out/s.webm.part',
    );
    expect(args).toEqual([
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-y',
      '-i',
      '/t/v.webm',
      '-i',
      '/t/a.opus',
      '-i',
      '/t/b.opus',
      '-filter_complex',
      '[1:a]atrim=start=2.200,asetpts=PTS-STARTPTS[a0];[2:a]adelay=delays=250:all=1[a1];[a0][a1]amix=inputs=2:duration=longest:normalize=0[mix]',
      '-map',
      '0:v:0',
      '-c:v',
      'copy',
      '-map',
      '[mix]',
      '-c:a',
      'libopus',
      '-b:a',
      '64k',
      '-f',
      'webm',
      '/out/s.webm.part',
    ]);
    expect(ffmpegArgs({ video: '/t/v.webm', audio: [] }, '/o.webm')).not.toContain('-filter_complex');
  });
});
