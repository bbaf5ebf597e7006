import type {
  EngagementText,
  PollDefinition,
  PollKind,
  PollRegionTally,
  PollStatus,
  PollTally,
} from '@qatys/contracts';
import { POLL_KINDS } from '@qatys/contracts';
import { conflict, invalid } from '../shared/domain.errors';
import { isStorableText } from '../qa/text.policy';

export const POLL_LIMITS = {
  questionChars: 300,
  optionChars: 200,
  minOptions: 2,
  maxOptions: 10,
  minScale: 2,
  maxScale: 10,
  defaultScale: 5,
  maxWords: 3,
  wordChars: 40,
  topWords: 50,
  topWordsPerRegion: 10,
} as const;

const LANGS = ['kk', 'ru', 'en'] as const;

/** A poll as stored: validated, trimmed, defaults applied. */
export interface PollShape {
  kind: PollKind;
  question: EngagementText;
  options: EngagementText[];
  maxChoices: number | null;
  scale: number | null;
  anonymous: boolean;
  changeable: boolean;
  quiz: boolean;
  correct: number[] | null;
}

const bad = (message: string, rule: string) => invalid('invalid_poll', message, { rule });

/** kk/ru/en text: each given language 1..max characters after trimming, Unicode only; one at least. */
export function engagementText(raw: unknown, maxChars: number, field: string): EngagementText {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw bad(`${field} must be an object of kk, ru and/or en texts`, 'text');
  }
  const out: EngagementText = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(LANGS as readonly string[]).includes(key)) throw bad(`${field}: unknown language "${key}"`, 'text');
    if (typeof value !== 'string' || !isStorableText(value)) {
      throw bad(`${field}.${key} must be Unicode text`, 'text');
    }
    const text = value.trim();
    const chars = [...text].length;
    if (chars === 0) continue;
    if (chars > maxChars) throw bad(`${field}.${key} may have at most ${maxChars} characters`, 'text');
    out[key as (typeof LANGS)[number]] = text;
  }
  if (!Object.keys(out).length) throw bad(`${field} needs a text in kk, ru or en`, 'text');
  return out;
}

/**
 * A poll definition as the bank or the console sends it, checked in full: choices need 2-10
 * options, a rating a scale of 2-10, words neither; a quiz is single/multiple choice, named (its
 * scores count toward completion) and says which options are correct (one for single choice).
 */
export function pollShape(d: PollDefinition): PollShape {
  if (!(POLL_KINDS as readonly string[]).includes(d.kind)) {
    throw bad(`kind must be one of ${POLL_KINDS.join(', ')}`, 'kind');
  }
  const choice = d.kind === 'single' || d.kind === 'multiple';
  const question = engagementText(d.question, POLL_LIMITS.questionChars, 'question');
  const rawOptions = d.options ?? [];
  if (!Array.isArray(rawOptions)) throw bad('options must be a list', 'options');
  if (choice && (rawOptions.length < POLL_LIMITS.minOptions || rawOptions.length > POLL_LIMITS.maxOptions)) {
    throw bad(
      `A ${d.kind} choice poll needs ${POLL_LIMITS.minOptions}-${POLL_LIMITS.maxOptions} options`,
      'options',
    );
  }
  if (!choice && rawOptions.length) throw bad(`A ${d.kind} poll takes no options`, 'options');
  const options = rawOptions.map((o, i) => engagementText(o, POLL_LIMITS.optionChars, `options[${i}]`));

  let maxChoices: number | null = null;
  if (d.maxChoices !== undefined && d.maxChoices !== null) {
    if (d.kind !== 'multiple') throw bad('maxChoices is for multiple choice polls', 'maxChoices');
    if (!Number.isInteger(d.maxChoices) || d.maxChoices < 1 || d.maxChoices > options.length) {
      throw bad(`maxChoices must be 1-${options.length}`, 'maxChoices');
    }
    maxChoices = d.maxChoices;
  }
  let scale: number | null = null;
  if (d.kind === 'rating') {
    scale = d.scale ?? POLL_LIMITS.defaultScale;
    if (!Number.isInteger(scale) || scale < POLL_LIMITS.minScale || scale > POLL_LIMITS.maxScale) {
      throw bad(`scale must be ${POLL_LIMITS.minScale}-${POLL_LIMITS.maxScale}`, 'scale');
    }
  } else if (d.scale !== undefined && d.scale !== null) {
    throw bad('scale is for rating polls', 'scale');
  }

  const quiz = d.quiz === true;
  const anonymous = d.anonymous === true;
  let correct: number[] | null = null;
  if (quiz) {
    if (!choice) throw bad('A quiz question is a single or multiple choice poll', 'quiz');
    if (anonymous) throw bad('A quiz is named: its scores count toward completion', 'quiz');
    correct = [...new Set(d.correct ?? [])].sort((a, b) => a - b);
    if (!correct.length) throw bad('A quiz question says which options are correct', 'correct');
    if (correct.some((i) => !Number.isInteger(i) || i < 0 || i >= options.length)) {
      throw bad(`correct holds option indexes 0-${options.length - 1}`, 'correct');
    }
    if (d.kind === 'single' && correct.length !== 1) {
      throw bad('A single choice quiz question has exactly one correct option', 'correct');
    }
    if (maxChoices !== null && correct.length > maxChoices) {
      throw bad('maxChoices is smaller than the number of correct options', 'correct');
    }
  } else if (d.correct !== undefined && d.correct !== null) {
    throw bad('correct is for quiz questions', 'correct');
  }
  return {
    kind: d.kind,
    question,
    options,
    maxChoices,
    scale,
    anonymous,
    changeable: d.changeable === true,
    quiz,
    correct,
  };
}

export interface AnswerInput {
  choices?: number[];
  rating?: number;
  words?: string;
}

/** An answer as stored (exactly one field is set). */
export interface AnswerShape {
  choices: number[] | null;
  rating: number | null;
  words: string[] | null;
}

const badAnswer = (message: string) => invalid('invalid_answer', message);

/**
 * An answer checked against its poll: single choice one option, multiple 1..maxChoices distinct
 * options, a rating 1..scale, words 1-3 short entries (comma-separated; trimmed, lower-cased,
 * inner spaces collapsed, repeats dropped). Only the field of the poll's kind may be given.
 */
export function pollAnswer(
  poll: Pick<PollShape, 'kind' | 'options' | 'maxChoices' | 'scale'>,
  a: AnswerInput,
): AnswerShape {
  const given = (['choices', 'rating', 'words'] as const).filter((k) => a[k] !== undefined);
  const expected = poll.kind === 'rating' ? 'rating' : poll.kind === 'words' ? 'words' : 'choices';
  if (given.length !== 1 || given[0] !== expected) {
    throw badAnswer(`A ${poll.kind} poll takes ${expected} (and nothing else)`);
  }
  if (expected === 'choices') {
    const choices = [...new Set(a.choices!)].sort((x, y) => x - y);
    const n = poll.options.length;
    if (choices.some((i) => !Number.isInteger(i) || i < 0 || i >= n)) {
      throw badAnswer(`choices are option indexes 0-${n - 1}`);
    }
    const max = poll.kind === 'single' ? 1 : (poll.maxChoices ?? n);
    if (choices.length < 1 || choices.length > max || choices.length !== a.choices!.length) {
      throw badAnswer(
        poll.kind === 'single' ? 'Choose exactly one option' : `Choose 1-${max} different options`,
      );
    }
    return { choices, rating: null, words: null };
  }
  if (expected === 'rating') {
    const r = a.rating!;
    if (!Number.isInteger(r) || r < 1 || r > (poll.scale ?? POLL_LIMITS.defaultScale)) {
      throw badAnswer(`rating is 1-${poll.scale}`);
    }
    return { choices: null, rating: r, words: null };
  }
  return { choices: null, rating: null, words: wordsOf(a.words!) };
}

function wordsOf(raw: string): string[] {
  if (typeof raw !== 'string' || !isStorableText(raw)) throw badAnswer('words must be Unicode text');
  const out: string[] = [];
  for (const part of raw.split(/[,;\n]/)) {
    const w = part.trim().replace(/\s+/g, ' ').toLowerCase();
    if (!w) continue;
    if ([...w].length > POLL_LIMITS.wordChars) {
      throw badAnswer(`Each word or phrase may have at most ${POLL_LIMITS.wordChars} characters`);
    }
    if (!out.includes(w)) out.push(w);
  }
  if (!out.length) throw badAnswer('Give at least one word');
  if (out.length > POLL_LIMITS.maxWords) throw badAnswer(`At most ${POLL_LIMITS.maxWords} words or phrases`);
  return out;
}

/** A quiz answer scores when it is exactly the set of correct options; null for polls that are not quizzes. */
export function answerCorrect(
  poll: Pick<PollShape, 'quiz' | 'correct'>,
  answer: AnswerShape,
): boolean | null {
  if (!poll.quiz || !poll.correct) return null;
  const c = answer.choices ?? [];
  return c.length === poll.correct.length && c.every((x, i) => x === poll.correct![i]);
}

export type PollStep = 'open' | 'close' | 'reveal' | 'hide';

/** draft -> open -> closed; results may be revealed (and hidden) once the poll has opened. */
export function pollStep(
  p: { status: PollStatus; revealed: boolean },
  step: PollStep,
): { status: PollStatus; revealed: boolean; changed: boolean } {
  const to = (status: PollStatus, revealed = p.revealed) => ({
    status,
    revealed,
    changed: status !== p.status || revealed !== p.revealed,
  });
  switch (step) {
    case 'open':
      if (p.status === 'closed') throw transition(p.status, step);
      return to('open');
    case 'close':
      if (p.status === 'draft') throw transition(p.status, step);
      return to('closed');
    case 'reveal':
    case 'hide':
      if (p.status === 'draft') throw transition(p.status, step);
      return to(p.status, step === 'reveal');
  }
}

function transition(status: PollStatus, step: PollStep) {
  return conflict('invalid_transition', `A ${status} poll cannot be given "${step}"`, { status, step });
}

/** One aggregated line of answers: `key` is the option index (choices), the value (rating) or the word. */
export interface AnswerCount {
  regionId: number | null;
  key: string;
  count: number;
}

export interface PeopleCount {
  regionId: number | null;
  total: number;
  correct: number;
}

/** Results per option (or value, or word), overall and per region, from aggregated counts. */
export function tallies(
  poll: Pick<PollShape, 'kind' | 'options' | 'scale' | 'quiz'>,
  people: readonly PeopleCount[],
  counts: readonly AnswerCount[],
): { total: PollTally; regions: PollRegionTally[] } {
  const slots = poll.kind === 'rating' ? (poll.scale ?? 0) : poll.kind === 'words' ? 0 : poll.options.length;
  const make = (): Acc => ({
    total: 0,
    correct: 0,
    counts: new Array<number>(slots).fill(0),
    words: new Map(),
  });
  const all = make();
  const byRegion = new Map<number | null, Acc>();
  const acc = (regionId: number | null) => {
    let a = byRegion.get(regionId);
    if (!a) byRegion.set(regionId, (a = make()));
    return a;
  };
  for (const p of people) {
    for (const a of [all, acc(p.regionId)]) {
      a.total += p.total;
      a.correct += p.correct;
    }
  }
  for (const c of counts) {
    for (const a of [all, acc(c.regionId)]) {
      if (poll.kind === 'words') a.words.set(c.key, (a.words.get(c.key) ?? 0) + c.count);
      else {
        const i = Number(c.key) - (poll.kind === 'rating' ? 1 : 0);
        if (i >= 0 && i < slots) a.counts[i] += c.count;
      }
    }
  }
  const view = (a: Acc, topWords: number): PollTally => ({
    total: a.total,
    counts: a.counts,
    average: poll.kind === 'rating' ? averageOf(a.counts) : null,
    words: [...a.words]
      .sort(([wa, na], [wb, nb]) => nb - na || (wa < wb ? -1 : wa > wb ? 1 : 0))
      .slice(0, topWords)
      .map(([text, count]) => ({ text, count })),
    correctAnswers: poll.quiz ? a.correct : null,
  });
  return {
    total: view(all, POLL_LIMITS.topWords),
    regions: [...byRegion]
      .sort(([a], [b]) => (a ?? 0) - (b ?? 0))
      .map(([regionId, a]) => ({ regionId, ...view(a, POLL_LIMITS.topWordsPerRegion) })),
  };
}

interface Acc {
  total: number;
  correct: number;
  counts: number[];
  words: Map<string, number>;
}

/** Mean of a rating distribution (index 0 = 1), one decimal, halves up; null without answers. */
export function averageOf(counts: readonly number[]): number | null {
  let n = 0;
  let sum = 0;
  counts.forEach((c, i) => {
    n += c;
    sum += c * (i + 1);
  });
  return n ? Math.round((sum * 10) / n) / 10 : null;
}
