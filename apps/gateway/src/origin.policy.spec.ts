import { originAllowed } from './origin.policy';

describe('originAllowed', () => {
  it('lets non-browser clients (no Origin header) through: the token authenticates them', () => {
    expect(originAllowed(undefined, 'live.qatys.kz', [])).toBe(true);
    expect(originAllowed(undefined, 'live.qatys.kz', ['https://app.qatys.kz'])).toBe(true);
  });

  it('with no list, allows only pages from the gateway host itself', () => {
    expect(originAllowed('http://127.0.0.1:3001', '127.0.0.1:3001', [])).toBe(true);
    expect(originAllowed('http://127.0.0.1:3000', '127.0.0.1:3001', [])).toBe(false);
    expect(originAllowed('https://evil.example', '127.0.0.1:3001', [])).toBe(false);
    expect(originAllowed('null', '127.0.0.1:3001', [])).toBe(false);
    expect(originAllowed('http://127.0.0.1:3001', undefined, [])).toBe(false);
  });

  it('with a list, allows exactly the listed origins', () => {
    const list = ['https://app.qatys.kz', 'http://localhost:5173'];
    expect(originAllowed('https://app.qatys.kz', 'live.qatys.kz', list)).toBe(true);
    expect(originAllowed('http://localhost:5173', 'live.qatys.kz', list)).toBe(true);
    expect(originAllowed('https://app.qatys.kz.evil.example', 'live.qatys.kz', list)).toBe(false);
    expect(originAllowed('https://live.qatys.kz', 'live.qatys.kz', list)).toBe(false);
  });
});
