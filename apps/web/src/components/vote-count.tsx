import { countText } from '../i18n/count-strings';
import { useI18n } from '../i18n/i18n';
import { formatNumber } from '../lib/format';

/**
 * "▲ 5" as seen, "5 votes" as read aloud: the visible number starts the accessible text, so a
 * button holding it has a name that contains what is on it (WCAG 2.5.3), and a plain span needs
 * no aria-label (not allowed on an element without a role). `action` is read after the count
 * ("5 votes, support this question").
 */
export function VoteCount({ n, action }: { n: number; action?: string }) {
  const { lang } = useI18n();
  const shown = formatNumber(n, lang);
  return (
    <>
      <span aria-hidden="true">▲ </span>
      <span className="vote-n">{shown}</span>
      {/* One hidden span: Chromium puts a space around each out-of-flow one ("5 votes , support"). */}
      <span className="sr-only">
        {countText(lang, 'votes', n).slice(shown.length)}
        {action ? `, ${action}` : ''}
      </span>
    </>
  );
}
