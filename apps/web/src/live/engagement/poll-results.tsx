/**
 * A poll's tally as people read it: a bar per option (or value) with its count, the mean of a
 * rating, the words most given, and the same per region — for staff always, for the audience once
 * the results are revealed. Numbers are written out too (screen readers, narrow phones).
 */
import type { PollRegionTally, PollResults, PollTally, PollView } from '@qatys/contracts/live-events';
import { Bar } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { useEngagementText } from '../../i18n/engagement-text';
import { useRegions } from '../../lib/regions';

export function useRegionName(): (id: number | null) => string {
  const { pick } = useI18n();
  const t = useEngagementText();
  const regions = useRegions();
  return (id) => {
    if (id === null) return t('eng.noRegion');
    const r = regions.data?.find((x) => x.id === id);
    return r ? pick(r.names) : `#${id}`;
  };
}

/** The labels of a poll's slots: its options, or the values of its scale. */
export function slotLabels(poll: PollView, pick: (x: PollView['question']) => string): string[] {
  if (poll.kind === 'rating') return Array.from({ length: poll.scale ?? 0 }, (_, i) => String(i + 1));
  return poll.options.map((o, i) => `${i + 1}. ${pick(o)}`);
}

function Tally({ poll, tally, labels }: { poll: PollView; tally: PollTally; labels: string[] }) {
  const t = useEngagementText();
  if (poll.kind === 'words') {
    const top = tally.words[0]?.count ?? 0;
    return (
      <ul className="word-cloud">
        {tally.words.map((w) => (
          <li key={w.text} className={`word w${Math.max(1, Math.ceil((w.count / Math.max(1, top)) * 4))}`}>
            {w.text} <span className="count">({w.count})</span>
          </li>
        ))}
      </ul>
    );
  }
  const max = Math.max(1, ...tally.counts);
  return (
    <ul className="poll-bars">
      {tally.counts.map((n, i) => {
        const correct = poll.correct?.includes(i) ?? false;
        return (
          <li key={i} className={correct ? 'slot slot-correct' : 'slot'} data-slot={i}>
            <div className="slot-head">
              <span>
                {labels[i]}
                {correct && <span className="chip chip-answered"> {t('eng.correctMark')}</span>}
              </span>
              <span className="slot-count" data-count={n}>
                {n}
              </span>
            </div>
            <Bar value={n} max={max} label={`${labels[i]}: ${n}`} />
          </li>
        );
      })}
    </ul>
  );
}

export function PollResultsView({ poll, results }: { poll: PollView; results: PollResults }) {
  const { pick } = useI18n();
  const t = useEngagementText();
  const regionName = useRegionName();
  const labels = slotLabels(poll, pick);
  const summary = (x: PollTally) =>
    [
      t('eng.answers', { n: x.total }),
      x.average !== null ? t('eng.average', { n: x.average }) : '',
      x.correctAnswers !== null ? t('eng.correctAnswers', { n: x.correctAnswers }) : '',
    ]
      .filter(Boolean)
      .join(' · ');
  const regionCell = (r: PollRegionTally) =>
    poll.kind === 'words'
      ? r.words
          .slice(0, 3)
          .map((w) => `${w.text} (${w.count})`)
          .join(', ')
      : r.counts.map((n, i) => `${poll.kind === 'rating' ? i + 1 : `${i + 1}.`} ${n}`).join(' · ');
  return (
    <div className="poll-results" data-poll-results={poll.id} aria-live="polite">
      <p className="meta" data-total={results.total}>
        {summary(results)}
      </p>
      <Tally poll={poll} tally={results} labels={labels} />
      {results.regions.length > 0 && (
        <>
          <h5 className="poll-regions-title">{t('eng.byRegion')}</h5>
          <ul className="poll-regions">
            {results.regions.map((r) => (
              <li key={r.regionId ?? 'none'} data-region-id={r.regionId ?? 'none'}>
                <strong>{regionName(r.regionId)}</strong>{' '}
                <span className="meta" data-region-total={r.total}>
                  {summary(r)}
                </span>
                <br />
                <span data-region-counts={regionCell(r)}>{regionCell(r)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
