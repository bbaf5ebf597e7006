import { placeRoom, placeViewer, viewerNode } from './placement.policy';

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

describe('placeViewer (broadcast mode)', () => {
  const base = {
    origin: 'n1',
    relays: [] as string[],
    viewers: new Map<string, number>(),
    capacity: 2,
    previous: null,
    canAddRelay: true,
  };

  it('fills the origin up to the capacity, then the relays in order, then asks for another relay', () => {
    expect(placeViewer(base)).toEqual({ node: 'n1' });
    expect(placeViewer({ ...base, viewers: new Map([['n1', 1]]) })).toEqual({ node: 'n1' });
    expect(placeViewer({ ...base, viewers: new Map([['n1', 2]]) })).toEqual({ addRelay: true });
    expect(
      placeViewer({
        ...base,
        relays: ['n3', 'n2'],
        viewers: new Map([
          ['n1', 2],
          ['n3', 1],
        ]),
      }),
    ).toEqual({ node: 'n3' });
    expect(
      placeViewer({
        ...base,
        relays: ['n3', 'n2'],
        viewers: new Map([
          ['n1', 2],
          ['n3', 2],
        ]),
      }),
    ).toEqual({ node: 'n2' });
  });

  it('keeps a person where they watched before; with no node left, the least filled takes them', () => {
    expect(
      placeViewer({
        ...base,
        relays: ['n2'],
        viewers: new Map([
          ['n1', 5],
          ['n2', 5],
        ]),
        previous: 'n1',
      }),
    ).toEqual({ node: 'n1' });
    expect(placeViewer({ ...base, viewers: new Map([['n1', 2]]), previous: 'gone' })).toEqual({
      addRelay: true,
    });
    expect(
      placeViewer({
        ...base,
        relays: ['n2'],
        viewers: new Map([
          ['n1', 4],
          ['n2', 3],
        ]),
        canAddRelay: false,
      }),
    ).toEqual({ node: 'n2' });
  });
});
