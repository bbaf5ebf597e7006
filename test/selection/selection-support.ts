import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { ApiHarness, SignedIn } from '../support/api-harness';

export const ZONE = 'Asia/Almaty';

/** A local wall time in Asia/Almaty, `hours` from now (minutes precision). */
export const wallIn = (hours: number, zone = ZONE): string =>
  DateTime.now().setZone(zone).plus({ hours }).toFormat("yyyy-LL-dd'T'HH:mm");

export const FORM = [
  {
    key: 'motivation_letter',
    type: 'text',
    label: { kk: 'Уәждеме хаты', ru: 'Мотивационное письмо', en: 'Motivation letter' },
    required: true,
    maxLength: 2000,
  },
  {
    key: 'education',
    type: 'choice',
    label: { kk: 'Білімі', ru: 'Образование', en: 'Education' },
    required: true,
    options: [
      { value: 'bachelor', label: { kk: 'Бакалавр', ru: 'Бакалавр', en: 'Bachelor' } },
      { value: 'master', label: { kk: 'Магистр', ru: 'Магистр', en: 'Master' } },
    ],
  },
  {
    key: 'years_of_activity',
    type: 'number',
    label: { kk: 'Тәжірибе (жыл)', ru: 'Стаж (лет)', en: 'Years of activity' },
    required: false,
    min: 0,
    max: 50,
    integer: true,
  },
  { key: 'cv', type: 'file_link', label: { kk: 'Түйіндеме', ru: 'Резюме', en: 'CV' }, required: false },
];

export const answers = (i = 0) => ({
  motivation_letter: `I want to serve my district (${i})`,
  education: i % 2 ? 'master' : 'bachelor',
  years_of_activity: i % 10,
  cv: `https://files.example/cv-${i}.pdf`,
});

interface TimeViewBody {
  utc: string;
  ofRecord: { local: string; zone: string };
}

/** The parts of a call response the suites read. */
export interface CallBody {
  id: string;
  state: string;
  ageOn: string;
  capacity: number;
  minReviews: number;
  quotas: Record<string, unknown>;
  rubric: { criteria: { key: string }[] };
  opensAt: TimeViewBody;
  closesAt: TimeViewBody;
}

/** Opens a call through the API; the window is open now unless `body` says otherwise. */
export async function openCall(
  h: ApiHarness,
  organizer: SignedIn,
  programId: string,
  body: Record<string, unknown> = {},
): Promise<CallBody> {
  const res = await h.http
    .post(`/programs/${programId}/calls`)
    .set(organizer.auth)
    .send({
      title: { kk: 'Жас саясаткер мектебі', ru: 'Школа молодого политика', en: 'Young Politician School' },
      capacity: 50,
      timeZone: ZONE,
      opens: wallIn(-1),
      closes: wallIn(48),
      minAge: 18,
      maxAge: 35,
      form: FORM,
      quotas: { nominatedSeats: 20, regionMin: 1 },
      ...body,
    });
  if (res.status !== 201) throw new Error(`open call: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function count(
  ds: DataSource,
  table: string,
  where = 'true',
  params: unknown[] = [],
): Promise<number> {
  const [row] = await ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return row.n;
}

/** Runs `fn` over `items`, `batch` at a time (keeps a 2-core machine from drowning). */
export async function inBatches<T, R>(
  items: readonly T[],
  batch: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += batch) {
    out.push(...(await Promise.all(items.slice(i, i + batch).map((item, j) => fn(item, i + j)))));
  }
  return out;
}

/**
 * `reviewers` new reviewers join the call's commission and each scores the applications in order
 * on every criterion of the default rubric, best first (9, 8, 7 ...).
 */
export async function scoreInOrder(
  h: ApiHarness,
  organizer: SignedIn,
  callId: string,
  applicationIds: readonly string[],
  reviewers = 1,
): Promise<void> {
  for (let r = 0; r < reviewers; r++) {
    const reviewer = await h.signIn({});
    await h.http
      .post(`/calls/${callId}/reviewers`)
      .set(organizer.auth)
      .send({ userId: reviewer.id })
      .expect(201);
    for (const [k, id] of applicationIds.entries()) {
      await h.http
        .post(`/applications/${id}/scores`)
        .set(reviewer.auth)
        .send({
          scores: ['career', 'leadership', 'motivation'].map((criterion) => ({ criterion, value: 9 - k })),
        })
        .expect(201);
    }
  }
}
