/**
 * Headless Debian Chromium driven by playwright-core (no browser download: the system binary),
 * the production build of the web app, screenshots for people to look at, and the checks the
 * browser suites share (no horizontal scroll, no English left in a Kazakh page).
 */
import { existsSync, mkdirSync } from 'fs';
import { join } from 'path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { en, kk } from '../../../apps/web/src/i18n/strings';

const ROOT = join(__dirname, '..', '..', '..');

export const CHROMIUM_PATH = process.env.QATYS_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

/** As the machine notes require: no sandbox as root, and no background traffic to a closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Each launch gets Playwright's own new, empty profile directory. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The production build the suites test: see test/support/web-build.ts. */
export { ensureWebBuild } from '../../support/web-build';

const ARTIFACTS = join(ROOT, 'test', 'artifacts', 'web');

/** A full-page screenshot under test/artifacts/web/ (ignored by git) for a person to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export interface Viewer {
  context: BrowserContext;
  page: Page;
  /** Browser console errors and page crashes, to fail loudly instead of a blank page. */
  errors: string[];
}

export async function openViewer(
  browser: Browser,
  opts: { phone?: boolean; timezoneId?: string; locale?: string } = {},
): Promise<Viewer> {
  const context = await browser.newContext({
    viewport: opts.phone ? { width: 360, height: 740 } : { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    isMobile: !!opts.phone,
    hasTouch: !!opts.phone,
    timezoneId: opts.timezoneId ?? 'Asia/Almaty',
    locale: opts.locale ?? 'ru-RU',
  });
  // Fail a step in seconds, well inside the test's own timeout.
  context.setDefaultTimeout(15_000);
  // The api's content security policy must never stop the app: every violation the browser
  // reports becomes an error of the step that caused it.
  await context.addInitScript(
    `document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))`,
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (/CSP violation|Content Security Policy/.test(text)) errors.push(`csp: ${text}`);
    else if (m.type() === 'error' && !/Failed to load resource|WebSocket connection/.test(text)) {
      errors.push(`console: ${text}`);
    }
  });
  return { context, page, errors };
}

/** document width must not exceed the viewport: no sideways scrolling on a 360 px phone. */
// Page-side code is passed as source text: the test program is type-checked without the DOM library.
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(
    `({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })`,
  );
}

/** Everything a person can read on the page: visible text and the labels read aloud. */
export async function readableText(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const attrs = ['aria-label', 'placeholder', 'title', 'alt'];
    const parts = [document.body.innerText];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of attrs) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    return parts.join('\\n');
  })()`);
}

const KAZAKH_TEXT = Object.values(kk).join('\n');

/**
 * Fixed parts of every English UI string that differs from its Kazakh one (placeholders cut out),
 * except technical words the Kazakh table uses too (the CSV header region_code,expected).
 */
const ENGLISH_FRAGMENTS: { key: string; fragment: string }[] = Object.entries(en).flatMap(([key, text]) =>
  text === kk[key as keyof typeof kk]
    ? []
    : text
        .split(/\{\w+\}/)
        .map((f) => f.trim())
        .filter((f) => f.length >= 4 && /[A-Za-z]{3}/.test(f) && !KAZAKH_TEXT.includes(f))
        .map((fragment) => ({ key, fragment })),
);

/** Dates from a browser without Kazakh locale data come out in English ("Sat", "M11"). */
const ENGLISH_DATE =
  /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|M\d{1,2})\b/g;

/** English UI strings (and English dates) still visible on a page meant to be in Kazakh (empty when none). */
export async function englishLeftOver(page: Page): Promise<string[]> {
  const text = await readableText(page);
  return [
    ...ENGLISH_FRAGMENTS.filter(({ fragment }) => text.includes(fragment)).map(
      ({ key, fragment }) => `${key}: "${fragment}"`,
    ),
    ...[...new Set(text.match(ENGLISH_DATE) ?? [])].map((w) => `date: "${w}"`),
  ];
}

/** How many Kazakh UI strings (fixed parts) the page shows: proof it is really in kk. */
export async function kazakhShown(page: Page): Promise<number> {
  const text = await readableText(page);
  return Object.values(kk).filter((s) => {
    const part = s.split(/\{\w+\}/)[0].trim();
    return part.length >= 4 && text.includes(part);
  }).length;
}
