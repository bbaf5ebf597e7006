import { placeAt, removeFrom } from './ordering.policy';

describe('placeAt', () => {
  const ids = ['a', 'b', 'c', 'd'];

  it('appends a new item without a position and inserts it at a given one', () => {
    expect(placeAt(ids, 'e')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(placeAt(ids, 'e', 1)).toEqual(['e', 'a', 'b', 'c', 'd']);
    expect(placeAt(ids, 'e', 3)).toEqual(['a', 'b', 'e', 'c', 'd']);
    expect(placeAt(ids, 'e', 5)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('moves an existing item up and down, and leaves it in place without a position', () => {
    expect(placeAt(ids, 'd', 1)).toEqual(['d', 'a', 'b', 'c']);
    expect(placeAt(ids, 'a', 4)).toEqual(['b', 'c', 'd', 'a']);
    expect(placeAt(ids, 'b', 3)).toEqual(['a', 'c', 'b', 'd']);
    expect(placeAt(ids, 'c')).toEqual(ids);
  });

  it('refuses positions outside 1..n (n+1 for a new item)', () => {
    expect(() => placeAt(ids, 'e', 6)).toThrow(/position must be an integer between 1 and 5/);
    expect(() => placeAt(ids, 'a', 5)).toThrow(/between 1 and 4/);
    expect(() => placeAt(ids, 'a', 0)).toThrow(/between 1 and 4/);
    expect(() => placeAt([], 'a', 2)).toThrow(/between 1 and 1/);
  });
});

describe('removeFrom', () => {
  it('closes the gap', () => {
    expect(removeFrom(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
    expect(removeFrom(['a'], 'x')).toEqual(['a']);
  });
});
