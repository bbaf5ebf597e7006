import { useEffect, useRef, useState } from 'react';
import { useAuth } from '../api/auth-store';
import { publishRoom, RoomConnection, RoomState } from '../live/janus-room';
import { fetchRoomGrant, useRoomText } from '../live/room-video';

/**
 * The console's video card: a speaker or an organizer goes on camera (or shares the screen) in
 * the session's built-in room; attendees watch it inside their page.
 */
export function VideoRoomCard({ sessionId }: { sessionId: string }) {
  const rt = useRoomText();
  const { auth } = useAuth();
  const preview = useRef<HTMLVideoElement>(null);
  const conn = useRef<(RoomConnection & { replaceVideo(t: MediaStreamTrack): Promise<void> }) | null>(null);
  const media = useRef<MediaStream | null>(null);
  const [state, setState] = useState<RoomState | 'idle' | 'nocamera' | 'link'>('idle');
  const [screen, setScreen] = useState(false);

  const stop = () => {
    conn.current?.close();
    conn.current = null;
    media.current?.getTracks().forEach((t) => t.stop());
    media.current = null;
    setState('idle');
    setScreen(false);
  };
  useEffect(() => stop, []);

  const goLive = async () => {
    setState('connecting');
    let stream: MediaStream;
    try {
      const grant = await fetchRoomGrant(sessionId);
      if (grant.provider !== 'builtin') {
        setState('link');
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          audio: true,
          video: { width: 1280, height: 720 },
        });
      } catch {
        setState('nocamera');
        return;
      }
      media.current = stream;
      if (preview.current) preview.current.srcObject = stream;
      conn.current = await publishRoom(grant, stream, auth?.user?.displayName ?? 'Speaker', setState);
    } catch {
      media.current?.getTracks().forEach((t) => t.stop());
      setState('unavailable');
    }
  };

  const toggleScreen = async () => {
    if (!conn.current || !media.current) return;
    if (!screen) {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true }).catch(() => null);
      const track = display?.getVideoTracks()[0];
      if (!track) return;
      await conn.current.replaceVideo(track);
      setScreen(true);
    } else {
      await conn.current.replaceVideo(media.current.getVideoTracks()[0]);
      setScreen(false);
    }
  };

  const live = state === 'connecting' || state === 'playing';
  return (
    <section className="card video-room-card" data-room-state={state}>
      <h2>{rt('room.cardTitle')}</h2>
      <video ref={preview} className="room-video-player" autoPlay playsInline muted hidden={!live} />
      {state === 'playing' && <p role="status">{rt('room.onAir')}</p>}
      {state === 'nocamera' && <p className="notice">{rt('room.noCamera')}</p>}
      {state === 'unavailable' && <p className="notice">{rt('room.unavailable')}</p>}
      {state === 'link' && <p className="hint">{rt('room.fellBack')}</p>}
      <p className="actions">
        {!live ? (
          <button type="button" className="button" onClick={() => void goLive()}>
            {rt('room.goLive')}
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={() => void toggleScreen()}>
              {screen ? rt('room.shareCamera') : rt('room.shareScreen')}
            </button>{' '}
            <button type="button" className="button secondary" onClick={stop}>
              {rt('room.stop')}
            </button>
          </>
        )}
      </p>
    </section>
  );
}
