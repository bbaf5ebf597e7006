import { remembered } from './remembered';

describe('remembered', () => {
  it('computes each key once, and starts over when the table is full', () => {
    const calls: string[] = [];
    const upper = remembered(2, (k) => {
      calls.push(k);
      return k.toUpperCase();
    });
    expect([upper('a'), upper('a'), upper('b'), upper('a')]).toEqual(['A', 'A', 'B', 'A']);
    expect(calls).toEqual(['a', 'b']);
    upper('c'); // full: cleared, then 'c' kept
    upper('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
