import { DomainError } from '../shared/domain.errors';
import type { FormField } from './call.entity';
import { normalizeForm, validateAnswers } from './call-form.policy';

const form: FormField[] = normalizeForm([
  {
    key: 'letter',
    type: 'text',
    label: { kk: 'Хат', ru: 'Письмо', en: 'Letter' },
    required: true,
    maxLength: 20,
  },
  {
    key: 'education',
    type: 'choice',
    label: { en: 'Education' },
    required: true,
    options: [
      { value: 'bachelor', label: { en: 'Bachelor' } },
      { value: 'master', label: { en: 'Master' } },
    ],
  },
  { key: 'years', type: 'number', label: { en: 'Years' }, required: false, min: 0, max: 50, integer: true },
  { key: 'cv', type: 'file_link', label: { en: 'CV' }, required: false },
]);

function errorsOf(answers: Record<string, unknown>): string[] {
  try {
    validateAnswers(form, answers);
  } catch (e) {
    return ((e as DomainError).details as { errors: string[] }).errors;
  }
  return [];
}

describe('normalizeForm', () => {
  it('keeps the canonical shape with defaults', () => {
    expect(form[0]).toEqual({
      key: 'letter',
      type: 'text',
      label: { kk: 'Хат', ru: 'Письмо', en: 'Letter' },
      required: true,
      maxLength: 20,
    });
    expect(form[3]).toEqual({ key: 'cv', type: 'file_link', label: { en: 'CV' }, required: false });
  });

  it('refuses duplicate keys, empty choices, inverted bounds and unknown languages', () => {
    const t = (f: Partial<FormField>) =>
      ({ key: 'a', type: 'text', label: { en: 'A' }, required: false, ...f }) as FormField;
    expect(() => normalizeForm([t({}), t({})])).toThrow('form[1].key "a" is used twice');
    expect(() => normalizeForm([t({ type: 'choice', options: [] })])).toThrow(/needs at least one option/);
    expect(() => normalizeForm([t({ type: 'number', min: 5, max: 1 })])).toThrow(
      'form[0]: min (5) is greater than max (1)',
    );
    expect(() => normalizeForm([t({ label: { de: 'A' } as never })])).toThrow(/languages are kk, ru and en/);
    expect(() => normalizeForm([t({ key: 'Bad Key' })])).toThrow(/lower-case/);
    expect(() => normalizeForm([t({ type: 'date' as never })])).toThrow(
      /must be one of text, choice, number, file_link/,
    );
  });
});

describe('validateAnswers', () => {
  it('accepts good answers, trims text and drops empty optional ones', () => {
    expect(
      validateAnswers(form, { letter: '  I want to serve  ', education: 'master', years: 3, cv: '' }),
    ).toEqual({ letter: 'I want to serve', education: 'master', years: 3 });
  });

  it('reports every problem at once', () => {
    expect(
      errorsOf({ letter: 'x'.repeat(21), education: 'phd', years: 2.5, cv: 'javascript:alert(1)', extra: 1 }),
    ).toEqual([
      'answers.extra: the form has no such question',
      'answers.letter is 21 characters; at most 20',
      'answers.education must be one of bachelor, master',
      'answers.years must be a whole number',
      'answers.cv must be an http(s) link to the file (at most 2000 characters)',
    ]);
    expect(errorsOf({ letter: '   ' })).toEqual([
      'answers.letter is required',
      'answers.education is required',
    ]);
    expect(errorsOf({ letter: 'a', education: 'master', years: 51 })).toEqual([
      'answers.years must be at most 50 (got 51)',
    ]);
    expect(errorsOf({ letter: 7, education: 'master', years: '3' })).toEqual([
      'answers.letter must be text',
      'answers.years must be a number',
    ]);
  });
});
