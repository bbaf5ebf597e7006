import { canonicalJson, InputsHasher } from './selection-run.policy';
import { DEFAULT_RUBRIC } from './call.policy';

describe('the hash of a selection run’s inputs', () => {
  it('is the same for the same quotas whatever the order of their keys (jsonb reorders them)', () => {
    const asPreviewed = { nominatedSeats: 0, regionMin: 0, regionMax: 1, regions: [] };
    const asStored = { regions: [], regionMax: 1, regionMin: 0, nominatedSeats: 0 };
    const hash = (quotas: typeof asPreviewed) =>
      new InputsHasher({ capacity: 2, minReviews: 2, rubric: DEFAULT_RUBRIC, quotas }).digest();
    expect(hash(asStored)).toBe(hash(asPreviewed));
    expect(hash({ ...asPreviewed, regionMax: 2 })).not.toBe(hash(asPreviewed));
  });

  it('writes nested objects and arrays with sorted keys and leaves undefined out', () => {
    expect(canonicalJson({ b: [{ y: 1, x: null }], a: 'z', c: undefined })).toBe(
      '{"a":"z","b":[{"x":null,"y":1}]}',
    );
  });
});
