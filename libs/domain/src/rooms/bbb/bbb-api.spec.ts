import { bbbChecksum, bbbQuery, bbbUrl, parseBbbResponse } from './bbb-api';
import { BbbProvider } from './bbb.provider';

// The docs' worked example (API Security Model).
const SECRET = '639259d4-9dd8-4b25-bf01-95f9567eaf4b';

describe('BigBlueButton checksums', () => {
  it('reproduces the docs example', () => {
    expect(
      bbbChecksum(
        'create',
        'name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444',
        SECRET,
      ),
    ).toBe('1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17');
  });

  it('encodes the query the way the docs show it and signs what it sends', () => {
    const q = bbbQuery([
      ['name', 'Test Meeting'],
      ['meetingID', 'abc123'],
      ['attendeePW', '111222'],
      ['moderatorPW', '333444'],
    ]);
    expect(q).toBe('name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444');
    expect(bbbUrl('https://bbb.example.com/bigbluebutton/', 'create', q, SECRET)).toBe(
      `https://bbb.example.com/bigbluebutton/api/create?${q}&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17`,
    );
  });

  it('uses SHA-256 when configured (64 hex digits)', () => {
    const sum = bbbChecksum('create', 'meetingID=abc123', SECRET, 'sha256');
    expect(sum).toMatch(/^[0-9a-f]{64}$/);
    expect(sum).not.toBe(bbbChecksum('create', 'meetingID=abc123', SECRET));
  });
});

describe('join URLs', () => {
  const provider = new BbbProvider(
    { url: 'https://bbb.example.com/bigbluebutton/', secret: SECRET, checksum: 'sha1' },
    'https://qatys.example.com',
  );
  const room = {
    provider: 'bigbluebutton' as const,
    externalId: 'qatys-0b6f6d3e-5c3e-4b8e-9f0e-1d2c3b4a5f60',
    nodeId: null,
    relayNodeIds: [],
    secret: null,
    createTime: '1531155809613',
  };

  it('carry role, userID = our registration id and createTime, signed on the server', async () => {
    const grant = await provider.grant(
      room,
      { userId: 'u-1', registrationId: '11111111-2222-4333-8444-555555555555', displayName: 'Айгүл Сейіт' },
      'attendee',
      new Date('2030-01-01T00:00:00Z'),
    );
    if (grant.provider !== 'bigbluebutton') throw new Error('wrong provider');
    const url = new URL(grant.joinUrl);
    expect(url.pathname).toBe('/bigbluebutton/api/join');
    expect(url.searchParams.get('role')).toBe('VIEWER');
    expect(url.searchParams.get('userID')).toBe('11111111-2222-4333-8444-555555555555');
    expect(url.searchParams.get('createTime')).toBe('1531155809613');
    expect(url.searchParams.get('fullName')).toBe('Айгүл Сейіт');
    const query = grant.joinUrl.split('?')[1].replace(/&checksum=[0-9a-f]+$/, '');
    expect(url.searchParams.get('checksum')).toBe(bbbChecksum('join', query, SECRET));
  });

  it('make speakers and organizers moderators', async () => {
    const grant = await provider.grant(
      room,
      { userId: 'u-2', registrationId: null, displayName: 'Org' },
      'speaker',
      new Date(),
    );
    if (grant.provider !== 'bigbluebutton') throw new Error('wrong provider');
    expect(new URL(grant.joinUrl).searchParams.get('role')).toBe('MODERATOR');
    expect(new URL(grant.joinUrl).searchParams.get('userID')).toBe('u-2');
  });

  it('create registers the callbacks as meta parameters', () => {
    const params = new Map(
      provider.createParams({
        sessionId: 's-1',
        title: 'Webinar',
        startAt: new Date(),
        endAt: new Date(),
        audience: 10,
        record: true,
      }),
    );
    expect(params.get('meetingID')).toBe('qatys-s-1');
    expect(params.get('meta_bbb-recording-ready-url')).toBe(
      'https://qatys.example.com/rooms/bbb/recording-ready',
    );
    expect(params.get('meta_analytics-callback-url')).toBe('https://qatys.example.com/rooms/bbb/analytics');
    expect(params.get('meetingKeepEvents')).toBe(true);
  });
});

describe('parseBbbResponse (the docs example answers)', () => {
  it('reads create', () => {
    const r = parseBbbResponse(`<response>
  <returncode>SUCCESS</returncode>
  <meetingID>Test</meetingID>
  <internalMeetingID>640ab2bae07bedc4c163f679a746f7ab7fb5d1fa-1531155809613</internalMeetingID>
  <parentMeetingID>bbb-none</parentMeetingID>
  <attendeePW>ap</attendeePW>
  <moderatorPW>mp</moderatorPW>
  <createTime>1531155809613</createTime>
  <voiceBridge>70757</voiceBridge>
  <dialNumber>613-555-1234</dialNumber>
  <createDate>Mon Jul 09 17:03:29 UTC 2018</createDate>
  <hasUserJoined>false</hasUserJoined>
  <duration>0</duration>
  <hasBeenForciblyEnded>false</hasBeenForciblyEnded>
  <messageKey>duplicateWarning</messageKey>
  <message>This conference was already in existence and may currently be in progress.</message>
</response>`);
    expect(r.ok).toBe(true);
    expect(r.fields.createTime).toBe('1531155809613');
    expect(r.messageKey).toBe('duplicateWarning');
  });

  it('reads getMeetingInfo with its attendees', () => {
    const r = parseBbbResponse(`<response>
	<returncode>SUCCESS</returncode>
	<meetingName>Anton G's Room</meetingName>
	<meetingID>gbesu6dht08uobpislzqxsizjzihn87cmewqyacs</meetingID>
	<createTime>1715261728123</createTime>
	<running>true</running>
	<participantCount>1</participantCount>
	<attendees>
		<attendee>
			<userID>w_ftcrsyuh44oj</userID>
			<fullName>Anton G</fullName>
			<role>MODERATOR</role>
			<isPresenter>true</isPresenter>
			<customdata></customdata>
		</attendee>
	</attendees>
	<metadata>
		<bbb-origin>greenlight</bbb-origin>
	</metadata>
	<isBreakout>false</isBreakout>
</response>`);
    expect(r.fields.running).toBe('true');
    expect(r.fields.participantCount).toBe('1');
    expect(r.attendees).toEqual([{ userID: 'w_ftcrsyuh44oj', fullName: 'Anton G', role: 'MODERATOR' }]);
  });

  it('reads a failure and end', () => {
    const fail = parseBbbResponse(
      `<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey><message>Checksums do not match</message></response>`,
    );
    expect(fail).toMatchObject({ ok: false, messageKey: 'checksumError' });
    const end = parseBbbResponse(`<response>
  <returncode>SUCCESS</returncode>
  <messageKey>sentEndMeetingRequest</messageKey>
  <message>
    A request to end the meeting was sent.
  </message>
</response>`);
    expect(end).toMatchObject({ ok: true, messageKey: 'sentEndMeetingRequest' });
  });

  it('refuses what is not an API answer', () => {
    expect(() => parseBbbResponse('<html>502 Bad Gateway</html>')).toThrow();
  });
});
