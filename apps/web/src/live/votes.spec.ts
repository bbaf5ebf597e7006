import type { QuestionView } from '@qatys/contracts/live-events';
import { votesAfterLoad } from './use-live';

const q = (id: string, votedByMe?: boolean) => ({ id, votedByMe }) as QuestionView;

describe('votesAfterLoad', () => {
  it('remembers after a reload the votes the list says are mine', () => {
    expect([...votesAfterLoad(new Set(), [q('a', true), q('b', false), q('c')])]).toEqual(['a']);
  });

  it('takes a vote away that the list says is gone, and keeps what the list does not mention', () => {
    expect([...votesAfterLoad(new Set(['a', 'x']), [q('a', false), q('b', true)])].sort()).toEqual([
      'b',
      'x',
    ]);
  });
});
