import {
  audienceSees,
  canModerate,
  compareQuestions,
  initialQuestionStatus,
  moderate,
  questionText,
} from './question.policy';

describe('questionText', () => {
  it('trims and keeps the text exactly as typed, markup included', () => {
    expect(questionText('  <b>Қалай?</b> <script>alert(1)</script>  ')).toBe(
      '<b>Қалай?</b> <script>alert(1)</script>',
    );
  });

  it('counts 3 to 500 characters after trimming, an emoji being one', () => {
    expect(() => questionText('  ab  ')).toThrow(expect.objectContaining({ code: 'text_too_short' }));
    expect(() => questionText('   ')).toThrow(expect.objectContaining({ code: 'text_too_short' }));
    expect(questionText('abc')).toBe('abc');
    expect(questionText('x'.repeat(500))).toHaveLength(500);
    expect(() => questionText('x'.repeat(501))).toThrow(expect.objectContaining({ code: 'text_too_long' }));
    expect(questionText('😀'.repeat(500))).toHaveLength(1000);
    expect(() => questionText('😀'.repeat(501))).toThrow(/at most 500 characters \(got 501\)/);
  });
});

describe('questionText: Unicode text only', () => {
  it('refuses NUL and unpaired surrogates before anything else (Postgres cannot store them as typed)', () => {
    for (const raw of ['What \u0000 now?', 'Lone \ud800 high', 'Lone \udc00 low', '\udc00\ud800 reversed']) {
      expect(() => questionText(raw)).toThrow(
        expect.objectContaining({
          code: 'invalid_text',
          message: 'A question may not hold a NUL character or an unpaired surrogate',
        }),
      );
    }
    expect(questionText('Paired 😀 is text')).toBe('Paired 😀 is text');
  });
});

describe('moderation', () => {
  it('starts pending with pre-moderation, approved without', () => {
    expect(initialQuestionStatus(true)).toBe('pending');
    expect(initialQuestionStatus(false)).toBe('approved');
    expect(audienceSees('pending')).toBe(false);
    expect(audienceSees('dismissed')).toBe(false);
    expect(audienceSees('approved')).toBe(true);
    expect(audienceSees('answered')).toBe(true);
  });

  it('moves pending -> approved -> answered, pins visible ones, and repeats are no-ops', () => {
    const p = { status: 'pending' as const, pinned: false };
    expect(moderate(p, 'approve')).toEqual({ status: 'approved', pinned: false, changed: true });
    expect(moderate({ status: 'approved', pinned: false }, 'approve').changed).toBe(false);
    expect(moderate({ status: 'approved', pinned: false }, 'pin')).toEqual({
      status: 'approved',
      pinned: true,
      changed: true,
    });
    expect(moderate({ status: 'approved', pinned: true }, 'answered')).toEqual({
      status: 'answered',
      pinned: true,
      changed: true,
    });
    expect(moderate({ status: 'answered', pinned: true }, 'unpin').pinned).toBe(false);
    expect(moderate({ status: 'answered', pinned: true }, 'dismiss')).toEqual({
      status: 'dismissed',
      pinned: false,
      changed: true,
    });
    expect(moderate({ status: 'dismissed', pinned: false }, 'approve').status).toBe('approved');
    expect(moderate(p, 'answered').status).toBe('answered');
  });

  it('refuses steps that do not apply', () => {
    expect(() => moderate({ status: 'pending', pinned: false }, 'pin')).toThrow(
      expect.objectContaining({ code: 'invalid_transition' }),
    );
    expect(() => moderate({ status: 'dismissed', pinned: false }, 'answered')).toThrow(/dismissed question/);
    expect(() => moderate({ status: 'answered', pinned: false }, 'approve')).toThrow(/answered question/);
  });

  it('lets organizers, admins, moderators and speakers moderate, not coordinators or attendees', () => {
    expect(canModerate(['organizer'], false)).toBe(true);
    expect(canModerate(['admin'], false)).toBe(true);
    expect(canModerate(['moderator'], false)).toBe(true);
    expect(canModerate(['attendee'], true)).toBe(true);
    expect(canModerate(['coordinator'], false)).toBe(false);
    expect(canModerate(['attendee'], false)).toBe(false);
    expect(canModerate([], false)).toBe(false);
  });
});

describe('compareQuestions', () => {
  const q = (id: string, upvotes: number, minute: number, pinned = false) => ({
    id,
    upvotes,
    pinned,
    createdAt: new Date(minute * 60_000),
  });
  const list = [q('a', 1, 1), q('b', 5, 2), q('c', 5, 3), q('d', 0, 4, true), q('e', 2, 5)];

  it('orders by votes (pinned first, oldest first among equals) or by time (newest first)', () => {
    expect([...list].sort(compareQuestions('votes')).map((x) => x.id)).toEqual(['d', 'b', 'c', 'e', 'a']);
    expect([...list].sort(compareQuestions('time')).map((x) => x.id)).toEqual(['d', 'e', 'c', 'b', 'a']);
  });
});
