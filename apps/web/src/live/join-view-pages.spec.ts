import { pagesHint, QUESTION_PAGE_LIMIT, questionPages } from './join-view-pages';

describe('questionPages (how many pages a join view announces)', () => {
  it('rounds up, and counts an empty or unreadable first page as the only one', () => {
    expect(questionPages({ questions: { total: 2000, pageSize: 200 } })).toBe(10);
    expect(questionPages({ questions: { total: 450, pageSize: 200 } })).toBe(3);
    expect(questionPages({ questions: { total: 0, pageSize: 200 } })).toBe(1);
    expect(questionPages({ questions: { total: '9', pageSize: 200 } })).toBe(1);
    expect(questionPages({ error: 'unauthorized' })).toBe(1);
    expect(questionPages(null)).toBe(1);
  });

  it('never asks for more than the limit', () => {
    expect(questionPages({ questions: { total: 1e6, pageSize: 200 } })).toBe(QUESTION_PAGE_LIMIT);
    expect(pagesHint('999999')).toBe(QUESTION_PAGE_LIMIT);
  });
});

describe('pagesHint (the count the api wrote into a join link page)', () => {
  it('takes a plain positive number and nothing else', () => {
    expect(pagesHint('10')).toBe(10);
    expect(pagesHint('1')).toBe(1);
    for (const bad of [undefined, null, '', '0', '-3', '2.5', '1e3', ' 4', '10abc', '9999999']) {
      expect(pagesHint(bad)).toBeUndefined();
    }
  });
});
