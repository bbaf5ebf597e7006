import { encodeAddress, encodeText, replaceHeaders, wordChunks } from './mail-headers';

/** Each encoded-word of a header value on its own, decoded. */
const decodedWords = (value: string) =>
  [...value.matchAll(/=\?UTF-8\?B\?([^?]*)\?=/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'));

const NAME = 'Тексерова Айгерім Сәкенқызы Жаттықтырушыбекова';
const SUBJECT =
  'Еске салу: «Депутаттың имиджі және әлеуметтік желілердегі жұмысы» 10 минуттан кейін басталады';

describe('encoded header words', () => {
  it('ends every encoded-word where a word ends, so no client shows a word split in two', () => {
    for (const [value, field] of [
      [NAME, 'To'],
      [SUBJECT, 'Subject'],
    ]) {
      const words = decodedWords(encodeText(value, field));
      expect(words.length).toBeGreaterThan(1);
      expect(words.join('')).toBe(value);
      // Every word but the last ends with the space that separated it from the next.
      for (const w of words.slice(0, -1)) expect(w).toMatch(/\s$/);
    }
  });

  it('keeps every line within 76 characters and every encoded-word within 75', () => {
    const folded = `Subject: ${encodeText(SUBJECT, 'Subject')}`;
    for (const line of folded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    for (const w of folded.match(/=\?[^ ]*\?=/g)!) expect(w.length).toBeLessThanOrEqual(75);
  });

  it('cuts only a word too long for any encoded-word, between characters', () => {
    const long = 'Ә'.repeat(30);
    const chunks = wordChunks(`${long} ой`, 60);
    expect(chunks.join('')).toBe(`${long} ой`);
    expect(chunks.every((c) => Buffer.byteLength(c) <= 45)).toBe(true);
    expect(chunks.length).toBe(2);
  });

  it('leaves ASCII alone and quotes an ASCII name that needs it', () => {
    expect(encodeText('Reminder: "How primaries work"', 'Subject')).toBe('Reminder: "How primaries work"');
    expect(encodeAddress('Dana Bolat', 'd@x.kz', 'To')).toBe('Dana Bolat <d@x.kz>');
    expect(encodeAddress('Bolat, Dana "DB"', 'd@x.kz', 'To')).toBe('"Bolat, Dana \\"DB\\"" <d@x.kz>');
    expect(encodeAddress('', 'd@x.kz', 'To')).toBe('d@x.kz');
    const to = encodeAddress(NAME, 'd@x.kz', 'To');
    expect(to.endsWith('\r\n <d@x.kz>')).toBe(true);
    expect(decodedWords(to).join('')).toBe(NAME);
  });

  it('replaces whole fields, continuation lines included, and leaves the body byte for byte', () => {
    const body = Buffer.from('тело письма\r\n', 'utf8');
    const raw = Buffer.concat([
      Buffer.from('From: a@x.kz\r\nTo: =?UTF-8?B?AAAA?=\r\n =?UTF-8?B?BBBB?= <d@x.kz>\r\nSubject: -\r\n\r\n'),
      body,
    ]);
    const out = replaceHeaders(raw, { To: 'New <d@x.kz>', Subject: 'Hi' });
    expect(out.toString('utf8')).toBe(
      `From: a@x.kz\r\nTo: New <d@x.kz>\r\nSubject: Hi\r\n\r\n${body.toString('utf8')}`,
    );
    expect(() => replaceHeaders(raw, { Cc: 'x' })).toThrow(/no Cc header/);
  });
});
