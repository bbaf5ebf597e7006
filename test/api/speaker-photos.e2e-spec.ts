import { spawnSync } from 'node:child_process';
import {
  JPEG_4x3,
  jpegWithGps,
  MARKERS,
  PNG_3x2,
  pngWithGps,
  WEBP_4x3,
  webpWithGps,
} from '../support/photo-fixtures';
import {
  addSpeaker,
  createOrganization,
  createProgram,
  createSession,
  createSpeaker,
} from '../support/factories';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';

describe('speaker photos (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let attendee: SignedIn;
  let publishedSessionId: string;

  beforeAll(async () => {
    h = await startApi();
    const org = await createOrganization(h.ds);
    organizer = await h.signIn({ roles: ['organizer'], organizationId: org.id });
    attendee = await h.signIn({ roles: ['attendee'] });
    const program = await createProgram(h.ds, { organizationId: org.id, status: 'published' });
    publishedSessionId = (await createSession(h.ds, program.id, { localStart: '2030-03-02T12:00' })).id;
  });
  afterAll(() => h.close());

  async function publicSpeaker(): Promise<string> {
    const sp = await createSpeaker(h.ds, { fullName: 'Aigerim Sadykova' });
    await addSpeaker(h.ds, publishedSessionId, sp.id);
    return sp.id;
  }

  it('takes a PNG, serves it publicly with ETag, nosniff and cache headers, and answers 304', async () => {
    const id = await publicSpeaker();
    const up = await h.http
      .put(`/speakers/${id}/photo`)
      .set(organizer.auth)
      .set('content-type', 'image/png')
      .send(PNG_3x2)
      .expect(200);
    expect(up.body.photoUrl).toMatch(new RegExp(`^/speakers/${id}/photo\\?v=[0-9a-f]{16}$`));
    const version = up.body.photoUrl.split('v=')[1];

    const listed = await h.http.get(`/speakers/${id}`).set(organizer.auth).expect(200);
    expect(listed.body.photoUrl).toBe(up.body.photoUrl);
    const page = await h.http.get(`/public/sessions/${publishedSessionId}`).expect(200);
    const profile = page.body.speakerProfiles.find((p: { id: string }) => p.id === id);
    expect(profile.photoUrl).toBe(`/public/speakers/${id}/photo?v=${version}`);

    const got = await h.http.get(profile.photoUrl).expect(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toBe('public, max-age=86400');
    expect(got.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(Buffer.compare(got.body as Buffer, PNG_3x2)).toBe(0);

    const bare = await h.http.get(`/public/speakers/${id}/photo`).expect(200);
    expect(bare.headers['cache-control']).toBe('public, no-cache');
    await h.http.get(`/public/speakers/${id}/photo`).set('If-None-Match', got.headers.etag).expect(304);
    await h.http
      .get(`/speakers/${id}/photo`)
      .set(organizer.auth)
      .set('If-None-Match', `W/${got.headers.etag}`)
      .expect(304);
  });

  it('replaces it with a JPEG or a WebP: new version, new type, old ETag no longer matches', async () => {
    const id = await publicSpeaker();
    const first = await h.http
      .put(`/speakers/${id}/photo`)
      .set(organizer.auth)
      .type('image/png')
      .send(PNG_3x2);
    // The client's content type does not matter: these bytes are a JPEG.
    const second = await h.http
      .put(`/speakers/${id}/photo`)
      .set(organizer.auth)
      .type('application/octet-stream')
      .send(JPEG_4x3)
      .expect(200);
    expect(second.body.photoUrl).not.toBe(first.body.photoUrl);
    const [row] = await h.ds.query(
      `SELECT content_type, byte_size, width, height FROM speaker_photos WHERE speaker_id = $1`,
      [id],
    );
    expect(row).toEqual({ content_type: 'image/jpeg', byte_size: JPEG_4x3.length, width: 4, height: 3 });
    const old = (await h.http.get(`/public/speakers/${id}/photo`)).headers.etag;
    const res = await h.http.get(`/public/speakers/${id}/photo`).set('If-None-Match', '"stale"').expect(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(old).toBe(res.headers.etag);

    await h.http
      .put(`/speakers/${id}/photo`)
      .set(organizer.auth)
      .type('image/webp')
      .send(WEBP_4x3)
      .expect(200);
    const webp = await h.http.get(`/public/speakers/${id}/photo`).set('If-None-Match', old).expect(200);
    expect(webp.headers['content-type']).toBe('image/webp');
  });

  it('refuses a text file renamed .png (415), a damaged image (400) and more than 2 MB (413)', async () => {
    const id = await publicSpeaker();
    const text = await h.http
      .put(`/speakers/${id}/photo`)
      .set(organizer.auth)
      .type('image/png')
      .send(Buffer.from('name,email\nnot,a picture\n'))
      .expect(415);
    expect(text.body).toMatchObject({ statusCode: 415, error: 'unsupported_image_type' });
    const plain = await h.http
      .put(`/speakers/${id}/photo`)
      .set(organizer.auth)
      .type('text/plain')
      .send('hello')
      .expect(415);
    expect(plain.body.error).toBe('unsupported_image_type');
    const cut = await h.http
      .put(`/speakers/${id}/photo`)
      .set(organizer.auth)
      .type('image/png')
      .send(PNG_3x2.subarray(0, 20))
      .expect(400);
    expect(cut.body.error).toBe('invalid_image');
    const big = await h.http
      .put(`/speakers/${id}/photo`)
      .set(organizer.auth)
      .type('image/png')
      .send(Buffer.concat([PNG_3x2, Buffer.alloc(2 * 1024 * 1024)]))
      .expect(413);
    expect(big.body).toMatchObject({ statusCode: 413, error: 'payload_too_large' });
    // Nothing was stored by any of them.
    expect((await h.http.get(`/speakers/${id}`).set(organizer.auth)).body.photoUrl).toBeNull();
    await h.http.get(`/public/speakers/${id}/photo`).expect(404);
  });

  it('lets only organizers and admins upload, read the console copy or remove (403), nobody unsigned (401)', async () => {
    const id = await publicSpeaker();
    const denied = await h.http
      .put(`/speakers/${id}/photo`)
      .set(attendee.auth)
      .type('image/png')
      .send(PNG_3x2);
    expect([denied.status, denied.body.error]).toEqual([403, 'forbidden']);
    await h.http.put(`/speakers/${id}/photo`).type('image/png').send(PNG_3x2).expect(401);
    await h.http.put(`/speakers/${id}/photo`).set(organizer.auth).type('image/png').send(PNG_3x2).expect(200);
    await h.http.get(`/speakers/${id}/photo`).set(attendee.auth).expect(403);
    await h.http.delete(`/speakers/${id}/photo`).set(attendee.auth).expect(403);
    await h.http
      .put('/speakers/00000000-0000-4000-8000-000000000000/photo')
      .set(organizer.auth)
      .type('image/png')
      .send(PNG_3x2)
      .expect(404);
  });

  it('keeps the photo of a speaker only booked in drafts private until publication', async () => {
    const draft = await createProgram(h.ds, { status: 'draft' });
    const session = await createSession(h.ds, draft.id, { localStart: '2030-04-02T12:00' });
    const sp = await createSpeaker(h.ds, { fullName: 'Draft Speaker' });
    await addSpeaker(h.ds, session.id, sp.id);
    await h.http
      .put(`/speakers/${sp.id}/photo`)
      .set(organizer.auth)
      .type('image/jpeg')
      .send(JPEG_4x3)
      .expect(200);
    const hidden = await h.http.get(`/public/speakers/${sp.id}/photo`).expect(404);
    expect(hidden.body.error).toBe('speaker_photo_not_found');
    // The console still shows it.
    const console = await h.http.get(`/speakers/${sp.id}/photo`).set(organizer.auth).expect(200);
    expect(console.headers['content-type']).toBe('image/jpeg');
    expect(console.headers['cache-control']).toBe('private, no-cache');
    await h.ds.query(`UPDATE programs SET status = 'published' WHERE id = $1`, [draft.id]);
    await h.http.get(`/public/speakers/${sp.id}/photo`).expect(200);
  });

  it('removes a photo: the views say null, the URLs are 404, removing again is harmless', async () => {
    const id = await publicSpeaker();
    await h.http.put(`/speakers/${id}/photo`).set(organizer.auth).type('image/png').send(PNG_3x2).expect(200);
    await h.http.delete(`/speakers/${id}/photo`).set(organizer.auth).expect(204);
    await h.http.delete(`/speakers/${id}/photo`).set(organizer.auth).expect(204);
    expect((await h.http.get(`/speakers/${id}`).set(organizer.auth)).body.photoUrl).toBeNull();
    const page = await h.http.get(`/public/sessions/${publishedSessionId}`).expect(200);
    expect(page.body.speakerProfiles.find((p: { id: string }) => p.id === id).photoUrl).toBeNull();
    await h.http.get(`/public/speakers/${id}/photo`).expect(404);
    await h.http.get(`/speakers/${id}/photo`).set(organizer.auth).expect(404);
    expect(await h.ds.query(`SELECT 1 FROM speaker_photos WHERE speaker_id = $1`, [id])).toEqual([]);
  });

  /** Decodes every frame with the real ffmpeg tools; what they say about size and orientation. */
  function probe(bytes: Buffer): { width: number; height: number; orientation?: string } {
    const decoded = spawnSync('ffmpeg', ['-v', 'error', '-i', 'pipe:0', '-f', 'null', '-'], { input: bytes });
    expect({ status: decoded.status, errors: decoded.stderr.toString() }).toEqual({ status: 0, errors: '' });
    const args = [
      '-v',
      'error',
      '-show_frames',
      '-show_entries',
      'frame=width,height:frame_tags',
      '-of',
      'json',
    ];
    const probed = spawnSync('ffprobe', [...args, 'pipe:0'], { input: bytes });
    expect(probed.stderr.toString()).toBe('');
    const frame = JSON.parse(probed.stdout.toString()).frames[0];
    return { width: frame.width, height: frame.height, orientation: frame.tags?.Orientation?.trim() };
  }

  it.each([
    ['image/jpeg', jpegWithGps, JPEG_4x3, { width: 4, height: 3 }],
    ['image/png', pngWithGps, PNG_3x2, { width: 3, height: 2 }],
    ['image/webp', webpWithGps, WEBP_4x3, { width: 4, height: 3 }],
  ] as const)(
    'serves a %s taken with GPS without its EXIF, XMP or text, still decodable',
    async (type, withGps, clean, size) => {
      const id = await publicSpeaker();
      const tagged = withGps(1);
      // The upload really carries the position, and ffmpeg reads it as a valid image.
      expect(tagged.includes(MARKERS.make) && tagged.includes(MARKERS.xmp)).toBe(true);
      expect(probe(tagged)).toMatchObject(size);

      const up = await h.http.put(`/speakers/${id}/photo`).set(organizer.auth).send(tagged).expect(200);
      const served = (
        await h.http.get(up.body.photoUrl.replace('/speakers/', '/public/speakers/')).expect(200)
      ).body as Buffer;
      expect(served.length).toBeLessThan(tagged.length);
      for (const marker of Object.values(MARKERS)) expect(served.includes(marker)).toBe(false);
      // Nothing but the metadata went: the bytes are those of the clean picture the test started from.
      expect(Buffer.compare(served, clean)).toBe(0);
      expect(probe(served)).toEqual({ ...size, orientation: undefined });
      // What is stored (size and ETag) is the stripped photo, not the upload.
      const [row] = await h.ds.query(
        `SELECT byte_size, content_type FROM speaker_photos WHERE speaker_id = $1`,
        [id],
      );
      expect(row).toEqual({ byte_size: served.length, content_type: type });
    },
  );

  it.each([
    ['image/jpeg', jpegWithGps, '6'],
    ['image/webp', webpWithGps, '6'],
    // ffmpeg does not read the orientation of a PNG; the bytes are checked instead.
    ['image/png', pngWithGps, undefined],
  ] as const)(
    'keeps the orientation of a %s turned by the phone, and nothing else of its EXIF',
    async (_type, withGps, seen) => {
      const id = await publicSpeaker();
      const tagged = withGps(6);
      expect(probe(tagged).orientation).toBe(seen);
      await h.http.put(`/speakers/${id}/photo`).set(organizer.auth).send(tagged).expect(200);
      const served = (await h.http.get(`/speakers/${id}/photo`).set(organizer.auth).expect(200))
        .body as Buffer;
      for (const marker of Object.values(MARKERS)) expect(served.includes(marker)).toBe(false);
      expect(served.includes(Buffer.from('GPS'))).toBe(false);
      expect(probe(served).orientation).toBe(seen);
      // The minimal EXIF: "MM", 42, one IFD0 entry, tag 0x0112 = 6.
      expect(served.includes(Buffer.from('4d4d002a000000080001011200030000000100060000', 'hex'))).toBe(true);
    },
  );

  it('refuses an image whose header reads well but whose segments are cut short (400), storing nothing', async () => {
    const id = await publicSpeaker();
    const tagged = jpegWithGps(1);
    // The frame header (SOF) is kept, but the scan and the end of the file are gone.
    const sof = tagged.indexOf(Buffer.from([0xff, 0xc0]));
    const cut = await h.http
      .put(`/speakers/${id}/photo`)
      .set(organizer.auth)
      .send(tagged.subarray(0, sof + 30))
      .expect(400);
    expect(cut.body.error).toBe('invalid_image');
    await h.http.get(`/speakers/${id}/photo`).set(organizer.auth).expect(404);
  });
});
