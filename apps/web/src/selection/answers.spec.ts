import { ApiError } from '../api/http';
import { serverAnswerProblems, toAnswer } from './answers';
import type { FormField } from './selection-types';

const label = { en: 'q' };

describe('an applicant answer checked in the browser', () => {
  it('types numbers and refuses what the API would refuse', () => {
    const f: FormField = {
      key: 'years',
      type: 'number',
      label,
      required: true,
      min: 0,
      max: 40,
      integer: true,
    };
    expect(toAnswer(f, ' 3 ')).toEqual({ value: 3 });
    expect(toAnswer(f, '')).toEqual({ problem: { kind: 'required' } });
    expect(toAnswer(f, '2.5')).toEqual({ problem: { kind: 'integer' } });
    expect(toAnswer(f, '41')).toEqual({ problem: { kind: 'max', max: 40 } });
    expect(toAnswer(f, 'abc')).toEqual({ problem: { kind: 'number' } });
  });

  it('checks choices, links and text length; an empty optional answer is left out', () => {
    const choice: FormField = {
      key: 'edu',
      type: 'choice',
      label,
      required: false,
      options: [{ value: 'master', label }],
    };
    expect(toAnswer(choice, '')).toEqual({});
    expect(toAnswer(choice, 'phd')).toEqual({ problem: { kind: 'choice' } });
    const link: FormField = { key: 'cv', type: 'file_link', label, required: false };
    expect(toAnswer(link, 'javascript:alert(1)')).toEqual({ problem: { kind: 'url' } });
    expect(toAnswer(link, 'https://files.example/cv.pdf')).toEqual({ value: 'https://files.example/cv.pdf' });
    const text: FormField = { key: 'why', type: 'text', label, required: true, maxLength: 5 };
    expect(toAnswer(text, 'abcdef')).toEqual({ problem: { kind: 'tooLong', max: 5, n: 6 } });
  });

  it("puts the server's answer errors next to their questions", () => {
    const e = new ApiError(400, 'invalid_answers', 'x', {
      errors: [
        'answers.why is required',
        'answers.years must be at most 40 (got 50)',
        'answers.cv must be an http(s) link to the file',
      ],
    });
    expect(serverAnswerProblems(e)).toEqual({
      why: { kind: 'required' },
      years: { kind: 'server' },
      cv: { kind: 'url' },
    });
  });
});
