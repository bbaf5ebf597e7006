/**
 * The API's edges against malformed and hostile requests: first one test per defect found by
 * the probes (a Content-Encoding that lies, JSON nested 1,500 deep, NUL and lone surrogates in
 * text, a __proto__ field), then fast-check properties over arbitrary bodies, query strings and
 * path segments against a representative set of routes, with no token and with valid ones.
 * Property: never a 5xx; every 4xx in the error shape; never a stack trace, in the response or
 * in the error log. Fixed seed, bounded runs: the same requests on every run.
 */
import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { brotliCompressSync, deflateSync, gzipSync } from 'zlib';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createOrganization, createProgram, createSession, regionByCode } from '../support/factories';
import { FORM, openCall } from '../selection/selection-support';

// Fixed, so every run sends the same requests; set QATYS_FUZZ_SEED / QATYS_FUZZ_RUNS to explore.
const SEED = Number(process.env.QATYS_FUZZ_SEED ?? 20261212);
const RUNS = Number(process.env.QATYS_FUZZ_RUNS ?? 1000);
let serial = 0;
const STACK = /\n\s+at |\bat [\w.<>]+ \(|\.[jt]s:\d+:\d+|node_modules/;

/** Never a 5xx; a 4xx in `{ statusCode, error, message }`; no stack trace anywhere. */
function expectWellFormed(res: Response, what: string): void {
  const context = `${what} -> ${res.status} ${res.text?.slice(0, 300)}`;
  if (res.status >= 500) throw new Error(`5xx: ${context}`);
  if (STACK.test(res.text ?? '')) throw new Error(`stack trace in the response: ${context}`);
  if (res.status >= 400) {
    const b = res.body as Record<string, unknown>;
    if (b?.statusCode !== res.status || typeof b.error !== 'string' || typeof b.message !== 'string') {
      throw new Error(`not the error shape: ${context}`);
    }
  }
}

describe('hostile input (e2e)', () => {
  let h: ApiHarness;
  let attendee: SignedIn;
  let organizer: SignedIn;
  let programId: string;
  let sessionId: string;
  let callId: string;
  let errorLog: jest.SpyInstance;

  beforeAll(async () => {
    h = await startApi();
    const org = await createOrganization(h.ds);
    organizer = await h.signIn({ roles: ['admin', 'organizer'], organizationId: org.id });
    attendee = await h.signIn({ homeRegionId: (await regionByCode(h.ds, 'KZ-55')).id });
    programId = (await createProgram(h.ds, { organizationId: org.id })).id;
    sessionId = (await createSession(h.ds, programId, { capacity: 1000 })).id;
    callId = (await openCall(h, organizer, programId)).id;
  });
  afterAll(() => h.close());
  // The error filter logs a stack only for what it cannot classify (a 500): none may occur.
  beforeEach(() => {
    errorLog = jest.spyOn(Logger.prototype, 'error');
  });
  afterEach(() => {
    const calls = errorLog.mock.calls;
    errorLog.mockRestore();
    expect(calls).toEqual([]);
  });

  describe('malformed requests, one per defect', () => {
    const login = JSON.stringify({ email: 'nobody@test.qatys', password: 'whatever1' });
    const loginWith = (encoding: string, body: Buffer | string) =>
      h.http
        .post('/auth/login')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .serialize((raw: Buffer) => raw as unknown as string) // the bytes as they are, not JSON of a Buffer
        .send(Buffer.isBuffer(body) ? body : Buffer.from(body));

    it('a body that does not match its Content-Encoding is a 400, an unknown encoding a 415', async () => {
      const gz = gzipSync(login);
      for (const [encoding, body] of [
        ['gzip', login],
        ['deflate', login],
        ['br', login],
        ['gzip', gz.subarray(0, gz.length - 8)],
        ['deflate', deflateSync(login).subarray(0, 6)],
        ['br', Buffer.from([0xff, 0xff, 0xff, 0xff])],
      ] as const) {
        const res = await loginWith(encoding, body);
        expectWellFormed(res, encoding);
        expect([res.status, res.body.error]).toEqual([400, 'malformed_body']);
      }
      for (const encoding of ['x-unknown', 'compress', 'gzip, br']) {
        const res = await loginWith(encoding, login);
        expectWellFormed(res, encoding);
        expect([res.status, res.body.error]).toEqual([415, 'unsupported_encoding']);
      }
      // The size limit counts the body as decompressed: 1 MB of zeros in 1 KB of gzip is a 413.
      const bomb = await loginWith('gzip', gzipSync(Buffer.alloc(1024 * 1024, 0x20)));
      expectWellFormed(bomb, 'gzip bomb');
      expect([bomb.status, bomb.body.error]).toEqual([413, 'payload_too_large']);
      // Honest compressed bodies still work.
      for (const [encoding, body] of [
        ['gzip', gzipSync(login)],
        ['deflate', deflateSync(login)],
        ['br', brotliCompressSync(login)],
      ] as const) {
        const res = await loginWith(encoding, body);
        expect([res.status, res.body.error]).toEqual([401, 'unauthorized']);
      }
    });

    it('JSON nested deeper than 32 levels is a 400 before any validation', async () => {
      for (const [open, close] of [
        ['[', ']'],
        ['{"a":', '}'],
      ]) {
        for (const depth of [33, 1500, 10_000]) {
          const res = await h.http
            .post('/auth/register')
            .set('Content-Type', 'application/json')
            .send(`{"email":"deep@test.qatys","password":${open.repeat(depth)}1${close.repeat(depth)}}`);
          expectWellFormed(res, `depth ${depth}`);
          expect([res.status, res.body.error]).toEqual([400, 'body_too_deep']);
        }
      }
      // 32 levels are fine as far as nesting goes (the DTO then says what is wrong).
      const ok = await h.http
        .patch('/me')
        .set(attendee.auth)
        .set('Content-Type', 'application/json')
        .send(`{"displayName":${'['.repeat(31)}1${']'.repeat(31)}}`);
      expect([ok.status, ok.body.error]).toEqual([400, 'validation_failed']);
    });

    it('NUL and lone surrogates in any text are a 400 naming the field, and nothing is written', async () => {
      const cases: ['post' | 'patch', string, string, Record<string, string>, object][] = [
        [
          'post',
          '/auth/register',
          'displayName',
          {},
          { email: 'nul@test.qatys', password: 'longenough', displayName: 'a\u0000b' },
        ],
        [
          'post',
          '/auth/register',
          'displayName',
          {},
          { email: 'sur@test.qatys', password: 'longenough', displayName: 'a\uD800b' },
        ],
        ['patch', '/me', 'displayName', attendee.auth, { displayName: '\uDFFF' }],
        ['post', '/programs', 'title.ru', organizer.auth, { title: { ru: 'x\u0000' } }],
        [
          'post',
          `/calls/${callId}/applications`,
          'answers.motivation_letter',
          attendee.auth,
          {
            birthDate: '2000-01-01',
            answers: { motivation_letter: 'I\u0000want', education: 'master' },
          },
        ],
      ];
      for (const [method, path, field, auth, body] of cases) {
        const res = await h.http[method](path).set(auth).send(body);
        expectWellFormed(res, path);
        expect([res.status, res.body.error]).toEqual([400, 'invalid_text']);
        expect(res.body.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
      }
      const [{ n }] = await h.ds.query(
        `SELECT count(*)::int AS n FROM users WHERE email IN ('nul@test.qatys', 'sur@test.qatys')`,
      );
      expect(n).toBe(0);
      const me = await h.http.get('/me').set(attendee.auth).expect(200);
      expect(me.body.displayName).not.toContain('\uDFFF');
    });

    it('the same in query strings, path segments and field names; a __proto__ field is refused', async () => {
      for (const path of [
        '/sessions?status=%00',
        '/programs?page=1%00',
        '/users?q=a%00b',
        '/sessions?x%00=1',
      ]) {
        const res = await h.http.get(path).set(organizer.auth);
        expectWellFormed(res, path);
        expect([res.status, res.body.error]).toEqual([400, 'invalid_text']);
      }
      const inPath = await h.http.get('/sessions/%00').set(organizer.auth);
      expect([inPath.status, inPath.body.error]).toEqual([400, 'invalid_text']);
      const key = await h.http
        .patch('/me')
        .set(attendee.auth)
        .set('Content-Type', 'application/json')
        .send('{"display\\u0000Name":"x"}');
      expect([key.status, key.body.error]).toEqual([400, 'invalid_text']);
      const proto = await h.http
        .patch('/me')
        .set(attendee.auth)
        .set('Content-Type', 'application/json')
        .send('{"__proto__":{"displayName":"polluted","roles":["admin"]}}');
      expectWellFormed(proto, '__proto__');
      expect([proto.status, proto.body.error]).toEqual([400, 'forbidden_field']);
      expect(({} as Record<string, unknown>).roles).toBeUndefined();
    });
    it('values the database would refuse (found by the fuzz) are a 400, and nothing is written', async () => {
      for (const body of [
        { displayName: null },
        { language: null },
        { timeZone: null },
        { homeRegionId: 1e29 },
      ]) {
        const res = await h.http.patch('/me').set(attendee.auth).send(body);
        expectWellFormed(res, JSON.stringify(body));
        expect([res.status, res.body.error]).toEqual([400, 'validation_failed']);
      }
      // A region id beyond int4 (the DTO bounds it; were a bound missing, the filter would still
      // turn PostgreSQL's refusal into a 400 invalid_value).
      const far = await h.http
        .post(`/sessions/${sessionId}/registrations`)
        .set(organizer.auth)
        .send({ userId: attendee.id, regionId: 2_251_671_561_541_143 });
      expectWellFormed(far, 'regionId beyond int4');
      expect([far.status, far.body.error]).toEqual([400, 'validation_failed']);
      const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM registrations WHERE user_id = $1`, [
        attendee.id,
      ]);
      expect(n).toBe(0);
      const me = await h.http.get('/me').set(attendee.auth).expect(200);
      expect(me.body).toMatchObject({ language: 'ru', timeZone: 'Asia/Almaty' });
    });
  });

  describe('fuzz', () => {
    jest.setTimeout(120_000);

    const FIELDS = [
      'email',
      'password',
      'displayName',
      'language',
      'timeZone',
      'homeRegionId',
      'refreshToken',
      'title',
      'kk',
      'ru',
      'en',
      'description',
      'programId',
      'start',
      'end',
      'durationMinutes',
      'capacity',
      'format',
      'joinUrl',
      'targetRegionIds',
      'speakerIds',
      'roles',
      'coordinatorRegionIds',
      'organizationId',
      'regionId',
      'sectionId',
      'userId',
      'birthDate',
      'answers',
      'motivation_letter',
      'education',
      'entries',
      'expected',
      'status',
      'page',
      'pageSize',
      'tz',
      'q',
      'opens',
      'closes',
      'form',
      'quotas',
      'rubric',
    ];
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom(
        '',
        ' ',
        '\u0000',
        'a\u0000b',
        '\uD800',
        'x\uDFFFy',
        '\uD83D',
        '🎉',
        'Қорытынды',
        'a'.repeat(5000),
        '2024-02-29T23:30',
        '2024-03-02T12:00',
        'Asia/Almaty',
        'Mars/Olympus',
        '00000000-0000-0000-0000-000000000000',
        'aigerim@example.kz',
        '<img src=x onerror=alert(1)>',
        "' OR 1=1 --",
        '../../etc/passwd',
        '%00',
        'admin',
        'attendee',
        'master',
        'online',
        '1e400',
        'NaN',
        '-1',
        '2000-01-01',
      ),
    );
    const key = fc.oneof(
      fc.constantFrom(
        ...FIELDS,
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'hasOwnProperty',
        '',
        '\u0000',
        '\uD800',
      ),
      fc.string({ maxLength: 10 }),
    );
    const leaf = fc.oneof(
      fc.constantFrom(
        'null',
        'true',
        'false',
        '0',
        '-0',
        '1',
        '-1',
        '1.5',
        '1e400',
        '-1e400',
        '9007199254740993',
        '2147483648',
        '-2147483649',
        '1e20',
        '123456789012345678901234567890',
        '0.0000001',
        '16',
      ),
      fc.integer().map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
      text.map((s) => JSON.stringify(s)),
    );
    // Raw JSON text, so duplicate keys, __proto__ and number literals JavaScript cannot hold survive.
    const { json } = fc.letrec<{ json: string }>((tie) => ({
      json: fc.oneof(
        { depthSize: 'small', maxDepth: 5 },
        leaf,
        fc.array(tie('json'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
        fc
          .array(fc.tuple(key, tie('json')), { maxLength: 5 })
          .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
      ),
    }));
    const deep = fc
      .tuple(
        fc.integer({ min: 20, max: 3000 }),
        fc.constantFrom(['[', ']'], ['{"title":', '}'], ['{"a":[', ']}']),
        leaf,
      )
      .map(([n, [open, close], inner]) => open.repeat(n) + inner + close.repeat(n));

    // A well-formed invitation link of nobody, and an id of no certificate: the bodies still get checked.
    const INVITE_TOKEN = '0f8fad5b-d9cb-469f-a165-70867728950e.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const UNKNOWN_ID = '1f8fad5b-d9cb-469f-a165-70867728950e';
    interface Route {
      method: 'post' | 'patch' | 'put';
      path: () => string;
      template: () => Record<string, unknown>;
    }
    const routes: Route[] = [
      {
        method: 'post',
        path: () => '/auth/register',
        template: () => ({
          email: `fz-${++serial}@test.qatys`,
          password: 'longenough',
          displayName: 'F',
          language: 'kk',
          timeZone: 'Asia/Almaty',
          homeRegionId: 16,
        }),
      },
      {
        method: 'post',
        path: () => '/auth/login',
        template: () => ({ email: attendee.email, password: 'correct horse battery' }),
      },
      { method: 'post', path: () => '/auth/refresh', template: () => ({ refreshToken: 'x'.repeat(43) }) },
      {
        method: 'patch',
        path: () => '/me',
        template: () => ({ displayName: 'Me', language: 'ru', timeZone: 'Asia/Qostanay', homeRegionId: 16 }),
      },
      {
        method: 'post',
        path: () => '/programs',
        template: () => ({
          title: { kk: 'Б', ru: 'П', en: 'P' },
          defaultTimeZone: 'Asia/Almaty',
          startsOn: '2024-03-01',
          reminderOffsetsMinutes: [60],
        }),
      },
      {
        method: 'patch',
        path: () => `/programs/${programId}`,
        template: () => ({ title: { en: 'P2' }, quietHoursStart: '22:00' }),
      },
      {
        method: 'post',
        path: () => '/sessions',
        template: () => ({
          programId,
          title: { en: 'S' },
          start: '2030-03-02T12:00',
          timeZone: 'Asia/Almaty',
          durationMinutes: 90,
          capacity: 10,
          targetRegionIds: [16],
          joinUrl: 'https://meet.example.kz/s',
        }),
      },
      {
        method: 'patch',
        path: () => `/sessions/${sessionId}`,
        template: () => ({ capacity: 1000, venue: 'Hall', joinUrl: 'https://meet.example.kz/x' }),
      },
      {
        method: 'post',
        path: () => `/sessions/${sessionId}/registrations`,
        template: () => ({ regionId: 16 }),
      },
      {
        method: 'put',
        path: () => `/sessions/${sessionId}/roster`,
        template: () => ({ entries: [{ regionId: 16, expected: 10 }] }),
      },
      {
        method: 'post',
        path: () => `/programs/${programId}/calls`,
        template: () => ({
          title: { en: 'C' },
          capacity: 5,
          timeZone: 'Asia/Almaty',
          opens: '2030-01-01T09:00',
          closes: '2030-02-01T09:00',
          form: FORM,
        }),
      },
      {
        method: 'post',
        path: () => `/calls/${callId}/applications`,
        template: () => ({
          birthDate: '2000-01-01',
          answers: { motivation_letter: 'Why', education: 'master' },
        }),
      },
      {
        method: 'post',
        path: () => '/users',
        template: () => ({
          email: `u-${++serial}@test.qatys`,
          password: 'longenough',
          displayName: 'U',
          language: 'en',
          timeZone: 'Asia/Almaty',
          roles: ['speaker'],
        }),
      },
      {
        method: 'patch',
        path: () => `/users/${attendee.id}/roles`,
        template: () => ({ roles: ['attendee'], coordinatorRegionIds: [] }),
      },
      // Invitations and certificates (docs/invitations.md).
      {
        method: 'post',
        path: () => `/programs/${programId}/invitations`,
        template: () => ({ regionId: 16 }),
      },
      {
        method: 'put',
        path: () => `/programs/${programId}/invitation-settings`,
        template: () => ({ reminderOffsetsMinutes: [4320, 1440] }),
      },
      {
        method: 'post',
        path: () => `/sessions/${sessionId}/absentees/follow-up`,
        template: () => ({ registered: true, invited: true, recordingUrl: 'https://video.example.kz/rec/1' }),
      },
      {
        method: 'post',
        path: () => `/invitations/${INVITE_TOKEN}/decline`,
        template: () => ({ reason: 'Сессия маслихата' }),
      },
      {
        method: 'post',
        path: () => `/invitations/${INVITE_TOKEN}/password`,
        template: () => ({ password: 'a long enough password' }),
      },
      {
        method: 'post',
        path: () => `/certificates/${UNKNOWN_ID}/revoke`,
        template: () => ({ reason: 'x' }),
      },
      {
        method: 'patch',
        path: () => `/me/certificates/${UNKNOWN_ID}`,
        template: () => ({ publicName: true }),
      },
    ];
    type Who = 'none' | 'attendee' | 'organizer';
    const who = fc.constantFrom<Who>('none', 'attendee', 'organizer');
    const auth = (w: Who) => (w === 'none' ? {} : w === 'attendee' ? attendee.auth : organizer.auth);
    /** A route's valid body with one field replaced (or one added) by arbitrary JSON. */
    const mutated = (route: Route) =>
      fc
        .tuple(
          fc.oneof(fc.constantFrom(...Object.keys(route.template())), key),
          fc.oneof({ arbitrary: json, weight: 6 }, { arbitrary: deep, weight: 1 }),
        )
        .map(([k, v]) => {
          const entries = Object.entries(route.template()).filter(([name]) => name !== k);
          return `{${[...entries.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`), `${JSON.stringify(k)}:${v}`].join(',')}}`;
        });
    const send = (route: Route, w: Who, body: string) =>
      h.http[route.method](route.path()).set(auth(w)).set('Content-Type', 'application/json').send(body);

    it('arbitrary JSON bodies: never a 5xx, always the error shape, never a stack', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .integer({ min: 0, max: routes.length - 1 })
            .chain((i) =>
              fc.tuple(
                fc.constant(routes[i]),
                who,
                fc.oneof(
                  { arbitrary: mutated(routes[i]), weight: 6 },
                  { arbitrary: json, weight: 3 },
                  { arbitrary: deep, weight: 1 },
                ),
              ),
            ),
          async ([route, w, body]) => {
            expectWellFormed(
              await send(route, w, body),
              `${route.method} ${route.path()} as ${w}: ${body.slice(0, 200)}`,
            );
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
    });

    it('arbitrary query strings and path segments: the same', async () => {
      const rawPart = fc.oneof(
        text.map((s) => {
          try {
            return encodeURIComponent(s);
          } catch {
            return 'x'; // a lone surrogate has no UTF-8 form at all; the raw sequences below stand for it
          }
        }),
        fc.constantFrom(
          '%00',
          '%ED%A0%80',
          '%FF',
          '%',
          '%E0%A4%A',
          '..',
          '%2e%2e',
          '1e400',
          '-1',
          '0',
          '99999999999',
          '%5B%5D',
        ),
      );
      // Plausible values often, so one hostile pair is not hidden behind another's validation error.
      const value = fc.oneof(
        {
          arbitrary: fc.constantFrom(
            '1',
            '20',
            'true',
            'ru',
            'kk',
            'Asia/Almaty',
            '2024-03-01',
            'registered',
            'startAt',
            sessionId,
          ),
          weight: 3,
        },
        { arbitrary: rawPart, weight: 2 },
        { arbitrary: fc.constantFrom('%00', 'a%00b', '%ED%A0%80', 'x%F0%9F'), weight: 2 },
      );
      const PAGE = ['page', 'pageSize', 'tz'];
      // Each path with the query fields its DTO knows: most pairs use them, some anything.
      const getPaths: [string, string[]][] = [
        [
          '/sessions',
          [...PAGE, 'from', 'to', 'date', 'programId', 'moduleId', 'regionId', 'speakerId', 'status', 'sort'],
        ],
        ['/programs', [...PAGE, 'status']],
        ['/me/registrations', [...PAGE, 'status']],
        ['/applications', ['status', 'regionId', 'nominated', 'page', 'pageSize']],
        ['/users', ['q', 'role', 'page', 'pageSize']],
        ['/speakers', [...PAGE, 'q']],
        ['/regions', ['includeRetired']],
        [`/calls/${callId}/applications`, ['status', 'regionId', 'nominated', 'page', 'pageSize']],
        [`/sessions/${sessionId}/registrations`, [...PAGE, 'status', 'regionId', 'sectionId']],
        [`/programs/${programId}/roster`, ['tz']],
        [`/sessions/${sessionId}`, ['tz']],
        [`/sessions/${sessionId}/calendar.ics`, ['lang']],
        ['/me/calendar.ics', ['token', 'lang']],
      ];
      const query = (fields: string[]) =>
        fc
          .array(
            fc.tuple(
              fc.oneof(
                { arbitrary: fc.constantFrom(...fields), weight: 4 },
                {
                  arbitrary: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'x[y]', 'a.b'), rawPart),
                  weight: 1,
                },
              ),
              value,
            ),
            { maxLength: 3 },
          )
          .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
      const segmentPaths = [
        '/sessions/',
        '/programs/',
        '/users/',
        '/calls/',
        '/applications/',
        '/speakers/',
        '/regions/',
        '/me/registrations/',
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.constantFrom(...getPaths).chain(([p, fields]) => query(fields).map((q) => `${p}?${q}`)),
            fc
              .tuple(fc.constantFrom(...segmentPaths), rawPart, query(['tz']))
              .map(([p, seg, q]) => `${p}${seg}?${q}`),
          ),
          fc.constantFrom<Who>('none', 'attendee', 'organizer', 'organizer'),
          async (path, w) => {
            expectWellFormed(await h.http.get(path).set(auth(w)), `GET ${path} as ${w}`);
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
    });
  });
});
