/**
 * Taking part on the attendee's page (phone first): the polls open now and revealed results,
 * raising a hand, reactions, and the chat when the session has it on. Everything goes through
 * the page's own live socket.
 */
import { FormEvent, useState } from 'react';
import {
  REACTIONS,
  type ChatMessageView,
  type HandRaiseResult,
  type Reaction,
} from '@qatys/contracts/live-events';
import { engagementError, useEngagementReady, useEngagementText } from '../../i18n/engagement-text';
import type { LiveSession } from '../use-live';
import { PollCard } from './poll-answer';
import { useEngagement, type Engagement } from './use-engagement';
import './engagement.css';

export const REACTION_EMOJI: Record<Reaction, string> = {
  thumbs_up: '👍',
  heart: '❤️',
  clap: '👏',
  laugh: '😄',
  surprised: '😮',
  thinking: '🤔',
};

export function EngagementPanel({ live }: { live: LiveSession }) {
  const e = useEngagement(live);
  const t = useEngagementText();
  // The reader's words come in a chunk of their own (engagement-text.ts), alongside the room's state.
  const words = useEngagementReady();
  if (live.join.kind !== 'joined' || !e.ready || !words) return null;
  return (
    <>
      <section className="card engagement-polls" aria-labelledby="eng-polls">
        <h2 id="eng-polls">{t('eng.polls')}</h2>
        {e.polls.length === 0 && <p className="hint">{t('eng.noPolls')}</p>}
        {e.polls.map((p) => (
          <PollCard key={p.id} poll={p} e={e} />
        ))}
      </section>
      <section className="card engagement-room">
        <HandButton e={e} />
        <Reactions e={e} />
      </section>
      {e.chat.enabled && <Chat e={e} />}
    </>
  );
}

function HandButton({ e }: { e: Engagement }) {
  const t = useEngagementText();
  const [error, setError] = useState<string>();
  const { sessionId } = e;
  const toggle = async () => {
    const r = await e.request<HandRaiseResult>(e.myHand.raised ? 'hand:lower' : 'hand:raise', { sessionId });
    if (r.ok) {
      setError(undefined);
      e.setMyHand(r.data);
    } else setError(engagementError(t, r.error));
  };
  return (
    <div className="hand">
      <button
        type="button"
        className={e.myHand.raised ? 'secondary hand-button raised' : 'hand-button'}
        aria-pressed={e.myHand.raised}
        onClick={() => void toggle()}
      >
        ✋ {e.myHand.raised ? t('eng.lower') : t('eng.raise')}
      </button>
      <p className="hint" role="status" aria-live="polite">
        {e.myHand.raised && e.myHand.position !== null
          ? t('eng.handUp', { n: e.myHand.position })
          : e.handNotice === 'taken'
            ? t('eng.handTaken')
            : e.handNotice
              ? t('eng.handLowered')
              : ''}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Reactions({ e }: { e: Engagement }) {
  const t = useEngagementText();
  const { sessionId } = e;
  return (
    <div className="reactions" role="group" aria-label={t('eng.reactions')}>
      {REACTIONS.map((r) => (
        <button
          key={r}
          type="button"
          className="reaction"
          aria-label={t(`eng.react.${r}`)}
          onClick={() => void e.request('reaction:send', { sessionId, reaction: r })}
        >
          <span aria-hidden="true">{REACTION_EMOJI[r]}</span>
          {e.burst?.counts[r] ? <span className="reaction-count">{e.burst.counts[r]}</span> : null}
        </button>
      ))}
    </div>
  );
}

function Chat({ e }: { e: Engagement }) {
  const t = useEngagementText();
  const { sessionId } = e;
  const [text, setText] = useState('');
  const [toStaff, setToStaff] = useState(false);
  const [error, setError] = useState<string>();
  const send = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!text.trim()) return;
    const r = await e.request<ChatMessageView>('chat:send', {
      sessionId,
      text,
      to: toStaff ? 'staff' : 'all',
    });
    if (r.ok) {
      setText('');
      setError(undefined);
      e.upsertMessage(r.data);
    } else setError(engagementError(t, r.error));
  };
  return (
    <section className="card chat" aria-labelledby="eng-chat">
      <h2 id="eng-chat">{t('eng.chat')}</h2>
      {e.chat.messages.length === 0 && <p className="hint">{t('eng.chatEmpty')}</p>}
      <ul className="chat-list" aria-live="polite">
        {e.chat.messages.map((m) => (
          <li key={m.id} className={`chat-message${m.staff ? ' from-staff' : ''}`}>
            <span className="chat-author">{m.author.displayName}</span>{' '}
            <span className="chat-text">{m.text}</span>
            {m.status === 'pending' && <span className="chip chip-pending">{t('eng.chatPending')}</span>}
            {m.to === 'staff' && <span className="chip">{t('eng.staffOnly')}</span>}
          </li>
        ))}
      </ul>
      {e.chat.muted ? (
        <p className="notice notice-warn">{t('eng.chatMuted')}</p>
      ) : (
        <form className="form" onSubmit={send} noValidate>
          <label className="field">
            <span>{t('eng.chatMessage')}</span>
            <textarea
              rows={2}
              maxLength={600}
              value={text}
              name="chat"
              onChange={(ev) => setText(ev.target.value)}
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={toStaff} onChange={(ev) => setToStaff(ev.target.checked)} />
            {t('eng.chatToStaff')}
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit">{t('eng.chatSend')}</button>
        </form>
      )}
    </section>
  );
}
