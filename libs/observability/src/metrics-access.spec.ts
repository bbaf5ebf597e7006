import { metricsAllowed } from './metrics-access';

describe('metricsAllowed', () => {
  it('is open without a token', () => {
    expect(metricsAllowed('', undefined)).toBe(true);
  });

  it('wants exactly the bearer token when one is set', () => {
    const t = 'a-token-of-sixteen+';
    expect(metricsAllowed(t, `Bearer ${t}`)).toBe(true);
    expect(metricsAllowed(t, undefined)).toBe(false);
    expect(metricsAllowed(t, t)).toBe(false);
    expect(metricsAllowed(t, `Bearer ${t}x`)).toBe(false);
    expect(metricsAllowed(t, `Basic ${t}`)).toBe(false);
  });
});
