import { useEffect, useState } from 'react';
import { http } from '../api/http';
import { useRoomText } from './room-video';

interface RecordingLink {
  url: string;
  expiresAt: string;
  bytes: number;
  contentType: string;
}

/**
 * The session's recording on the attendee page once it is over (the link the follow-up mails
 * carry leads here). A `<video>` cannot send the sign-in token, so the page asks the api for a
 * personal playback link (good for a few hours; the player seeks with byte ranges). Nothing is
 * shown while there is no recording, or to someone who may not watch it.
 */
export function RecordingPlayer({ sessionId }: { sessionId: string }) {
  const rt = useRoomText();
  const [link, setLink] = useState<RecordingLink | null>(null);

  useEffect(() => {
    let gone = false;
    http
      .post<RecordingLink>(`/sessions/${sessionId}/recording/link`)
      .then((l) => !gone && setLink(l))
      .catch(() => undefined);
    return () => {
      gone = true;
    };
  }, [sessionId]);

  if (!link) return null;
  return (
    <section className="card recording-player">
      <h2>{rt('room.recording')}</h2>
      <video controls preload="metadata" src={link.url} style={{ width: '100%' }}>
        <a href={link.url}>{rt('room.recording')}</a>
      </video>
    </section>
  );
}
