import { codeText, errorStringsReady, fieldMessage, loadErrorStrings } from './errors';
import { errorText, onErrorStrings } from './error-text';

// Each language's words are fetched the first time a failure is put into words in it.
describe('the API’s failures in words, loaded on demand', () => {
  it('says a generic line in the reader’s language meanwhile (never English), then the words', async () => {
    const arrived = jest.fn();
    const off = onErrorStrings(arrived);
    expect(errorStringsReady('kk')).toBe(false); // starts the fetch
    expect(codeText('kk', 'session_ended')).toBeNull(); // the caller shows its own translated line
    expect(errorText('kk', 'rule.other')).not.toMatch(/[A-Za-z]/);
    expect(fieldMessage('ru', 'title.kk must be shorter than or equal to 300 characters')).not.toMatch(
      /[A-Za-z]{3,}/,
    );
    await Promise.all([loadErrorStrings('kk'), loadErrorStrings('ru')]);
    expect(arrived).toHaveBeenCalled();
    expect(errorStringsReady('kk')).toBe(true);
    expect(codeText('kk', 'session_ended')).toMatch(/аяқталды/);
    expect(fieldMessage('ru', 'title.kk must be shorter than or equal to 300 characters')).toBe(
      'На казахском: не больше 300 символов',
    );
    expect(errorStringsReady('en')).toBe(false); // one language at a time
    off();
  });
});
