import {
  assertProgramDates,
  assertProgramEditable,
  assertProgramTransition,
  normalizeReminderOffsets,
  normalizeText,
} from './program.policy';

describe('program status transitions', () => {
  it('allows draft <-> published and anything -> archived', () => {
    expect(assertProgramTransition('draft', 'published')).toBe(true);
    expect(assertProgramTransition('published', 'draft')).toBe(true);
    expect(assertProgramTransition('draft', 'archived')).toBe(true);
    expect(assertProgramTransition('published', 'archived')).toBe(true);
  });

  it('treats the current status as a no-op', () => {
    expect(assertProgramTransition('published', 'published')).toBe(false);
    expect(assertProgramTransition('archived', 'archived')).toBe(false);
  });

  it('refuses to leave archived, with a conflict', () => {
    expect(() => assertProgramTransition('archived', 'published')).toThrow(/archived/);
    expect(() => assertProgramTransition('archived', 'draft')).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
    expect(() => assertProgramEditable('archived')).toThrow(
      expect.objectContaining({ code: 'program_archived' }),
    );
    expect(() => assertProgramEditable('draft')).not.toThrow();
  });
});

describe('program dates', () => {
  it('accepts open and ordered ranges, including a single day', () => {
    expect(() => assertProgramDates(null, null)).not.toThrow();
    expect(() => assertProgramDates('2024-06-15', '2024-08-05')).not.toThrow();
    expect(() => assertProgramDates('2024-06-15', '2024-06-15')).not.toThrow();
  });

  it('refuses an end before the start and impossible dates', () => {
    expect(() => assertProgramDates('2024-06-15', '2024-06-14')).toThrow(
      /endsOn \(2024-06-14\) must not be before startsOn/,
    );
    expect(() => assertProgramDates('2024-02-30', null)).toThrow(/startsOn must be a real date/);
    expect(() => assertProgramDates(null, '15.06.2024')).toThrow(/endsOn must be a real date/);
  });
});

describe('reminder offsets', () => {
  it('sorts them largest first', () => {
    expect(normalizeReminderOffsets([10, 1440, 60])).toEqual([1440, 60, 10]);
    expect(normalizeReminderOffsets([])).toEqual([]);
  });

  it('refuses out-of-range, fractional and repeated offsets', () => {
    expect(() => normalizeReminderOffsets([0])).toThrow(/from 1 to 43200/);
    expect(() => normalizeReminderOffsets([43201])).toThrow(/got 43201/);
    expect(() => normalizeReminderOffsets([1.5])).toThrow(/integer/);
    expect(() => normalizeReminderOffsets([60, 60])).toThrow(/must not repeat/);
  });
});

describe('normalizeText', () => {
  it('trims, drops blank languages and keeps the others', () => {
    expect(normalizeText({ ru: '  Праймериз ', en: ' ', kk: undefined }, 'title', 300, true)).toEqual({
      ru: 'Праймериз',
    });
    expect(normalizeText(undefined, 'description', 5000, false)).toEqual({});
  });

  it('needs one language for a required text and enforces the length', () => {
    expect(() => normalizeText({ en: '  ' }, 'title', 300, true)).toThrow(
      /title needs a text in at least one language/,
    );
    expect(() => normalizeText({ kk: 'x'.repeat(301) }, 'title', 300, true)).toThrow(
      /title.kk must be at most 300/,
    );
  });
});
