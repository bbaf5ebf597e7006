/** One poll on the attendee's phone: the question, the answer form while open, the results once revealed. */
import { FormEvent, useState } from 'react';
import type { MyPollAnswer, PollAnswerResult, PollView } from '@qatys/contracts/live-events';
import { useI18n } from '../../i18n/i18n';
import { engagementError, useEngagementText } from '../../i18n/engagement-text';
import type { Engagement } from './use-engagement';
import { PollResultsView } from './poll-results';

export function PollCard({ poll, e }: { poll: PollView; e: Engagement }) {
  const { pick } = useI18n();
  const t = useEngagementText();
  const mine = e.mine.get(poll.id);
  const [changing, setChanging] = useState(false);
  const results = e.results.get(poll.id);
  const canAnswer = poll.status === 'open' && (!mine || (poll.changeable && changing));
  const correct = poll.quiz && poll.correct && mine?.choices ? sameSet(poll.correct, mine.choices) : null;
  return (
    <article className="card poll" data-poll-id={poll.id} aria-labelledby={`poll-${poll.id}`}>
      <p className="meta">
        <span className="chip">{poll.quiz ? t('eng.quiz') : t('eng.poll')}</span>{' '}
        <span className={`chip chip-${poll.status}`}>{t(`eng.status.${poll.status}`)}</span>
      </p>
      <h3 id={`poll-${poll.id}`}>{pick(poll.question)}</h3>
      {canAnswer ? (
        <AnswerForm poll={poll} e={e} mine={mine} onDone={() => setChanging(false)} />
      ) : (
        mine && (
          <p className="notice notice-ok" role="status">
            {t('eng.answered')}{' '}
            {correct !== null && <strong>{correct ? t('eng.youScored') : t('eng.youMissed')}</strong>}
          </p>
        )
      )}
      {mine && poll.changeable && poll.status === 'open' && !changing && (
        <button type="button" className="secondary" onClick={() => setChanging(true)}>
          {t('eng.change')}
        </button>
      )}
      {poll.revealed && results && (
        <>
          <h4>{t('eng.results')}</h4>
          <PollResultsView poll={poll} results={results} />
        </>
      )}
    </article>
  );
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
}

function AnswerForm({
  poll,
  e,
  mine,
  onDone,
}: {
  poll: PollView;
  e: Engagement;
  mine: MyPollAnswer | undefined;
  onDone(): void;
}) {
  const { pick } = useI18n();
  const t = useEngagementText();
  const [choices, setChoices] = useState<number[]>(mine?.choices ?? []);
  const [rating, setRating] = useState<number | null>(mine?.rating ?? null);
  const [words, setWords] = useState((mine?.words ?? []).join(', '));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const max = poll.kind === 'single' ? 1 : (poll.maxChoices ?? poll.options.length);

  const toggle = (i: number) => {
    if (poll.kind === 'single') return setChoices([i]);
    setChoices((c) => (c.includes(i) ? c.filter((x) => x !== i) : c.length < max ? [...c, i] : c));
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const payload =
      poll.kind === 'rating'
        ? { pollId: poll.id, rating }
        : poll.kind === 'words'
          ? { pollId: poll.id, words }
          : { pollId: poll.id, choices };
    if (
      (poll.kind === 'rating' && rating === null) ||
      (poll.kind !== 'rating' && poll.kind !== 'words' && !choices.length)
    ) {
      return setError(poll.kind === 'multiple' ? t('eng.chooseMany', { n: max }) : t('eng.chooseOne'));
    }
    setBusy(true);
    const r = await e.request<PollAnswerResult>('poll:answer', payload);
    setBusy(false);
    if (r.ok) {
      setError(undefined);
      e.setMine(r.data.answer);
      onDone();
    } else setError(engagementError(t, r.error));
  };

  const name = `poll-${poll.id}`;
  return (
    <form className="form poll-form" onSubmit={submit} noValidate>
      {(poll.kind === 'single' || poll.kind === 'multiple') && (
        <fieldset>
          <legend className="hint">
            {poll.kind === 'single' ? t('eng.chooseOne') : t('eng.chooseMany', { n: max })}
          </legend>
          <div className="checks poll-options">
            {poll.options.map((o, i) => (
              <label key={i} className="check option">
                <input
                  type={poll.kind === 'single' ? 'radio' : 'checkbox'}
                  name={name}
                  value={i}
                  checked={choices.includes(i)}
                  onChange={() => toggle(i)}
                />
                {pick(o)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {poll.kind === 'rating' && (
        <fieldset>
          <legend className="hint">{t('eng.rate', { n: poll.scale ?? 5 })}</legend>
          <div className="rating" role="radiogroup">
            {Array.from({ length: poll.scale ?? 5 }, (_, i) => i + 1).map((v) => (
              <label key={v} className={`rating-value${rating === v ? ' chosen' : ''}`}>
                <input
                  type="radio"
                  name={name}
                  value={v}
                  checked={rating === v}
                  onChange={() => setRating(v)}
                />
                {v}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {poll.kind === 'words' && (
        <label className="field">
          <span>{t('eng.words')}</span>
          <input
            type="text"
            name={name}
            maxLength={200}
            value={words}
            onChange={(ev) => setWords(ev.target.value)}
          />
        </label>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('eng.answer')}
      </button>
    </form>
  );
}
