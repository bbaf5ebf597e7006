import { match } from './route-match';

describe('match', () => {
  it('extracts parameters, with an optional last one', () => {
    expect(match('/sessions/:id/:tab?', '/sessions/abc')).toEqual({ id: 'abc' });
    expect(match('/sessions/:id/:tab?', '/sessions/abc/live')).toEqual({ id: 'abc', tab: 'live' });
    expect(match('/join/:id?', '/join')).toEqual({});
  });

  it('refuses other paths, extra segments and malformed escapes', () => {
    expect(match('/sessions/:id', '/programs/abc')).toBeNull();
    expect(match('/sessions/:id', '/sessions/abc/extra')).toBeNull();
    expect(match('/sessions/:id', '/sessions')).toBeNull();
    expect(match('/s/:id', '/s/%E0%A4%A')).toBeNull();
  });
});
