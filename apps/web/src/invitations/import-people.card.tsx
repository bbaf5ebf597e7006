/**
 * Importing people into an expected list (a program's or a session's): pick a CSV or XLSX file,
 * send it whole (all or nothing), and read back either the summary or every refused row with its
 * problems worded in the reader's language. One component for both places that import people —
 * the invitations lists screen and the organizer console's People page — so they cannot drift.
 *
 * It lives with the lists (its words are the lists' words); the organizer console loads it lazily
 * (see people.page.tsx), which keeps the lists' strings out of the console's first chunk.
 */
import { FormEvent, useId, useRef, useState } from 'react';
import { ApiError } from '../api/http';
import { ImportRowError, ImportSummary, importPeople, Scope } from './lists.api';
import { rowProblemText } from './lists-strings';
import { ListsError, RowErrors, useListsText } from './lists-ui';

/** The refused rows of a failed import (400 invalid_people_file), or null for any other failure. */
export function importRowErrors(err: unknown): { errors: ImportRowError[]; total: number } | null {
  if (!(err instanceof ApiError) || err.code !== 'invalid_people_file') return null;
  const list = err.details?.errors;
  if (!Array.isArray(list)) return null;
  // The API lists the first rows only; `total` says how many there were in all.
  return { errors: list as ImportRowError[], total: Number(err.details?.total) || list.length };
}

/**
 * A failed import: the refused rows when there are some, else the failure as usual. `single` is
 * for a form that adds one person through the import: its one row's problems, without the words
 * about lines and files.
 */
export function ImportFailure({ error, single = false }: { error: unknown; single?: boolean }) {
  const { lang } = useListsText();
  const rows = importRowErrors(error);
  if (!rows) return <ListsError error={error} />;
  if (!single) return <RowErrors errors={rows.errors} total={rows.total} />;
  const problems = rows.errors.flatMap((e) => (e.problems?.length ? e.problems : [{ code: 'unknown' }]));
  return (
    <p className="notice notice-error" role="alert">
      {problems.map((p) => rowProblemText(lang, p)).join(' ')}
    </p>
  );
}

export function ImportPeopleCard({ scope, onImported }: { scope: Scope; onImported(): void }) {
  const { lt, count, num } = useListsText();
  const fileRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const nameId = useId();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [noFile, setNoFile] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    setError(undefined);
    setSummary(null);
    setNoFile(!file);
    if (!file) return;
    setBusy(true);
    try {
      setSummary(await importPeople(scope, file));
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card">
      <h2 id={titleId}>{lt('import.title')}</h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={titleId}>
        <div className={`field${noFile ? ' has-error' : ''}`}>
          <label htmlFor={inputId}>{lt('import.file')}</label>
          {/* The browser's own file button speaks the browser's language, not the page's: it is
              hidden (still focusable and labelled) behind a button and a file name in ours. */}
          <div className="file-pick">
            <input
              ref={fileRef}
              id={inputId}
              name="file"
              type="file"
              className="visually-hidden file-input"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={`${nameId} ${hintId}`}
              aria-invalid={noFile}
              onChange={(e) => {
                setNoFile(false);
                setFileName(e.target.files?.[0]?.name ?? null);
              }}
            />
            <label htmlFor={inputId} className="button secondary" aria-hidden="true">
              {lt('import.choose')}
            </label>
            <span className="meta break-anywhere" id={nameId}>
              {fileName ?? lt('import.noneChosen')}
            </span>
          </div>
          <p className="hint" id={hintId}>
            {lt('import.hint')}
          </p>
          {noFile && (
            <p className="error" role="alert">
              {lt('import.noFile')}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? lt('import.busy') : lt('import.submit')}
          </button>
        </div>
      </form>
      {error !== undefined && <ImportFailure error={error} />}
      {summary && (
        <p className="notice notice-ok" role="status">
          {lt('import.done', {
            people: count('people', summary.rows),
            added: num(summary.added),
            updated: num(summary.updated),
            created: num(summary.accountsCreated),
            matched: num(summary.accountsMatched),
          })}
        </p>
      )}
    </section>
  );
}
