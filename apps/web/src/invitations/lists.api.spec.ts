import { offsetHoursText, parseOffsetHours } from './lists.api';

describe('invitation reminder offsets typed in hours', () => {
  it('reads hours into minutes, largest first, without repeats', () => {
    expect(parseOffsetHours('24, 72')).toEqual([4320, 1440]);
    expect(parseOffsetHours('72;72 1')).toEqual([4320, 60]);
    expect(parseOffsetHours('  ')).toEqual([]);
  });

  it('refuses what the API would refuse', () => {
    expect(parseOffsetHours('0')).toBeNull();
    expect(parseOffsetHours('1441')).toBeNull();
    expect(parseOffsetHours('1.5')).toBeNull();
    expect(parseOffsetHours('1,2,3,4,5,6')).toBeNull();
    expect(parseOffsetHours('two')).toBeNull();
  });

  it('shows minutes as hours', () => {
    expect(offsetHoursText([4320, 1440, 90])).toBe('72, 24, 1.5');
  });
});
