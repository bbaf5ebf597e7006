import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { ATTENDEE_STRINGS } from './attendee-strings';
import { en } from './strings';

/** Folders whose code comes in chunks of their own (lazy), with the whole table registered. */
const LAZY = new Set(['organizer', 'admin', 'invitations']);
const SRC = join(__dirname, '..');

function attendeeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return LAZY.has(e.name) && dir === SRC ? [] : attendeeFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.spec\.ts$/.test(e.name) ? [p] : [];
  });
}

describe('attendee strings', () => {
  it('have the same keys in kk, ru and en', () => {
    const keys = Object.keys(ATTENDEE_STRINGS.en).sort();
    for (const lang of ['kk', 'ru'] as const)
      expect(Object.keys(ATTENDEE_STRINGS[lang]).sort()).toEqual(keys);
  });

  it('hold every word of the main table that code outside the console’s chunks names', () => {
    const all = new Set(Object.keys(en));
    const missing: string[] = [];
    for (const file of attendeeFiles(SRC)) {
      if (/i18n\/(strings|attendee-strings)\.ts$/.test(file)) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`]([\w]+\.[\w.]+)['"`]/g)) {
        if (all.has(m[1]) && !(m[1] in ATTENDEE_STRINGS.en))
          missing.push(`${file.slice(SRC.length + 1)}: ${m[1]}`);
      }
    }
    // Move these from strings.ts into attendee-strings.ts (same key, all three languages).
    expect(missing).toEqual([]);
  });
});
