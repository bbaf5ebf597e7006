import {
  answerCorrect,
  averageOf,
  engagementText,
  pollAnswer,
  pollShape,
  pollStep,
  tallies,
} from './poll.policy';

const q = { ru: 'Кто выдвигает кандидатов?', kk: 'Кандидаттарды кім ұсынады?' };
const opts = [{ ru: 'Съезд' }, { ru: 'Первичка' }, { ru: 'Никто', en: 'Nobody' }];

describe('pollShape', () => {
  it('trims texts, applies defaults and keeps kk/ru/en', () => {
    expect(pollShape({ kind: 'single', question: { ru: '  Вопрос?  ', en: '' }, options: opts })).toEqual({
      kind: 'single',
      question: { ru: 'Вопрос?' },
      options: opts,
      maxChoices: null,
      scale: null,
      anonymous: false,
      changeable: false,
      quiz: false,
      correct: null,
    });
    expect(pollShape({ kind: 'rating', question: q })).toMatchObject({ scale: 5, options: [] });
    expect(pollShape({ kind: 'words', question: q, anonymous: true })).toMatchObject({ anonymous: true });
  });

  it('refuses what does not fit the kind, naming the rule', () => {
    const refused = (d: object, rule: string) =>
      expect(() => pollShape({ kind: 'single', question: q, ...d } as never)).toThrow(
        expect.objectContaining({ code: 'invalid_poll', details: { rule } }),
      );
    refused({ options: [{ ru: 'one' }] }, 'options');
    refused({ options: Array.from({ length: 11 }, () => ({ ru: 'x' })) }, 'options');
    refused({ kind: 'words', options: opts }, 'options');
    refused({ kind: 'poll' }, 'kind');
    refused({ question: {} }, 'text');
    refused({ question: { ru: '   ' } }, 'text');
    refused({ question: { de: 'Frage' } }, 'text');
    refused({ question: { ru: 'x'.repeat(301) } }, 'text');
    refused({ options: [{ ru: 'a\u0000' }, { ru: 'b' }] }, 'text');
    refused({ options: opts, maxChoices: 2 }, 'maxChoices');
    refused({ kind: 'multiple', options: opts, maxChoices: 4 }, 'maxChoices');
    refused({ kind: 'rating', scale: 11 }, 'scale');
    refused({ options: opts, scale: 5 }, 'scale');
    refused({ options: opts, quiz: true }, 'correct');
    refused({ options: opts, quiz: true, correct: [0, 1] }, 'correct');
    refused({ options: opts, quiz: true, correct: [3] }, 'correct');
    refused({ options: opts, quiz: true, correct: [0], anonymous: true }, 'quiz');
    refused({ kind: 'rating', quiz: true, correct: [0] }, 'quiz');
    refused({ options: opts, correct: [0] }, 'correct');
  });

  it('keeps a quiz’s correct options sorted and distinct', () => {
    expect(
      pollShape({ kind: 'multiple', question: q, options: opts, quiz: true, correct: [2, 0, 2] }).correct,
    ).toEqual([0, 2]);
  });
});

describe('pollAnswer', () => {
  const single = pollShape({ kind: 'single', question: q, options: opts });
  const multiple = pollShape({ kind: 'multiple', question: q, options: opts, maxChoices: 2 });
  const rating = pollShape({ kind: 'rating', question: q, scale: 4 });
  const words = pollShape({ kind: 'words', question: q });
  const refused = (p: typeof single, a: object, message: RegExp) =>
    expect(() => pollAnswer(p, a)).toThrow(
      expect.objectContaining({ code: 'invalid_answer', message: expect.stringMatching(message) }),
    );

  it('takes one option in range for single choice', () => {
    expect(pollAnswer(single, { choices: [2] })).toEqual({ choices: [2], rating: null, words: null });
    refused(single, { choices: [3] }, /0-2/);
    refused(single, { choices: [-1] }, /0-2/);
    refused(single, { choices: [0, 1] }, /exactly one/);
    refused(single, { choices: [] }, /exactly one/);
    refused(single, { choices: [1.5] }, /0-2/);
    refused(single, { rating: 1 }, /takes choices/);
    refused(single, { choices: [1], words: 'x' }, /takes choices/);
  });

  it('takes 1..maxChoices distinct options for multiple choice', () => {
    expect(pollAnswer(multiple, { choices: [2, 0] }).choices).toEqual([0, 2]);
    refused(multiple, { choices: [0, 1, 2] }, /1-2 different/);
    refused(multiple, { choices: [1, 1] }, /1-2 different/);
  });

  it('takes a value on the scale for a rating', () => {
    expect(pollAnswer(rating, { rating: 4 }).rating).toBe(4);
    refused(rating, { rating: 5 }, /1-4/);
    refused(rating, { rating: 0 }, /1-4/);
  });

  it('normalizes words: trimmed, lower-cased, spaces collapsed, repeats dropped, at most 3', () => {
    expect(
      pollAnswer(words, { words: '  Лидерство ,  ЖАУАПКЕРШІЛІК,лидерство, open   MIND ' }).words,
    ).toEqual(['лидерство', 'жауапкершілік', 'open mind']);
    refused(words, { words: ' , ' }, /at least one/);
    refused(words, { words: 'a, b, c, d' }, /At most 3/);
    refused(words, { words: 'x'.repeat(41) }, /at most 40/);
  });
});

describe('answerCorrect', () => {
  const quiz = pollShape({ kind: 'multiple', question: q, options: opts, quiz: true, correct: [0, 2] });
  it('scores exactly the correct set; null for polls that are not quizzes', () => {
    expect(answerCorrect(quiz, { choices: [0, 2], rating: null, words: null })).toBe(true);
    expect(answerCorrect(quiz, { choices: [0], rating: null, words: null })).toBe(false);
    expect(answerCorrect(quiz, { choices: [0, 1, 2], rating: null, words: null })).toBe(false);
    const plain = pollShape({ kind: 'single', question: q, options: opts });
    expect(answerCorrect(plain, { choices: [0], rating: null, words: null })).toBeNull();
  });
});

describe('pollStep', () => {
  it('goes draft -> open -> closed and reveals only once opened', () => {
    expect(pollStep({ status: 'draft', revealed: false }, 'open')).toEqual({
      status: 'open',
      revealed: false,
      changed: true,
    });
    expect(pollStep({ status: 'open', revealed: false }, 'open').changed).toBe(false);
    expect(pollStep({ status: 'open', revealed: false }, 'reveal')).toMatchObject({ revealed: true });
    expect(pollStep({ status: 'closed', revealed: true }, 'hide')).toMatchObject({
      status: 'closed',
      revealed: false,
    });
    expect(() => pollStep({ status: 'draft', revealed: false }, 'close')).toThrow(
      expect.objectContaining({ code: 'invalid_transition' }),
    );
    expect(() => pollStep({ status: 'closed', revealed: false }, 'open')).toThrow(/closed poll/);
    expect(() => pollStep({ status: 'draft', revealed: false }, 'reveal')).toThrow(/draft poll/);
  });
});

describe('tallies', () => {
  it('counts per option overall and per region, with quiz scores', () => {
    const poll = pollShape({ kind: 'single', question: q, options: opts, quiz: true, correct: [1] });
    const r = tallies(
      poll,
      [
        { regionId: 55, total: 3, correct: 2 },
        { regionId: 39, total: 1, correct: 0 },
      ],
      [
        { regionId: 55, key: '1', count: 2 },
        { regionId: 55, key: '0', count: 1 },
        { regionId: 39, key: '2', count: 1 },
      ],
    );
    expect(r.total).toEqual({ total: 4, counts: [1, 2, 1], average: null, words: [], correctAnswers: 2 });
    expect(r.regions).toEqual([
      { regionId: 39, total: 1, counts: [0, 0, 1], average: null, words: [], correctAnswers: 0 },
      { regionId: 55, total: 3, counts: [1, 2, 0], average: null, words: [], correctAnswers: 2 },
    ]);
  });

  it('gives a rating its distribution and mean, words their most frequent first', () => {
    const rating = pollShape({ kind: 'rating', question: q, scale: 3 });
    const r = tallies(
      rating,
      [{ regionId: null, total: 3, correct: 0 }],
      [
        { regionId: null, key: '3', count: 2 },
        { regionId: null, key: '1', count: 1 },
      ],
    );
    expect(r.total).toMatchObject({ counts: [1, 0, 2], average: 2.3, correctAnswers: null });
    const words = pollShape({ kind: 'words', question: q });
    const w = tallies(
      words,
      [{ regionId: 1, total: 2, correct: 0 }],
      [
        { regionId: 1, key: 'b', count: 1 },
        { regionId: 1, key: 'a', count: 1 },
        { regionId: 1, key: 'c', count: 2 },
      ],
    );
    expect(w.total.words).toEqual([
      { text: 'c', count: 2 },
      { text: 'a', count: 1 },
      { text: 'b', count: 1 },
    ]);
  });

  it('rounds the mean halves up', () => {
    expect(averageOf([1, 0, 0, 3])).toBe(3.3);
    expect(averageOf([0, 1, 1, 0])).toBe(2.5);
    expect(averageOf([0, 0])).toBeNull();
  });
});

describe('engagementText', () => {
  it('drops empty languages and needs one', () => {
    expect(engagementText({ kk: ' Иә ', ru: '' }, 10, 'x')).toEqual({ kk: 'Иә' });
    expect(() => engagementText('text', 10, 'x')).toThrow(/object of kk, ru/);
  });
});
