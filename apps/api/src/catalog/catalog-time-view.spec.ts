import { timeView } from '../common/time-view';
import { catalogTimeView } from './catalog-time-view';

const ZONES = [
  'Asia/Almaty',
  'Asia/Qostanay',
  'Asia/Qyzylorda',
  'Asia/Aqtau',
  'Asia/Oral',
  'Europe/Berlin',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Africa/Monrovia',
  'Etc/UTC',
  'UTC',
  'utc',
  'GMT',
  'Europe/London',
];

describe('catalogTimeView', () => {
  it('agrees with timeView around the 2024-03-01 Kazakhstan change, DST edges and odd offsets', () => {
    const instants: Date[] = [
      '2024-02-29T17:59:59.999Z',
      '2024-02-29T18:00:00Z',
      '2024-02-29T18:30:00Z',
      '2024-03-02T07:00:00Z',
      '2024-03-31T00:59:59Z',
      '2024-03-31T01:00:00Z',
      '2024-10-27T00:30:00Z',
      '2024-11-03T05:30:00Z',
      '2018-12-20T18:00:00Z',
      '1970-01-01T00:00:00Z',
      '1968-06-01T12:00:00Z',
      '1900-01-01T00:00:00Z',
      '2099-12-31T23:59:59.5Z',
    ].map((s) => new Date(s));
    // and every 31h 13m across two years
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2025, 0, 1); t += (31 * 60 + 13) * 60_000 + 1234)
      instants.push(new Date(t));
    for (const zone of ZONES) {
      const expected = instants.map((i) => timeView(i, zone, 'Asia/Almaty'));
      expect(instants.map((i) => catalogTimeView(i, zone, 'Asia/Almaty'))).toEqual(expected);
      // the second read comes from the cache
      expect(instants.map((i) => catalogTimeView(i, zone, 'Asia/Almaty'))).toEqual(expected);
    }
  });
});
