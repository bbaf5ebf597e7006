import { chooseProvider } from './provider-choice.policy';

describe('chooseProvider', () => {
  const all = ['builtin', 'bigbluebutton', 'link'] as const;

  it('takes the session, then the program, then the default', () => {
    expect(
      chooseProvider({ session: 'bigbluebutton', program: 'builtin', fallback: 'link', available: all }),
    ).toEqual({ provider: 'bigbluebutton', fellBackFrom: null });
    expect(chooseProvider({ session: null, program: 'builtin', fallback: 'link', available: all })).toEqual({
      provider: 'builtin',
      fellBackFrom: null,
    });
    expect(chooseProvider({ session: null, program: null, fallback: 'builtin', available: all })).toEqual({
      provider: 'builtin',
      fellBackFrom: null,
    });
  });

  it('falls back to link when the chosen provider is not available here', () => {
    expect(
      chooseProvider({ session: 'builtin', program: null, fallback: 'link', available: ['link'] }),
    ).toEqual({ provider: 'link', fellBackFrom: 'builtin' });
  });

  it('link is always available', () => {
    expect(chooseProvider({ session: 'link', program: null, fallback: 'builtin', available: [] })).toEqual({
      provider: 'link',
      fellBackFrom: null,
    });
  });
});
