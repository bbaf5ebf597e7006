/** The console's raised-hand queue, the reactions seen, and the chat's moderation. */
import { useState } from 'react';
import { REACTIONS, type ChatMessageView, type HandView } from '@qatys/contracts/live-events';
import { isOrganizer, useAuth } from '../api/auth-store';
import { http } from '../api/http';
import { useViewerZone, When } from '../components/ui';
import { engagementError, useEngagementText } from '../i18n/engagement-text';
import { REACTION_EMOJI } from '../live/engagement/engagement-panel';
import { useRegionName } from '../live/engagement/poll-results';
import type { Engagement } from '../live/engagement/use-engagement';

export function HandQueueCard({ e }: { e: Engagement }) {
  const t = useEngagementText();
  const zone = useViewerZone();
  const regionName = useRegionName();
  const [error, setError] = useState<string>();
  const act = async (event: string, payload: object) => {
    const r = await e.request(event, { sessionId: e.sessionId, ...payload });
    setError(r.ok ? undefined : engagementError(t, r.error));
  };
  const hands = e.hands?.hands ?? [];
  return (
    <section className="card" aria-labelledby="eng-hands">
      <h2 id="eng-hands">
        {t('eng.hands')} <span className="count">({e.hands?.total ?? 0})</span>
      </h2>
      {hands.length === 0 && <p className="hint">{t('eng.noHands')}</p>}
      <ol className="hand-queue" aria-live="polite">
        {hands.map((h: HandView) => (
          <li key={h.userId} data-hand={h.userId}>
            <span>
              <strong>{h.displayName}</strong> · {regionName(h.regionId)} ·{' '}
              <When utc={h.raisedAt} zone={zone} short />
            </span>
            {e.canManage && (
              <span className="list-actions">
                <button type="button" onClick={() => void act('hand:take', { userId: h.userId })}>
                  {t('eng.take')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void act('hand:lower', { userId: h.userId })}
                >
                  {t('eng.lowerOne')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {e.canManage && hands.length > 0 && (
        <button type="button" className="secondary" onClick={() => void act('hand:clear', {})}>
          {t('eng.lowerAll')}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

export function ReactionsSeen({ e }: { e: Engagement }) {
  const t = useEngagementText();
  return (
    <section className="card" aria-labelledby="eng-reactions">
      <h2 id="eng-reactions">{t('eng.reactions')}</h2>
      <p className="reactions" aria-live="off">
        {REACTIONS.map((r) => (
          <span key={r} className="reaction" aria-label={t(`eng.react.${r}`)}>
            <span aria-hidden="true">{REACTION_EMOJI[r]}</span>
            <span className="reaction-count">{e.burst?.counts[r] ?? 0}</span>
          </span>
        ))}
      </p>
    </section>
  );
}

export function ChatModeration({ e }: { e: Engagement }) {
  const t = useEngagementText();
  const { auth } = useAuth();
  const [error, setError] = useState<string>();
  const [muted, setMuted] = useState<Set<string>>(new Set());
  const act = async (event: string, payload: object) => {
    const r = await e.request<ChatMessageView>(event, payload);
    if (r.ok && event === 'chat:moderate') e.upsertMessage(r.data);
    setError(r.ok ? undefined : engagementError(t, r.error));
    return r.ok;
  };
  const setting = async (patch: { chatEnabled?: boolean; chatPremoderation?: boolean }) => {
    const s = await http.put<{ chatEnabled: boolean; chatPremoderation: boolean }>(
      `/sessions/${e.sessionId}/engagement-settings`,
      patch,
    );
    e.setChat({ enabled: s.chatEnabled, premoderation: s.chatPremoderation });
  };
  const mute = async (userId: string) => {
    const on = !muted.has(userId);
    if (await act('chat:mute', { sessionId: e.sessionId, userId, muted: on })) {
      setMuted((m) => {
        const next = new Set(m);
        if (on) next.add(userId);
        else next.delete(userId);
        return next;
      });
    }
  };
  return (
    <section className="card chat" aria-labelledby="eng-chat-mod">
      <h2 id="eng-chat-mod">{t('eng.chat')}</h2>
      {isOrganizer(auth?.user) && (
        <div className="checks">
          <label className="check">
            <input
              type="checkbox"
              checked={e.chat.enabled}
              onChange={(ev) => void setting({ chatEnabled: ev.target.checked })}
            />
            {t('eng.chatEnabled')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={e.chat.premoderation}
              onChange={(ev) => void setting({ chatPremoderation: ev.target.checked })}
            />
            {t('eng.chatPremoderation')}
          </label>
        </div>
      )}
      {!e.chat.enabled && <p className="hint">{t('eng.chatOff')}</p>}
      <ul className="chat-list" aria-live="polite">
        {e.chat.messages.map((m) => (
          <li key={m.id} className={`chat-message${m.staff ? ' from-staff' : ''}`} data-message-id={m.id}>
            <span className="chat-author">{m.author.displayName}</span>{' '}
            <span className="chat-text">{m.text}</span>
            {m.status === 'pending' && <span className="chip chip-pending">{t('eng.chatPending')}</span>}
            {m.to === 'staff' && <span className="chip">{t('eng.staffOnly')}</span>}
            {e.canManage && (
              <span className="list-actions">
                {m.status === 'pending' && (
                  <button
                    type="button"
                    onClick={() => void act('chat:moderate', { messageId: m.id, action: 'approve' })}
                  >
                    {t('eng.approve')}
                  </button>
                )}
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void act('chat:moderate', { messageId: m.id, action: 'delete' })}
                >
                  {t('eng.delete')}
                </button>
                {!m.staff && (
                  <button type="button" className="secondary" onClick={() => void mute(m.author.id)}>
                    {muted.has(m.author.id) ? t('eng.unmute') : t('eng.mute')}
                  </button>
                )}
              </span>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
