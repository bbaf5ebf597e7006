import { useState } from 'react';
import { usePublicI18n } from './public-i18n';

/** The page's own address, to pass on (the api serves it with a head that names the page). */
export function ShareLink() {
  const { p } = usePublicI18n();
  const [copied, setCopied] = useState(false);
  const url = window.location.origin + window.location.pathname;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard (plain http, old browser): the address bar has it.
    }
  };
  return (
    <p className="share">
      <button type="button" className="link" onClick={() => void copy()}>
        {p('pub.share.copy')}
      </button>
      <span role="status" aria-live="polite">
        {copied ? ` ${p('pub.share.copied')}` : ''}
      </span>
    </p>
  );
}
