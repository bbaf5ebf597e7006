import type { QuestionView } from '@qatys/contracts/live-events';
import { sortQuestions } from './live-client';

const q = (id: string, pinned: boolean, upvotes: number, createdAt: string) =>
  ({ id, pinned, upvotes, createdAt }) as QuestionView;

/**
 * The page's order is the server's (libs/domain compareQuestions, 'votes'): pinned first, then
 * votes, then oldest (to the millisecond), then id — ties included, so a list merged from pages
 * and a list read at once look the same.
 */
describe('sortQuestions', () => {
  it('orders pinned, votes, oldest, then by id when the time is the same', () => {
    const list = [
      q('c0', false, 2, '2026-12-06T09:00:00.000Z'),
      q('b1', false, 2, '2026-12-06T09:00:00.000Z'),
      q('a2', false, 2, '2026-12-06T09:00:00.001Z'),
      q('d3', true, 0, '2026-12-06T10:00:00.000Z'),
      q('e4', false, 5, '2026-12-06T11:00:00.000Z'),
      q('a5', false, 2, '2026-12-06T08:59:59.999Z'),
      q('f6', true, 1, '2026-12-06T12:00:00.000Z'),
    ];
    expect(sortQuestions(list).map((x) => x.id)).toEqual(['f6', 'd3', 'e4', 'a5', 'b1', 'c0', 'a2']);
    // Whatever order the pages came in.
    expect(sortQuestions([...list].reverse()).map((x) => x.id)).toEqual(
      sortQuestions(list).map((x) => x.id),
    );
  });
});
