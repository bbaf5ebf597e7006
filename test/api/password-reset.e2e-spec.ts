import { passwordResetToken } from '@qatys/domain';
import { startWebStack, WebStack } from '../web/support/stack';
import { TEST_JWT_SECRET } from '../support/api-harness';
import { waitFor } from '../support/wait';

const LINK = /(http:\/\/127\.0\.0\.1:\d+\/app\/reset-password\?token=([\w.%-]+))/;

/**
 * Password reset by e-mail through the real path: the api records the request, the worker's
 * outbox consumer plans the mail and its delivery sends it to a real SMTP server, in the person's
 * language; the link sets a new password once, within its time, and signs the account out.
 */
describe('password reset (api + worker + SMTP)', () => {
  let stack: WebStack;

  beforeAll(async () => {
    stack = await startWebStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  const http = () => stack.api.http;
  const mailTo = (address: string) =>
    waitFor(`the reset mail to ${address}`, () =>
      stack.mail.messages.find((m) => m.to.includes(address) && /app\/reset-password/.test(m.text ?? '')),
    );

  it('mails a link in the person’s language; the link sets the password once and signs out everywhere', async () => {
    const signup = await http()
      .post('/auth/register')
      .send({
        email: 'Dana@Reset.test',
        password: 'the first password',
        displayName: 'Дана Серікқызы',
        language: 'kk',
        timeZone: 'Asia/Qostanay',
      })
      .expect(201);

    const known = await http().post('/auth/password-reset').send({ email: 'dana@reset.test' }).expect(202);
    const unknown = await http()
      .post('/auth/password-reset')
      .send({ email: 'nobody@reset.test' })
      .expect(202);
    // No enumeration: the same answer either way.
    expect(unknown.body).toEqual(known.body);
    expect(unknown.text).toBe(known.text);

    const mail = await mailTo('dana@reset.test');
    expect(mail.subject).toBe('Құпиясөзді қалпына келтіру');
    expect(mail.text).toContain('30 минут');
    const [, url, token] = LINK.exec(mail.text ?? '')!;
    expect(url.startsWith(stack.baseUrl)).toBe(true);
    expect(mail.html).toContain('href="http://127.0.0.1');

    const weak = await http()
      .post('/auth/password-reset/confirm')
      .send({ token: decodeURIComponent(token), password: 'short' })
      .expect(400);
    expect(weak.body.error).toBe('validation_failed');

    await http()
      .post('/auth/password-reset/confirm')
      .send({ token: decodeURIComponent(token), password: 'a brand new password' })
      .expect(204);
    // Single use: the same link again is refused.
    const again = await http()
      .post('/auth/password-reset/confirm')
      .send({ token: decodeURIComponent(token), password: 'yet another password' })
      .expect(400);
    expect(again.body.error).toBe('reset_link_invalid');

    await http()
      .post('/auth/login')
      .send({ email: 'dana@reset.test', password: 'the first password' })
      .expect(401);
    await http()
      .post('/auth/login')
      .send({ email: 'dana@reset.test', password: 'a brand new password' })
      .expect(200);
    // The sessions signed in before the reset are over.
    await http().post('/auth/refresh').send({ refreshToken: signup.body.refreshToken }).expect(401);

    // Nothing was planned for the unknown address.
    const rows: { n: number }[] = await stack.api.ds.query(
      `SELECT count(*)::int AS n FROM notifications WHERE kind = 'account.password_reset'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses a forged or expired link and sends nothing to a disabled account', async () => {
    const user = await stack.api.signIn({ email: 'olzhas@reset.test', language: 'en' });
    const [{ password_hash }]: { password_hash: string }[] = await stack.api.ds.query(
      `SELECT password_hash FROM users WHERE id = $1`,
      [user.id],
    );
    const expired = passwordResetToken(TEST_JWT_SECRET, user.id, password_hash, new Date(Date.now() - 1000));
    const forged = passwordResetToken(
      'another secret',
      user.id,
      password_hash,
      new Date(Date.now() + 600_000),
    );
    for (const token of [expired, forged, `${user.id}.zzzz.${'a'.repeat(43)}`]) {
      const res = await http()
        .post('/auth/password-reset/confirm')
        .send({ token, password: 'a brand new password' })
        .expect(400);
      expect(res.body.error).toBe('reset_link_invalid');
    }

    // English for an English speaker.
    await http().post('/auth/password-reset').send({ email: 'olzhas@reset.test' }).expect(202);
    expect((await mailTo('olzhas@reset.test')).subject).toBe('Reset your password');

    await stack.api.ds.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [user.id]);
    const before: { n: number }[] = await stack.api.ds.query(
      `SELECT count(*)::int AS n FROM domain_events WHERE type = 'user.password_reset_requested'`,
    );
    await http().post('/auth/password-reset').send({ email: 'olzhas@reset.test' }).expect(202);
    const after: { n: number }[] = await stack.api.ds.query(
      `SELECT count(*)::int AS n FROM domain_events WHERE type = 'user.password_reset_requested'`,
    );
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('password reset rate limit', () => {
  it('answers 429 past the budget of one e-mail address, known or not', async () => {
    const { startApi } = await import('../support/api-harness');
    const h = await startApi({ AUTH_RESET_EMAIL_RATE: '2/1h' });
    try {
      for (const email of ['someone@limit.test', 'nobody@limit.test']) {
        if (email === 'someone@limit.test') await h.signIn({ email });
        await h.http.post('/auth/password-reset').send({ email }).expect(202);
        await h.http.post('/auth/password-reset').send({ email: email.toUpperCase() }).expect(202);
        const res = await h.http.post('/auth/password-reset').send({ email }).expect(429);
        expect(res.body.error).toBe('too_many_requests');
      }
    } finally {
      await h.close();
    }
  });
});
