import { findInputProblem, MAX_JSON_DEPTH } from './request-hygiene';

const nest = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

describe('request hygiene', () => {
  it('accepts ordinary text in every language, emoji (surrogate pairs) included', () => {
    expect(
      findInputProblem({
        title: { kk: 'Қорытынды', ru: 'Итоги', en: 'Results 🎉' },
        tags: ['a', 'ә'],
        n: 1e300,
      }),
    ).toBeUndefined();
  });

  it('allows 32 levels of nesting and refuses 33, without recursing into the rest', () => {
    expect(findInputProblem(nest(MAX_JSON_DEPTH))).toBeUndefined();
    expect(findInputProblem(nest(MAX_JSON_DEPTH + 1))).toMatchObject({ code: 'body_too_deep' });
    expect(findInputProblem(nest(100_000))).toMatchObject({ code: 'body_too_deep' });
  });

  it('refuses NUL and lone surrogates in values and field names, naming where', () => {
    expect(findInputProblem({ displayName: 'a\u0000b' })).toEqual({
      code: 'invalid_text',
      message: 'displayName: text must not contain the NUL character (U+0000)',
    });
    expect(findInputProblem({ title: { kk: 'x\uD800y' } })?.message).toMatch(/^title\.kk: .*lone surrogate/);
    expect(findInputProblem({ list: ['ok', '\uDC00'] })?.message).toMatch(/^list\[1\]: .*lone surrogate/);
    expect(findInputProblem({ 'a\u0000': 1 })?.code).toBe('invalid_text');
    expect(findInputProblem('csv,\u0000')?.message).toMatch(/^body: /);
    expect(findInputProblem({ page: '1\u0000' }, 'query')?.message).toMatch(/^query\.page: /);
  });

  it('refuses a __proto__ field anywhere (JSON.parse makes it an own property)', () => {
    expect(findInputProblem(JSON.parse('{"__proto__":{"isAdmin":true}}'))).toMatchObject({
      code: 'forbidden_field',
      message: '__proto__ is not an allowed field name',
    });
    expect(findInputProblem(JSON.parse('{"a":[{"__proto__":1}]}'))?.message).toBe(
      'a[0].__proto__ is not an allowed field name',
    );
    expect(findInputProblem({ constructor: 'x', prototype: 'y' })).toBeUndefined();
  });
});
