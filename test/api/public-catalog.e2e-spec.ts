import { DateTime } from 'luxon';
import { ensureWebBuild } from '../web/support/browser';
import { ApiHarness, startApi } from '../support/api-harness';
import {
  addSpeaker,
  createModule,
  createProgram,
  createSession,
  createSpeaker,
  regionByCode,
} from '../support/factories';

/** The public side of the catalog: anonymous reads of published programs only, and share links. */
describe('public catalog (e2e)', () => {
  let h: ApiHarness;
  let programId: string;
  let draftProgramId: string;
  let sessionId: string;
  let draftSessionId: string;
  let otherRegionSessionId: string;
  let pavlodar: number;
  let kostanay: number;
  const day = DateTime.now().setZone('Asia/Almaty').plus({ days: 3 }).toISODate()!;

  beforeAll(async () => {
    h = await startApi({ PUBLIC_BASE_URL: 'https://qatys.test/' });
    pavlodar = (await regionByCode(h.ds, 'KZ-55')).id;
    kostanay = (await regionByCode(h.ds, 'KZ-39')).id;
    const program = await createProgram(h.ds, {
      title: { kk: 'Шешендік өнер', ru: 'Ораторское <искусство> & "речь"', en: 'Oratory' },
      description: { kk: 'Сипаттама', ru: 'Четыре модуля для депутатов', en: 'Four modules for deputies' },
    });
    programId = program.id;
    const mod = await createModule(h.ds, programId, 1);
    const speaker = await createSpeaker(h.ds, {
      fullName: 'Айгерим Садыкова',
      affiliation: 'Academy',
      bio: { ru: 'Журналист, 10 лет в эфире', en: 'Journalist' },
    });
    const s = await createSession(h.ds, programId, {
      moduleId: mod.id,
      title: { ru: 'Праймериз', en: 'Primaries', kk: 'Праймериз' },
      description: { ru: 'Как проходит отбор' },
      localStart: `${day}T10:00`,
      capacity: 30,
      registeredCount: 28,
      targetRegionIds: [pavlodar],
      joinUrl: 'https://meet.example/secret-room',
    });
    sessionId = s.id;
    await addSpeaker(h.ds, sessionId, speaker.id);
    otherRegionSessionId = (
      await createSession(h.ds, programId, { localStart: `${day}T15:00`, targetRegionIds: [kostanay] })
    ).id;
    const draft = await createProgram(h.ds, { status: 'draft' });
    draftProgramId = draft.id;
    draftSessionId = (await createSession(h.ds, draftProgramId, { localStart: `${day}T10:00` })).id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows a published program with its modules to anybody, without its reminder settings', async () => {
    const res = await h.http.get(`/public/programs/${programId}`).expect(200);
    expect(res.body).toMatchObject({ id: programId, status: 'published', modules: [{ position: 1 }] });
    expect(res.body.reminderOffsetsMinutes).toBeUndefined();
    expect(res.body.quietHoursStart).toBeUndefined();
    const list = await h.http.get('/public/programs').expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(programId);
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(draftProgramId);
  });

  it('hides a draft program and its sessions (404), even from a signed-in organizer', async () => {
    const organizer = await h.signIn({ roles: ['organizer'] });
    for (const path of [`/public/programs/${draftProgramId}`, `/public/sessions/${draftSessionId}`]) {
      const res = await h.http.get(path).set(organizer.auth).expect(404);
      expect(res.body.error).toMatch(/not_found/);
    }
    const list = await h.http.get(`/public/sessions?programId=${draftProgramId}`).expect(200);
    expect(list.body.items).toEqual([]);
    await h.http.get('/public/programs/not-a-uuid').expect(400);
  });

  it('shows a session with speakers and bios, regions, seats left and both clocks, but no join link', async () => {
    const res = await h.http.get(`/public/sessions/${sessionId}?tz=Europe/Berlin`).expect(200);
    expect(res.body).toMatchObject({
      id: sessionId,
      seatsLeft: 2,
      capacity: 30,
      timeZone: 'Asia/Almaty',
      targetRegions: [{ id: pavlodar, code: 'KZ-55' }],
      speakerProfiles: [{ fullName: 'Айгерим Садыкова', bio: { ru: 'Журналист, 10 лет в эфире' } }],
    });
    expect(res.body.startAt.reader.zone).toBe('Europe/Berlin');
    expect(res.body.startAt.ofRecord.local).toMatch(new RegExp(`^${day}T10:00`));
    expect(res.body.joinUrl).toBeUndefined();
    expect(res.body.reminderOffsetsMinutes).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain('secret-room');
    const bad = await h.http.get(`/public/sessions/${sessionId}?tz=Mars/Base`).expect(400);
    expect(bad.body.error).toBe('unknown_time_zone');
  });

  it('lists "today in Pavlodar": the sessions of a day aimed at a region', async () => {
    const res = await h.http.get(`/public/sessions?regionId=${pavlodar}&date=${day}`).expect(200);
    const ids = res.body.items.map((s: { id: string }) => s.id);
    expect(ids).toContain(sessionId);
    expect(ids).not.toContain(otherRegionSessionId);
    expect(ids).not.toContain(draftSessionId);
    expect(res.body.items[0].joinUrl).toBeUndefined();
    expect(res.body.items.find((s: { id: string }) => s.id === sessionId).seatsLeft).toBe(2);
  });

  describe('share links', () => {
    beforeAll(() => ensureWebBuild());

    it('serves a program page whose <head> names the program, escaped, in the asked language', async () => {
      const res = await h.http.get(`/app/programs/${programId}?lang=ru`).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      const head = res.text.slice(0, res.text.indexOf('</head>'));
      expect(head).toContain('<title>Ораторское &lt;искусство&gt; &amp; &quot;речь&quot; · Qatys</title>');
      expect(head).toContain('<meta property="og:title" content="Ораторское &lt;искусство&gt;');
      expect(head).toContain('<meta property="og:description" content="Четыре модуля для депутатов"');
      expect(head).toContain(`content="https://qatys.test/app/programs/${programId}"`);
      expect(res.text).toContain('<div id="root">');
      const en = await h.http.get(`/app/programs/${programId}`).set('Accept-Language', 'en-GB,en;q=0.9');
      expect(en.text).toContain('<title>Oratory · Qatys</title>');
    });

    it('names a session with its time and zone', async () => {
      const res = await h.http.get(`/app/sessions/${sessionId}?lang=ru`).expect(200);
      expect(res.text).toContain('<title>Праймериз · Qatys</title>');
      expect(res.text).toContain(`${day} 10:00 (Asia/Almaty)`);
    });

    it('gives a draft or unknown id the plain app entry (its page says "not found")', async () => {
      for (const path of [
        `/app/programs/${draftProgramId}`,
        `/app/sessions/${draftSessionId}`,
        '/app/programs/x',
      ]) {
        const res = await h.http.get(path).expect(200);
        expect(res.text).toContain('<title>Qatys</title>');
        expect(res.text).not.toContain('og:title');
      }
    });
  });
});

describe('public catalog rate limit (e2e)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApi({ PUBLIC_CATALOG_IP_RATE: '3/1h' });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('answers 429 with Retry-After past the budget of a client address', async () => {
    for (let i = 0; i < 3; i++) await h.http.get('/public/programs').expect(200);
    const res = await h.http.get('/public/programs').expect(429);
    expect(res.body.error).toBe('too_many_requests');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
