import { FormEvent, useState } from 'react';
import { authStore, isStaff } from '../api/auth-store';
import { ApiError, http } from '../api/http';
import type { TokenResponse } from '../api/types';
import { ErrorNote } from '../components/ui';
import { TextField } from '../components/text-field';
import { useI18n } from '../i18n/i18n';
import { navText } from '../i18n/public-nav-strings';
import { Link, navigate, useLocation } from '../lib/router';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignInPage() {
  const { t } = useI18n();
  const loc = useLocation();
  return (
    <section className="card narrow">
      <h1>{t('signin.title')}</h1>
      <SignInForm
        onDone={(res) => {
          const next = loc.query.get('next');
          const safe = next && next.startsWith('/') && !next.startsWith('//') ? next : null;
          navigate(safe ?? (isStaff(res.user) ? '/organizer' : '/'), { replace: true });
        }}
      />
    </section>
  );
}

export function SignInForm({ onDone }: { onDone(res: TokenResponse): void }) {
  const { t, lang } = useI18n();
  const next = useLocation().query.get('next');
  const signUpHref = next ? `/signup?next=${encodeURIComponent(next)}` : '/signup';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!EMAIL.test(email.trim())) found.email = t('signin.emailInvalid');
    if (!password) found.password = t('form.required');
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const res = await http.post<TokenResponse>(
        '/auth/login',
        { email: email.trim(), password },
        { anonymous: true },
      );
      authStore.setTokens(res);
      onDone(res);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setErrors({ password: t('signin.wrong') });
      else if (err instanceof ApiError && err.code === 'validation_failed') {
        const f = err.fieldErrors();
        setErrors({ email: f.email?.join(' '), password: f.password?.join(' ') });
      } else setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <TextField
        label={t('signin.email')}
        error={errors.email}
        name="email"
        type="email"
        autoComplete="username"
        value={email}
        required
        onChange={setEmail}
      />
      <TextField
        label={t('signin.password')}
        error={errors.password}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        required
        onChange={setPassword}
      />
      <ErrorNote error={failure} />
      <button type="submit" disabled={busy}>
        {busy ? t('state.working') : t('action.signIn')}
      </button>
      <p className="form-links">
        <Link to="/forgot-password">{navText(lang, 'acc.signin.forgot')}</Link>
        <br />
        <Link to={signUpHref}>{navText(lang, 'acc.signin.noAccount')}</Link>
      </p>
    </form>
  );
}
