import { FormEvent, useEffect, useState } from 'react';
import { authStore, useAuth } from '../api/auth-store';
import { ApiError, http } from '../api/http';
import type { Language, User } from '../api/types';
import { Loading } from '../components/ui';
import { TextField } from '../components/text-field';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { useRegions } from '../lib/regions';
import { useAsync } from '../lib/use-async';
import { usePublicI18n } from '../public/public-i18n';
import { PublicError } from '../public/public-ui';
import { LanguageSelect, RegionSelect, ZoneSelect } from './profile-fields';

type Channel = 'email' | 'webhook';

/** My profile: name, language, zone, home region, and how reminders reach me. */
export function ProfilePage() {
  const { auth } = useAuth();
  const { t } = useI18n();
  if (!auth) {
    return (
      <section className="card narrow">
        <p>
          <Link to="/signin?next=%2Fprofile">{t('action.signIn')}</Link>
        </p>
      </section>
    );
  }
  return <ProfileForm user={auth.user} />;
}

function ProfileForm({ user }: { user: User }) {
  const { p, explain } = usePublicI18n();
  const { setLang } = useI18n();
  const regions = useRegions();
  const settings = useAsync(() => http.get<{ channel: Channel }>('/me/notification-settings'), []);
  const [name, setName] = useState(user.displayName);
  const [language, setLanguage] = useState<Language>(user.language);
  const [zone, setZone] = useState(user.timeZone);
  const [regionId, setRegionId] = useState<number | null>(user.homeRegionId);
  const [channel, setChannel] = useState<Channel>('email');
  const [errors, setErrors] = useState<{ displayName?: string; timeZone?: string; homeRegionId?: string }>(
    {},
  );
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (settings.data) setChannel(settings.data.channel);
  }, [settings.data]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setFailure(undefined);
    if (!name.trim()) {
      setErrors({ displayName: p('err.required') });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const updated = await http.patch<User>('/me', {
        displayName: name.trim(),
        language,
        timeZone: zone,
        homeRegionId: regionId,
      });
      if (settings.data?.channel !== channel) {
        settings.set(await http.put<{ channel: Channel }>('/me/notification-settings', { channel }));
      }
      authStore.setUser(updated);
      if (language !== user.language) await setLang(language);
      setSaved(true);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'unknown_region') setErrors({ homeRegionId: explain(err) });
      else if (err instanceof ApiError && err.code === 'validation_failed' && err.fieldErrors().timeZone)
        setErrors({ timeZone: p('err.unknown_time_zone') });
      else setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card narrow">
      <h1>{p('acc.profile.title')}</h1>
      <p className="meta">{p('acc.profile.email', { email: user.email })}</p>
      {(regions.loading || settings.loading) && !(regions.data && settings.data) && <Loading />}
      <form onSubmit={submit} noValidate className="form">
        <TextField
          label={p('acc.field.name')}
          error={errors.displayName}
          name="displayName"
          autoComplete="name"
          value={name}
          onChange={setName}
        />
        <LanguageSelect value={language} onChange={setLanguage} />
        <ZoneSelect value={zone} onChange={setZone} error={errors.timeZone} />
        <RegionSelect
          regions={regions.data ?? []}
          value={regionId}
          error={errors.homeRegionId}
          onChange={(id) => setRegionId(id)}
        />
        <fieldset className="checks">
          <legend>{p('acc.profile.channel')}</legend>
          {(['email', 'webhook'] as const).map((c) => (
            <label key={c} className="check">
              <input
                type="radio"
                name="channel"
                value={c}
                checked={channel === c}
                onChange={() => setChannel(c)}
              />{' '}
              {p(c === 'email' ? 'acc.channel.email' : 'acc.channel.webhook')}
            </label>
          ))}
        </fieldset>
        <PublicError error={failure ?? settings.error} />
        {saved && (
          <p className="notice notice-ok" role="status">
            {p('acc.profile.saved')}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {p('acc.profile.save')}
        </button>
      </form>
    </section>
  );
}
