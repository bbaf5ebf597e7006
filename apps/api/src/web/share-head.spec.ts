import { shareLanguage, shortDescription, withShareHead } from './share-head';

const INDEX =
  '<!doctype html>\n<html lang="ru">\n  <head>\n    <title>Qatys</title>\n  </head>\n  <body></body>\n</html>';

describe('share head', () => {
  it('names the page in <title> and Open Graph, escaped', () => {
    const html = withShareHead(INDEX, {
      title: 'Оратор "школа" <script>alert(1)</script> $& & co',
      description: "It's <b>bold</b>",
      url: 'https://q.example/app/programs/1?a=1&b=2',
      lang: 'kk',
    });
    expect(html).toContain(
      '<title>Оратор &quot;школа&quot; &lt;script&gt;alert(1)&lt;/script&gt; $&amp; &amp; co</title>',
    );
    expect(html).toContain('<meta property="og:title" content="Оратор &quot;школа&quot;');
    expect(html).toContain('<meta name="description" content="It&#39;s &lt;b&gt;bold&lt;/b&gt;" />');
    expect(html).toContain('content="https://q.example/app/programs/1?a=1&amp;b=2"');
    expect(html).toContain('<html lang="kk"');
    expect(html).toContain('og:locale" content="kk_KZ"');
    expect(html).not.toContain('<script>');
  });

  it('shortens a long description at a word', () => {
    const text = `${'слово '.repeat(60)}конец`;
    const short = shortDescription(text, 50);
    expect(short.length).toBeLessThanOrEqual(50);
    expect(short.endsWith('…')).toBe(true);
    expect(shortDescription('  a\n b  ')).toBe('a b');
  });

  it('picks the language from the query, then Accept-Language, then the fallback', () => {
    expect(shareLanguage('en', 'kk', 'ru')).toBe('en');
    expect(shareLanguage('xx', 'de-DE,kk;q=0.8', 'ru')).toBe('kk');
    expect(shareLanguage(undefined, undefined, 'en')).toBe('en');
    expect(shareLanguage(undefined, 'de', 'zz')).toBe('ru');
  });
});
