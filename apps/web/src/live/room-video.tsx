import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, http } from '../api/http';
import { useI18n } from '../i18n/i18n';
import { RoomKey, roomText } from '../i18n/room-strings';
import type { BuiltinGrant, RoomConnection, RoomState } from './janus-room';

export type RoomGrant =
  | ({ provider: 'builtin'; role: string; expiresAt: string } & BuiltinGrant)
  | { provider: 'bigbluebutton'; role: string; expiresAt: string; joinUrl: string }
  | { provider: 'link'; role: string; expiresAt: string; url: string | null };

/** A grant for the signed-in person, or for the holder of a join link's token. */
export function fetchRoomGrant(sessionId: string, joinToken?: string): Promise<RoomGrant> {
  return joinToken
    ? http.post<RoomGrant>('/room-grants/join-link', { token: joinToken })
    : http.post<RoomGrant>(`/sessions/${sessionId}/room-grant`);
}

export function useRoomText(): (key: RoomKey) => string {
  const { lang } = useI18n();
  return useCallback((key: RoomKey) => roomText(lang, key), [lang]);
}

/**
 * The video inside the attendee page: the built-in room plays here (receive only), a
 * BigBlueButton room or an external link opens beside the page. A media server that does not
 * answer is said in words with a retry; the questions below keep working either way.
 */
export function RoomVideo({
  sessionId,
  joinToken,
  fallbackLink,
  provider,
}: {
  sessionId: string;
  joinToken?: string;
  fallbackLink: string | null;
  /**
   * What runs the video, when the page already knows (the join view says): a plain `link` is
   * drawn from the session's own URL with no grant request (one request fewer while the page
   * loads its questions). Undefined: not known yet, wait; null: ask for a grant. Required, with
   * no default: a default of null turned "not known yet" into a grant request.
   */
  provider: 'builtin' | 'bigbluebutton' | 'link' | null | undefined;
}) {
  const { t } = useI18n();
  const rt = useRoomText();
  const video = useRef<HTMLVideoElement>(null);
  const [grant, setGrant] = useState<RoomGrant | null>(null);
  const [state, setState] = useState<RoomState | 'loading'>('loading');
  const [muted, setMuted] = useState(true);
  const [attempt, setAttempt] = useState(0);

  const known = provider === undefined ? 'wait' : provider === 'link' ? 'link' : 'ask';
  useEffect(() => {
    let conn: RoomConnection | null = null;
    let gone = false;
    setState('loading');
    if (known !== 'ask') return;
    fetchRoomGrant(sessionId, joinToken)
      .then(async (g) => {
        if (gone) return;
        setGrant(g);
        if (g.provider !== 'builtin' || !video.current) return;
        // The WebRTC client only for a built-in room: a chunk of its own, not in every attendee's download.
        const { watchRoom } = await import('./janus-room');
        if (gone || !video.current) return;
        conn = await watchRoom(g, video.current, (s) => !gone && setState(s));
        if (gone) conn.close();
      })
      .catch((e: unknown) => {
        if (gone) return;
        setState(e instanceof ApiError && (e.status === 409 || e.status === 403) ? 'refused' : 'unavailable');
      });
    return () => {
      gone = true;
      conn?.close();
    };
  }, [sessionId, joinToken, attempt, known]);

  if (
    known === 'link' ||
    grant?.provider === 'link' ||
    (state !== 'loading' && !grant && fallbackLink && state !== 'unavailable')
  ) {
    const url = grant?.provider === 'link' ? grant.url : fallbackLink;
    // (known === 'link': the join view's session carries the same URL the grant would.)
    return url ? (
      <>
        <p>
          <a className="button big" href={url} target="_blank" rel="noopener noreferrer">
            {t('live.openVideo')}
          </a>
        </p>
        <p className="hint">{t('live.videoHint')}</p>
      </>
    ) : (
      <p className="hint">{t('live.noVideo')}</p>
    );
  }
  if (grant?.provider === 'bigbluebutton') {
    return (
      <>
        <p>
          <a className="button big" href={grant.joinUrl} target="_blank" rel="noopener noreferrer">
            {rt('room.openBbb')}
          </a>
        </p>
        <p className="hint">{rt('room.bbbHint')}</p>
      </>
    );
  }
  const message: Partial<Record<RoomState | 'loading', RoomKey>> = {
    loading: 'room.loading',
    connecting: 'room.loading',
    waiting: 'room.waiting',
    unavailable: 'room.unavailable',
    refused: 'room.refused',
  };
  return (
    <div className="room-video" data-room-state={state}>
      <video
        ref={video}
        className="room-video-player"
        autoPlay
        playsInline
        muted={muted}
        hidden={state === 'unavailable' || state === 'refused'}
        aria-label={rt('room.playing')}
      />
      {state === 'playing' && muted && (
        <button type="button" className="button" onClick={() => setMuted(false)}>
          {rt('room.soundOn')}
        </button>
      )}
      {message[state] && (
        <p className={state === 'unavailable' || state === 'refused' ? 'notice' : 'hint'} role="status">
          {rt(message[state]!)}
        </p>
      )}
      {state === 'unavailable' && (
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          {rt('room.retry')}
        </button>
      )}
    </div>
  );
}
