import { formatNumber, formatPercent, orDash, plural } from './format';

describe('numbers for people', () => {
  it('rounds what a float left over and uses the language’s decimal sign', () => {
    expect(formatNumber(0.39999999999999997, 'ru')).toBe('0,4');
    expect(formatNumber(0.39999999999999997, 'kk')).toBe('0,4');
    expect(formatNumber(0.39999999999999997, 'en')).toBe('0.4');
    expect(formatNumber(135, 'ru')).toBe('135');
    expect(formatNumber(12.25, 'en')).toBe('12.3');
  });

  it('groups thousands as each language does', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(12345, 'ru').replace(/\s/g, ' ')).toBe('12 345');
  });

  it('writes percentages and missing figures', () => {
    expect(formatPercent(33.3, 'ru')).toBe('33,3 %');
    expect(formatPercent(33.3, 'en')).toBe('33.3%');
    expect(orDash(null, 'ru')).toBe('—');
  });
});

describe('plurals', () => {
  const ru = { one: '{n} вопрос', few: '{n} вопроса', many: '{n} вопросов', other: '{n} вопроса' };
  it('picks the Russian form by the number', () => {
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => plural(n, 'ru', ru))).toEqual([
      '1 вопрос',
      '2 вопроса',
      '5 вопросов',
      '11 вопросов',
      '21 вопрос',
      '22 вопроса',
      '25 вопросов',
    ]);
    expect(plural(1.5, 'ru', ru)).toBe('1,5 вопроса');
  });

  it('uses the one Kazakh form after a number and English one / other', () => {
    expect(plural(5, 'kk', { other: '{n} сұрақ' })).toBe('5 сұрақ');
    const en = { one: '{n} question', other: '{n} questions' };
    expect([plural(1, 'en', en), plural(2, 'en', en)]).toEqual(['1 question', '2 questions']);
  });
});
