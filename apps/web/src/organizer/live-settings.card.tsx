import { FormEvent, useEffect, useState } from 'react';
import { http } from '../api/http';
import { ErrorNote, Field, Loading, NumberField } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { useAsync } from '../lib/use-async';
import { splitApiError } from './forms';

interface LiveSettings {
  sessionId: string;
  joinWindowMinutes: number;
  qaPremoderation: boolean;
  recordingUrl: string | null;
}

/** Join window, Q&A pre-moderation and the recording link (GET/PUT /sessions/:id/live-settings). */
export function LiveSettingsCard({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const settings = useAsync(
    () => http.get<LiveSettings>(`/sessions/${sessionId}/live-settings`),
    [sessionId],
  );
  const [win, setWin] = useState('15');
  const [premod, setPremod] = useState(false);
  const [recording, setRecording] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!settings.data) return;
    setWin(String(settings.data.joinWindowMinutes));
    setPremod(settings.data.qaPremoderation);
    setRecording(settings.data.recordingUrl ?? '');
  }, [settings.data]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setFailure(undefined);
    const found: Record<string, string[]> = {};
    if (!/^\d+$/.test(win) || Number(win) > 1440) found.joinWindowMinutes = [t('settings.joinWindowInvalid')];
    if (recording.trim() && !/^https?:\/\/\S+$/i.test(recording.trim()))
      found.recordingUrl = [t('schedule.joinUrlInvalid')];
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      settings.set(
        await http.put<LiveSettings>(`/sessions/${sessionId}/live-settings`, {
          joinWindowMinutes: Number(win),
          qaPremoderation: premod,
          recordingUrl: recording.trim() || null,
        }),
      );
      setSaved(true);
    } catch (err) {
      const { byField, rest } = splitApiError(err, ['joinWindowMinutes', 'qaPremoderation', 'recordingUrl']);
      setErrors(byField);
      setFailure(rest);
    }
  };

  return (
    <section className="card">
      <h2>{t('settings.title')}</h2>
      <ErrorNote error={settings.error} onRetry={settings.reload} />
      {settings.loading && !settings.data && <Loading />}
      {settings.data && (
        <form className="form" onSubmit={submit} noValidate>
          <div className="row">
            <NumberField
              label={t('settings.joinWindow')}
              error={errors.joinWindowMinutes}
              name="joinWindowMinutes"
              min={0}
              max={1440}
              value={win}
              onChange={setWin}
            />
            <Field label={t('settings.recordingUrl')} error={errors.recordingUrl}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="recordingUrl"
                  type="url"
                  inputMode="url"
                  value={recording}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={(e) => setRecording(e.target.value)}
                />
              )}
            </Field>
          </div>
          <label className="check">
            <input
              type="checkbox"
              name="qaPremoderation"
              checked={premod}
              onChange={(e) => setPremod(e.target.checked)}
            />
            {t('settings.premoderation')}
          </label>
          {saved && (
            <p className="notice notice-ok" role="status">
              {t('settings.saved')}
            </p>
          )}
          <ErrorNote error={failure} />
          <button type="submit">{t('action.save')}</button>
        </form>
      )}
    </section>
  );
}
