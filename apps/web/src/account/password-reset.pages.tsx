import { FormEvent, useState } from 'react';
import { ApiError, http } from '../api/http';
import { TextField } from '../components/text-field';
import { useI18n } from '../i18n/i18n';
import { Link, useLocation } from '../lib/router';
import { usePublicI18n } from '../public/public-i18n';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Asks for a reset link. The answer is the same whether the address has an account or not. */
export function ForgotPasswordPage() {
  const { p, explain } = usePublicI18n();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();
  const [sentTo, setSentTo] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!EMAIL.test(email.trim())) {
      setError(p('err.email'));
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await http.post('/auth/password-reset', { email: email.trim() }, { anonymous: true });
      setSentTo(email.trim());
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card narrow">
      <h1>{p('acc.forgot.title')}</h1>
      {sentTo ? (
        <p className="notice notice-ok" role="status">
          {p('acc.forgot.sent', { email: sentTo })}
        </p>
      ) : (
        <>
          <p>{p('acc.forgot.intro')}</p>
          <form onSubmit={submit} noValidate className="form">
            <TextField
              label={p('acc.field.email')}
              error={error}
              name="email"
              type="email"
              autoComplete="email"
              value={email}
              required
              onChange={setEmail}
            />
            <button type="submit" disabled={busy}>
              {p('acc.forgot.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

/** The page the reset mail links to: a new password, twice. */
export function ResetPasswordPage() {
  const { p, explain } = usePublicI18n();
  const { t } = useI18n();
  const loc = useLocation();
  const token = loc.query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string; form?: string }>({});
  const [linkBad, setLinkBad] = useState(!token);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (password.length < 8) found.password = p('err.passwordShort');
    else if (password !== repeat) found.repeat = p('acc.reset.mismatch');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await http.post('/auth/password-reset/confirm', { token, password }, { anonymous: true });
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'reset_link_invalid' || err.fieldErrors().token))
        setLinkBad(true);
      else setErrors({ form: explain(err) });
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <section className="card narrow">
        <h1>{p('acc.reset.title')}</h1>
        <p className="notice notice-ok" role="status">
          {p('acc.reset.done')}
        </p>
        <p>
          <Link to="/signin" className="button">
            {t('action.signIn')}
          </Link>
        </p>
      </section>
    );
  }
  if (linkBad) {
    return (
      <section className="card narrow">
        <h1>{p('acc.reset.title')}</h1>
        <p className="notice notice-error" role="alert">
          {token ? p('err.reset_link_invalid') : p('acc.reset.missing')}
        </p>
        <p>
          <Link to="/forgot-password" className="button">
            {p('acc.reset.again')}
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>{p('acc.reset.title')}</h1>
      <form onSubmit={submit} noValidate className="form">
        <TextField
          label={p('acc.reset.password')}
          error={errors.password}
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          required
          onChange={setPassword}
        />
        <TextField
          label={p('acc.reset.repeat')}
          error={errors.repeat}
          name="repeat"
          type="password"
          autoComplete="new-password"
          value={repeat}
          required
          onChange={setRepeat}
        />
        {errors.form && (
          <p className="notice notice-error" role="alert">
            {errors.form}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {p('acc.reset.submit')}
        </button>
      </form>
    </section>
  );
}
