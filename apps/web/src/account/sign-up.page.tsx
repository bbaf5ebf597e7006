import { FormEvent, useState } from 'react';
import { authStore } from '../api/auth-store';
import { ApiError, http } from '../api/http';
import type { Language, TokenResponse } from '../api/types';
import { Loading } from '../components/ui';
import { TextField } from '../components/text-field';
import { useI18n } from '../i18n/i18n';
import { Link, navigate, useLocation } from '../lib/router';
import { useRegions } from '../lib/regions';
import { browserZone } from '../lib/clock';
import { usePublicI18n } from '../public/public-i18n';
import { LanguageSelect, RegionSelect, ZoneSelect } from './profile-fields';
import { safeNext } from './safe-next';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Errors = Partial<
  Record<'displayName' | 'email' | 'password' | 'homeRegionId' | 'timeZone' | 'form', string>
>;

/**
 * Self sign-up: always an attendee (roles come from an admin). The zone follows the chosen
 * region until the person picks one themselves (someone abroad keeps their own).
 */
export function SignUpPage() {
  const { p, explain } = usePublicI18n();
  const { lang, setLang } = useI18n();
  const loc = useLocation();
  const regions = useRegions();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [regionId, setRegionId] = useState<number | null>(null);
  const [language, setLanguage] = useState<Language>(lang);
  const [zone, setZone] = useState(browserZone());
  const [zoneTouched, setZoneTouched] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!name.trim()) found.displayName = p('err.required');
    if (!EMAIL.test(email.trim())) found.email = p('err.email');
    if (password.length < 8) found.password = p('err.passwordShort');
    if (!regionId) found.homeRegionId = p('err.unknown_region');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const res = await http.post<TokenResponse>(
        '/auth/register',
        {
          email: email.trim(),
          password,
          displayName: name.trim(),
          language,
          timeZone: zone,
          homeRegionId: regionId,
        },
        { anonymous: true },
      );
      authStore.setTokens(res);
      if (language !== lang) void setLang(language);
      navigate(safeNext(loc.query.get('next')) ?? '/my-sessions', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'email_taken') setErrors({ email: explain(err) });
      else if (err instanceof ApiError && err.code === 'unknown_region')
        setErrors({ homeRegionId: explain(err) });
      else if (err instanceof ApiError && err.code === 'validation_failed') {
        const f = err.fieldErrors();
        setErrors({
          displayName: f.displayName ? p('err.required') : undefined,
          email: f.email ? p('err.email') : undefined,
          password: f.password ? p('err.passwordShort') : undefined,
          timeZone: f.timeZone ? p('err.unknown_time_zone') : undefined,
          form: p('err.validation_failed'),
        });
      } else setErrors({ form: explain(err) });
    } finally {
      setBusy(false);
    }
  };

  const next = loc.query.get('next');
  return (
    <section className="card narrow">
      <h1>{p('acc.signup.title')}</h1>
      <p>{p('acc.signup.intro')}</p>
      {regions.loading && !regions.data && <Loading />}
      <form onSubmit={submit} noValidate className="form">
        <TextField
          label={p('acc.field.name')}
          error={errors.displayName}
          name="displayName"
          autoComplete="name"
          value={name}
          required
          onChange={setName}
        />
        <TextField
          label={p('acc.field.email')}
          error={errors.email}
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          required
          onChange={setEmail}
        />
        <TextField
          label={p('acc.field.password')}
          error={errors.password}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          value={password}
          required
          onChange={setPassword}
        />
        <RegionSelect
          regions={regions.data ?? []}
          value={regionId}
          error={errors.homeRegionId}
          onChange={(id, region) => {
            setRegionId(id);
            if (region && !zoneTouched) setZone(region.timeZone);
          }}
        />
        <LanguageSelect value={language} onChange={setLanguage} />
        <ZoneSelect
          value={zone}
          error={errors.timeZone}
          onChange={(z) => {
            setZone(z);
            setZoneTouched(true);
          }}
        />
        {errors.form && (
          <p className="notice notice-error" role="alert">
            {errors.form}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {p('acc.signup.submit')}
        </button>
      </form>
      <p>
        <Link to={next ? `/signin?next=${encodeURIComponent(next)}` : '/signin'}>{p('acc.signup.have')}</Link>
      </p>
    </section>
  );
}
