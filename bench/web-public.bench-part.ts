/**
 * Part of npm run bench:web: a cold load of a public program page with 40 sessions on a phone
 * (360x740), from navigation to the page being ready (the program's title and all 40 sessions
 * listed with their times), in Kazakh. Seeds its own published program (4 modules of 10 sessions,
 * each for two regions, with a speaker) in the bench database; the api must already run on `base`.
 * Prints the spread and returns the median in milliseconds (the first run, warming the api's JIT
 * and pools, left out).
 */
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';

export const PUBLIC_PAGE_SESSIONS = 40;
const MODULES = 4;

async function seedProgram(dbUrl: string): Promise<string> {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const regions = (
      await c.query<{ id: number }>(`SELECT id FROM regions WHERE code IN ('KZ-55', 'KZ-39') ORDER BY code`)
    ).rows.map((r) => r.id);
    const org = (
      await c.query(`INSERT INTO organizations (name) VALUES ('Bench Public Academy') RETURNING id`)
    ).rows[0].id;
    const program = (
      await c.query(
        `INSERT INTO programs (organization_id, title, description, default_time_zone, default_language, status)
         VALUES ($1, '{"kk":"Праймериз вебинарлары","ru":"Вебинары праймериз"}',
                 '{"kk":"Төрт онлайн модуль, әр өңірге бөлек күн","ru":"Четыре онлайн-модуля"}',
                 'Asia/Almaty', 'kk', 'published') RETURNING id`,
        [org],
      )
    ).rows[0].id;
    const modules = (
      await c.query<{ id: string }>(
        `INSERT INTO program_modules (program_id, position, title)
         SELECT $1, g, jsonb_build_object('kk', 'Модуль ' || g, 'ru', 'Модуль ' || g)
           FROM generate_series(1, $2::int) g RETURNING id`,
        [program, MODULES],
      )
    ).rows.map((r) => r.id);
    // One session a day from tomorrow, 10:00 to 14:00 Almaty time, each for Pavlodar and Kostanay.
    await c.query(
      `INSERT INTO sessions (program_id, module_id, title, description, start_at, end_at, time_zone, format,
                             join_url, capacity, status, target_region_ids)
       SELECT $1, ($2::uuid[])[1 + (g - 1) % $3], 
              jsonb_build_object('kk', 'Вебинар ' || g || ': ішкі іріктеу', 'ru', 'Вебинар ' || g || ': внутренний отбор'),
              '{"kk":"Топтық тапсырмалар","ru":"Групповые задания"}',
              (date_trunc('day', now() AT TIME ZONE 'Asia/Almaty') + g * interval '1 day' + interval '10 hours') AT TIME ZONE 'Asia/Almaty',
              (date_trunc('day', now() AT TIME ZONE 'Asia/Almaty') + g * interval '1 day' + interval '14 hours') AT TIME ZONE 'Asia/Almaty',
              'Asia/Almaty', 'online', 'https://meet.example.kz/bench-public', 200, 'scheduled', $4::int[]
         FROM generate_series(1, $5::int) g`,
      [program, modules, MODULES, regions, PUBLIC_PAGE_SESSIONS],
    );
    return program;
  } finally {
    await c.end();
  }
}

/** Ready: the title shown and every session listed (a link and its time each). */
const READY = `(() => {
  const h1 = document.querySelector('main h1');
  if (!h1 || !h1.textContent) return false;
  const items = document.querySelectorAll('main .list-item');
  let n = 0;
  for (const li of items) if (li.querySelector('a[href*="/sessions/"]') && li.querySelector('time')) n++;
  return n === ${PUBLIC_PAGE_SESSIONS};
})()`;

async function coldLoad(page: Page, url: string): Promise<number> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  try {
    // Polled on every animation frame inside the page, by an evaluated expression (CDP): not
    // waitForFunction, which compiles its predicate with eval and the app's CSP refuses that.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      page.evaluate(
        `new Promise((resolve) => { const tick = () => (${READY} ? resolve(true) : requestAnimationFrame(tick)); tick(); })`,
      ),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('not ready within 60 s')), 60_000);
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (e) {
    throw new Error(
      `the public program page never got ready: ${problems.join(' | ') || (e as Error).message}`,
    );
  }
  return performance.now() - t0;
}

export async function measurePublicProgramPage(opts: {
  browser: Browser;
  dbUrl: string;
  base: string;
  runs: number;
}): Promise<number> {
  const programId = await seedProgram(opts.dbUrl);
  const url = `${opts.base}/app/programs/${programId}?lang=kk`;
  const times: number[] = [];
  for (let i = 0; i < opts.runs + 1; i++) {
    // A new context each time: empty cache, no service worker, nothing remembered.
    const context = await opts.browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'kk-KZ',
      timezoneId: 'Asia/Qostanay',
    });
    try {
      const ms = await coldLoad(await context.newPage(), url);
      if (i > 0) times.push(ms);
    } finally {
      await context.close();
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  console.log(
    `public program page, ${PUBLIC_PAGE_SESSIONS} sessions, 360x740 phone, cold: median ${median.toFixed(0)} ms (min ${sorted[0].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)})`,
  );
  return median;
}
