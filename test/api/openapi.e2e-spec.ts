import { spawnSync } from 'child_process';
import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import ts from 'typescript';
import { buildApiDocumentOffline } from '../../apps/api/src/api.document';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import {
  addSpeaker,
  createModule,
  createOrganization,
  createProgram,
  createSection,
  createSession,
  createSpeaker,
} from '../support/factories';

/**
 * The OpenAPI document at /docs-json, checked three ways: it is a valid OpenAPI 3 document with
 * every operation complete (success answer with its content, errors in the shared schema, an
 * explicit security); the security it declares is the one the server enforces; and a client
 * typed from it alone compiles and works.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
const ERROR_REF = '#/components/schemas/ErrorResponse';

interface MediaType {
  schema?: unknown;
}
interface Response {
  description?: string;
  content?: Record<string, MediaType>;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { type?: string };
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, Response>;
  security?: Array<Record<string, string[]>>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string }> };
}
interface Op {
  method: (typeof METHODS)[number];
  path: string;
  op: Operation;
  name: string;
}

const operations = (doc: Document): Op[] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({
      method,
      path,
      op: item[method],
      name: `${method.toUpperCase()} ${path}`,
    })),
  );

/** No credential needed: no requirement, or an empty alternative (`{}`). */
const anonymousAllowed = (op: Operation) =>
  !op.security?.length || op.security.some((r) => Object.keys(r).length === 0);
const bearerAccepted = (op: Operation) =>
  !!op.security?.some((r) => Object.keys(r).length === 1 && 'bearer' in r);

describe('OpenAPI document (e2e)', () => {
  let h: ApiHarness;
  let attendee: SignedIn;
  let doc: Document;
  let ops: Op[];

  beforeAll(async () => {
    h = await startApi();
    attendee = await h.signIn({ roles: ['attendee'] });
    doc = (await h.http.get('/docs-json').expect(200)).body;
    ops = operations(doc);
  });
  afterAll(() => h.close());

  it('is the document built offline (preview mode) that the web types are generated from', async () => {
    // The served document passed through JSON; compare like with like.
    expect(JSON.parse(JSON.stringify(await buildApiDocumentOffline()))).toEqual(doc);
  });

  it('is a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(ops.length).toBeGreaterThan(100);
    expect(swaggerParserVerdict(doc)).toBe('valid');
  });

  it('gives every operation its success answer with content and schema (none for a 204)', () => {
    const problems = ops.flatMap(({ name, op }) => {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (!success.length) return [`${name}: no 2xx answer`];
      return success.flatMap(([status, r]) => {
        const types = Object.entries(r.content ?? {});
        if (status === '204') return types.length ? [`${name}: 204 with content`] : [];
        if (!types.length) return [`${name}: ${status} without content`];
        return types
          .filter(([, m]) => !m.schema)
          .map(([type]) => `${name}: ${status} ${type} without schema`);
      });
    });
    expect(problems).toEqual([]);
  });

  it('gives every schema property a type: no bare object where TypeScript had a union', () => {
    // \`x?: string | null\` without \`type\` in @ApiProperty comes out as an empty object, which a
    // generated client types as Record<string, never>.
    type Schema = { type?: string; properties?: object; additionalProperties?: unknown; $ref?: string };
    const composed = (p: Schema & Record<string, unknown>) => p.$ref || p.allOf || p.oneOf || p.anyOf;
    const problems = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
      Object.entries(
        (schema as { properties?: Record<string, Schema & Record<string, unknown>> }).properties ?? {},
      )
        .filter(([, p]) =>
          composed(p) ? false : !p.type || (p.type === 'object' && !p.properties && !p.additionalProperties),
        )
        .map(([prop, p]) => `${name}.${prop}: ${JSON.stringify(p)}`),
    );
    expect(problems).toEqual([]);
  });

  it('describes every error answer with the one shared ErrorResponse schema, as JSON', () => {
    // An operation with no parameters, no body and no credential has nothing to refuse (GET
    // /health: its only failure is a 503 with the health body); every other one documents a 4xx.
    const canRefuse = (op: Operation) => !!(op.parameters?.length || op.requestBody || !anonymousAllowed(op));
    expect(doc.components.schemas.ErrorResponse).toMatchObject({
      required: expect.arrayContaining(['statusCode', 'error', 'message']),
    });
    const problems = ops.flatMap(({ name, op }) => {
      const errors = Object.entries(op.responses).filter(([status]) => /^4\d\d$/.test(status));
      if (!errors.length) return canRefuse(op) ? [`${name}: no 4xx answer`] : [];
      return errors
        .filter(([, r]) => {
          const types = Object.keys(r.content ?? {});
          const schema = r.content?.['application/json']?.schema as { $ref?: string } | undefined;
          return types.length !== 1 || schema?.$ref !== ERROR_REF;
        })
        .map(([status]) => `${name}: ${status} is not application/json ErrorResponse`);
    });
    expect(problems).toEqual([]);
  });

  it('declares the security of every operation explicitly, with 401 documented where a credential is needed', () => {
    const schemes = Object.keys(doc.components.securitySchemes);
    const problems = ops.flatMap(({ name, op }) => {
      if (!Array.isArray(op.security)) return [`${name}: no security declared`];
      const unknown = op.security.flatMap((r) => Object.keys(r)).filter((s) => !schemes.includes(s));
      if (unknown.length) return [`${name}: unknown security schemes ${unknown.join(', ')}`];
      if (!anonymousAllowed(op) && !op.responses['401']) return [`${name}: needs a credential but no 401`];
      // OpenAPI ignores an Authorization header parameter: credentials belong in security.
      if (op.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === 'authorization')) {
        return [`${name}: authorization declared as a parameter`];
      }
      return [];
    });
    expect(problems).toEqual([]);
    expect(doc.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      calendarFeedToken: { type: 'apiKey', in: 'query', name: 'token' },
    });
  });

  it('matches the security the server enforces, and documents the status it answers', async () => {
    // Every operation, once without credentials and once with an attendee's bearer token; path
    // ids are fresh UUIDs (or 1 for numeric ids), bodies empty: nothing is found or written.
    const call = (o: Op, url: string, token?: string) => {
      let req = h.http[o.method as 'get'](url);
      if (token) req = req.set('Authorization', `Bearer ${token}`);
      const body = o.op.requestBody?.content;
      if (body?.['application/json']) return req.send({});
      if (body?.['text/csv']) return req.set('content-type', 'text/csv').send('');
      return req;
    };
    const problems: string[] = [];
    for (const o of ops) {
      const url = o.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const p = o.op.parameters?.find((x) => x.in === 'path' && x.name === name);
        return p?.schema?.type === 'number' || p?.schema?.type === 'integer' ? '1' : randomUUID();
      });
      const anonymous = (await call(o, url)).status;
      const withBearer = (await call(o, url, attendee.token)).status;
      if ((anonymous === 401) === anonymousAllowed(o.op)) {
        problems.push(
          `${o.name}: ${anonymous} without credentials, declared ${JSON.stringify(o.op.security)}`,
        );
      }
      if ((withBearer === 401) === (anonymousAllowed(o.op) || bearerAccepted(o.op))) {
        problems.push(
          `${o.name}: ${withBearer} with a bearer token, declared ${JSON.stringify(o.op.security)}`,
        );
      }
      for (const status of new Set([anonymous, withBearer])) {
        if (!o.op.responses[String(status)]) problems.push(`${o.name}: answered ${status}, not documented`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('declares a response property optional only where the API really leaves it out', () => {
    // A property the API always sends (null or not) is required in the document, so the web's
    // generated types do not make every reader handle an `undefined` that never comes. These are
    // the ones that are truly absent in some answers; a new optional one must be added with why.
    const reallyOptional: Record<string, string[]> = {
      // partial by nature: a text may lack some of the three languages
      LocalizedTextResponse: ['en', 'kk', 'ru'],
      // per field kind (text length, choices, number bounds)
      FormFieldResponse: ['integer', 'max', 'maxLength', 'min', 'options'],
      LocalizedFieldResponse: ['integer', 'max', 'maxLength', 'min', 'options'],
      RegionQuotaResponse: ['max', 'min'],
      // only for staff, or only where the listing loads them
      RegistrationResponse: ['region', 'section', 'user'],
      MyRegistrationResponse: ['region', 'section', 'user'],
      ApplicationResponse: ['applicant', 'myReview'],
      ScoresResponse: ['conflicts'],
      QuestionResponse: ['votedByMe'],
      // per video provider; TURN credentials only for TURN servers
      RoomGrantResponse: ['iceServers', 'janusUrl', 'joinUrl', 'publish', 'room', 'token', 'url'],
      IceServerResponse: ['credential', 'username'],
      // per verification status (an unknown number says nothing more)
      VerificationResponse: ['completedOn', 'holder', 'issuedOn', 'number', 'program', 'revokedOn'],
      // only when Janus nodes are configured
      HealthResponse: ['media'],
    };
    const optional: Record<string, string[]> = {};
    for (const name of responseSchemaNames(doc)) {
      const schema = doc.components.schemas[name] as ObjectSchema;
      const absent = Object.keys(schema.properties ?? {}).filter((p) => !schema.required?.includes(p));
      if (absent.length) optional[name] = absent.sort();
    }
    expect(optional).toEqual(reallyOptional);
  });

  it('gets every property it calls required in real answers, null only where nullable', async () => {
    const org = await createOrganization(h.ds);
    const admin = await h.signIn({ roles: ['admin'] });
    const organizer = await h.signIn({ roles: ['organizer'], organizationId: org.id });
    const program = await createProgram(h.ds, { organizationId: org.id, status: 'published' });
    const module = await createModule(h.ds, program.id, 1);
    // One session with every optional value set, one with none (nulls must still be sent).
    const full = await createSession(h.ds, program.id, {
      moduleId: module.id,
      capacity: 30,
      venue: 'Hall A',
      joinUrl: 'https://meet.example.kz/a',
      localStart: '2031-04-01T10:00',
    });
    const bare = await createSession(h.ds, program.id, { localStart: '2031-04-02T10:00' });
    const speaker = await createSpeaker(h.ds, { affiliation: 'KazNU' });
    const plain = await createSpeaker(h.ds);
    await addSpeaker(h.ds, full.id, speaker.id);
    await addSpeaker(h.ds, bare.id, plain.id);
    await createSection(h.ds, full.id, { leadSpeakerId: speaker.id, capacity: 10 });
    await createSection(h.ds, full.id);

    const reads: Array<[string, string, SignedIn | null]> = [
      ['/me', '/me', organizer],
      ['/users/{id}', `/users/${organizer.id}`, admin],
      ['/programs', '/programs?pageSize=100', organizer],
      ['/programs/{id}', `/programs/${program.id}`, organizer],
      ['/sessions', `/sessions?programId=${program.id}`, organizer],
      ['/sessions/{id}', `/sessions/${full.id}`, organizer],
      ['/sessions/{id}', `/sessions/${bare.id}`, organizer],
      ['/sessions/{id}/sections', `/sessions/${full.id}/sections`, organizer],
      ['/speakers', '/speakers?pageSize=100', organizer],
      ['/speakers/{id}', `/speakers/${plain.id}`, organizer],
      ['/public/programs', '/public/programs', null],
      ['/public/programs/{id}', `/public/programs/${program.id}`, null],
      ['/public/sessions', `/public/sessions?programId=${program.id}`, null],
      ['/public/sessions/{id}', `/public/sessions/${full.id}`, null],
      ['/public/sessions/{id}', `/public/sessions/${bare.id}`, null],
    ];
    const problems: string[] = [];
    for (const [template, url, who] of reads) {
      const res = await (who ? h.http.get(url).set(who.auth) : h.http.get(url));
      if (res.status !== 200) {
        problems.push(`GET ${url}: ${res.status}`);
        continue;
      }
      const schema = doc.paths[template].get.responses['200'].content?.['application/json']?.schema;
      problems.push(...mismatches(doc, schema as SchemaNode, res.body, `GET ${url}`));
    }
    expect(problems).toEqual([]);
    // The check itself sees a property left out and a null where none is allowed.
    const speakerRef = { $ref: '#/components/schemas/SpeakerResponse' };
    const { affiliation: _a, ...noAffiliation } = (
      await h.http.get(`/speakers/${plain.id}`).set(organizer.auth)
    ).body;
    expect(mismatches(doc, speakerRef, noAffiliation, 'x')).toEqual(['x.affiliation: missing']);
    expect(mismatches(doc, speakerRef, { ...noAffiliation, affiliation: null, fullName: null }, 'x')).toEqual(
      ['x.fullName: null, not nullable'],
    );
  });

  it('is enough to write a typed client: generated types compile against real calls that work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qatys-openapi-client-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
      const generated = node([OPENAPI_TYPESCRIPT, join(dir, 'openapi.json'), '-o', join(dir, 'schema.ts')]);
      expect(generated.status).toBe(0);
      const usage = join(dir, 'usage.ts');
      writeFileSync(usage, usageSource(resolve(__dirname, 'openapi-client')));
      expect(typeErrors(usage)).toEqual([]);

      const program = await createProgram(h.ds, { status: 'published' });
      const session = await createSession(h.ds, program.id, { localStart: '2024-03-02T12:00' });
      await h.app.listen(0, '127.0.0.1');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { run } = require(usage) as { run: (...args: string[]) => Promise<Record<string, unknown>> };
      const seen = await run(await h.app.getUrl(), attendee.email, 'correct horse battery', session.id);
      expect(seen).toEqual({
        signedInAs: attendee.email,
        programIds: expect.arrayContaining([program.id]),
        sessionStartUtc: '2024-03-02T07:00:00.000Z',
        missingSession: { status: 404, error: 'session_not_found' },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

interface SchemaNode {
  $ref?: string;
  allOf?: SchemaNode[];
  type?: string;
  nullable?: boolean;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
}
type ObjectSchema = SchemaNode;

/** Component schemas reachable from a 2xx answer (request bodies are not answers). */
function responseSchemaNames(doc: Document): string[] {
  const seen = new Set<string>();
  const walk = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    const ref = (x as SchemaNode).$ref;
    if (typeof ref === 'string') {
      const name = ref.split('/').pop()!;
      if (!seen.has(name)) {
        seen.add(name);
        walk(doc.components.schemas[name]);
      }
    }
    Object.values(x).forEach(walk);
  };
  for (const { op } of operations(doc))
    for (const [status, r] of Object.entries(op.responses)) if (/^2\d\d$/.test(status)) walk(r);
  return [...seen].sort();
}

/** Where a JSON answer lacks a required property, or has null where the schema is not nullable. */
function mismatches(doc: Document, node: SchemaNode, value: unknown, at: string): string[] {
  if (value === null) return node.nullable ? [] : [`${at}: null, not nullable`];
  if (node.$ref)
    return mismatches(doc, doc.components.schemas[node.$ref.split('/').pop()!] as SchemaNode, value, at);
  if (node.allOf) return node.allOf.flatMap((part) => mismatches(doc, part, value, at));
  if (node.type === 'array' && Array.isArray(value) && node.items)
    return value.flatMap((v, i) => mismatches(doc, node.items!, v, `${at}[${i}]`));
  if (!node.properties || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  return [
    ...(node.required ?? []).filter((p) => !(p in obj)).map((p) => `${at}.${p}: missing`),
    ...Object.entries(node.properties)
      .filter(([p]) => p in obj)
      .flatMap(([p, child]) => mismatches(doc, child, obj[p], `${at}.${p}`)),
  ];
}

/**
 * @apidevtools/swagger-parser's verdict (schema of OpenAPI 3.0 plus every $ref resolved). It is
 * run in a child Node: its dependencies are ES modules, which Node 20 requires natively but Jest's
 * CommonJS runtime cannot load.
 */
function swaggerParserVerdict(document: Document): string {
  const script =
    "require('@apidevtools/swagger-parser').validate(JSON.parse(require('fs').readFileSync(0, 'utf8')))" +
    ".then(() => process.stdout.write('valid'), (e) => process.stdout.write(String(e.message)))";
  const child = node(['-e', script], JSON.stringify(document));
  return child.stdout || child.stderr;
}

const ROOT = resolve(__dirname, '../..');
/** openapi-typescript's own command line (ES modules too, hence a child Node as well). */
const OPENAPI_TYPESCRIPT = join(ROOT, 'node_modules/openapi-typescript/bin/cli.js');

const node = (args: string[], input?: string) =>
  spawnSync(process.execPath, args, { cwd: ROOT, input, encoding: 'utf8' });

/** Type-checks a file strictly, the way a client project would compile against the schema. */
function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    // The standard library's own declarations need no checking; the generated schema and the
    // client are .ts files and are checked.
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/**
 * A client written against the generated `paths` only. The `@ts-expect-error` lines must fail to
 * compile: types loose enough to accept them (any, unknown) would make tsc report those lines.
 */
const usageSource = (clientModule: string) => `
import type { paths } from './schema';
import { typedClient, type TypedClient } from ${JSON.stringify(clientModule)};

export async function run(baseUrl: string, email: string, password: string, sessionId: string) {
  const anonymous = typedClient<paths>(baseUrl);
  const login = await anonymous.call('post', '/auth/login', { body: { email, password } });
  if (!login.ok) throw new Error('sign-in failed: ' + login.error.error);
  const signedInAs: string = login.data.user.email;

  const api = typedClient<paths>(baseUrl, login.data.accessToken);
  const programs = await api.call('get', '/programs', { query: { pageSize: 100 } });
  if (!programs.ok) throw new Error(programs.error.message);
  const programIds: string[] = programs.data.items.map((p) => p.id);

  const session = await api.call('get', '/sessions/{id}', { path: { id: sessionId } });
  if (!session.ok) throw new Error(session.error.message);
  const sessionStartUtc: string = session.data.startAt.utc;

  const missing = await api.call('get', '/sessions/{id}', { path: { id: '00000000-0000-4000-8000-000000000000' } });
  const missingSession = missing.ok ? null : { status: missing.status, error: missing.error.error };

  return { signedInAs, programIds, sessionStartUtc, missingSession };
}

export function mistakes(api: TypedClient<paths>) {
  // @ts-expect-error the login body needs a password
  void api.call('post', '/auth/login', { body: { email: 'a@b.kz' } });
  // @ts-expect-error there is no such path
  void api.call('get', '/nowhere', {});
  // @ts-expect-error reading a session needs its id
  void api.call('get', '/sessions/{id}', {});
  // @ts-expect-error GET /programs takes no body
  void api.call('get', '/programs', { body: { title: 'x' } });
  return async () => {
    const s = await api.call('get', '/sessions/{id}', { path: { id: 'x' } });
    // @ts-expect-error a session's title is localized text, not a string
    if (s.ok) { const title: string = s.data.title; return title; }
    // @ts-expect-error an error's code is a string
    if (!s.ok) { const code: number = s.error.error; return code; }
  };
}
`;
