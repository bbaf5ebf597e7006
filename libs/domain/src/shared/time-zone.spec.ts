import { IANAZone } from 'luxon';
import { isValidTimeZone } from './time-zone';

describe('isValidTimeZone', () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers as Luxon does', () => {
    for (const zone of ['Asia/Almaty', 'Asia/Qyzylorda', 'UTC', 'Europe/Moscow'])
      expect(isValidTimeZone(zone)).toBe(true);
    for (const zone of ['', 'Asia/Nowhere', 'Mars/Olympus', '../etc/passwd'])
      expect(isValidTimeZone(zone)).toBe(false);
  });

  it('asks Luxon once per valid zone, and again every time for a wrong one (nothing of theirs is kept)', () => {
    const spy = jest.spyOn(IANAZone, 'isValidZone');
    expect(isValidTimeZone('Asia/Aqtobe')).toBe(true);
    expect(isValidTimeZone('Asia/Aqtobe')).toBe(true);
    expect(spy.mock.calls.filter(([z]) => z === 'Asia/Aqtobe')).toHaveLength(1);
    expect(isValidTimeZone('Asia/Atlantis')).toBe(false);
    expect(isValidTimeZone('Asia/Atlantis')).toBe(false);
    expect(spy.mock.calls.filter(([z]) => z === 'Asia/Atlantis')).toHaveLength(2);
  });
});
