import { placeRoom, viewerNode } from './placement.policy';

describe('placeRoom', () => {
  it('takes the least-loaded node that answers', () => {
    expect(
      placeRoom(
        [
          { id: 'a', participants: 40 },
          { id: 'b', participants: 3 },
          { id: 'c', participants: null },
        ],
        10,
        500,
      ),
    ).toEqual({ origin: 'b', relays: [] });
  });

  it('keeps ties on the first listed node', () => {
    expect(
      placeRoom(
        [
          { id: 'a', participants: 0 },
          { id: 'b', participants: 0 },
        ],
        10,
        500,
      )?.origin,
    ).toBe('a');
  });

  it('asks for relays when the audience is bigger than one node takes', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id, i) => ({ id, participants: i }));
    expect(placeRoom(nodes, 3500, 500)).toEqual({ origin: 'a', relays: ['b', 'c', 'd', 'e', 'f', 'g'] });
  });

  it('answers null when no node is up', () => {
    expect(placeRoom([{ id: 'a', participants: null }], 1, 500)).toBeNull();
  });
});

describe('viewerNode', () => {
  it('is stable per viewer and uses every node', () => {
    const p = { origin: 'a', relays: ['b', 'c'] };
    expect(viewerNode(p, 'x')).toBe(viewerNode(p, 'x'));
    const seen = new Set(Array.from({ length: 60 }, (_, i) => viewerNode(p, `viewer-${i}`)));
    expect(seen).toEqual(new Set(['a', 'b', 'c']));
  });
});
