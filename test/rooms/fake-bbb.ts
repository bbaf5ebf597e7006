import { createHash } from 'crypto';
import { createServer, Server } from 'http';
import type { AddressInfo } from 'net';

/**
 * A stand-in for a BigBlueButton server on 127.0.0.1 that answers with the API docs' example
 * responses and checks every call's checksum the way bbb-web does (call name + query without
 * `checksum` + shared secret). No BigBlueButton can run here; this pins our requests to the
 * documented shapes.
 */
export class FakeBbb {
  readonly calls: { call: string; params: URLSearchParams; checksumOk: boolean }[] = [];
  private server!: Server;
  url = '';

  constructor(
    readonly secret: string,
    readonly algorithm: 'sha1' | 'sha256' = 'sha1',
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      const call = u.pathname.replace(/^\/bigbluebutton\/api\//, '');
      const raw = (req.url ?? '').split('?')[1] ?? '';
      const query = raw.replace(/&?checksum=[0-9a-f]+$/, '');
      const expected = createHash(this.algorithm).update(`${call}${query}${this.secret}`).digest('hex');
      const checksumOk = u.searchParams.get('checksum') === expected;
      this.calls.push({ call, params: u.searchParams, checksumOk });
      res.setHeader('content-type', 'text/xml');
      if (!checksumOk) {
        res.end(
          `<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey><message>Checksums do not match</message></response>`,
        );
        return;
      }
      res.end(this.answer(call, u.searchParams));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/bigbluebutton/`;
    return this;
  }

  /** The docs' examples, with the meetingID asked for. */
  private answer(call: string, p: URLSearchParams): string {
    const id = p.get('meetingID') ?? '';
    switch (call) {
      case 'create':
        return `<response>
  <returncode>SUCCESS</returncode>
  <meetingID>${id}</meetingID>
  <internalMeetingID>640ab2bae07bedc4c163f679a746f7ab7fb5d1fa-1531155809613</internalMeetingID>
  <parentMeetingID>bbb-none</parentMeetingID>
  <createTime>1531155809613</createTime>
  <voiceBridge>70757</voiceBridge>
  <dialNumber>613-555-1234</dialNumber>
  <createDate>Mon Jul 09 17:03:29 UTC 2018</createDate>
  <hasUserJoined>false</hasUserJoined>
  <duration>0</duration>
  <hasBeenForciblyEnded>false</hasBeenForciblyEnded>
  <messageKey></messageKey>
  <message></message>
</response>`;
      case 'hooks/create':
        return `<response>
  <returncode>SUCCESS</returncode>
  <hookID>1</hookID>
  <permanentHook>false</permanentHook>
  <rawData>false</rawData>
</response>`;
      case 'end':
        return `<response>
  <returncode>SUCCESS</returncode>
  <messageKey>sentEndMeetingRequest</messageKey>
  <message>A request to end the meeting was sent.  Please wait a few seconds, and then use the getMeetingInfo or isMeetingRunning API calls to verify that it was ended</message>
</response>`;
      case 'getMeetingInfo':
        return `<response>
	<returncode>SUCCESS</returncode>
	<meetingName>Anton G's Room</meetingName>
	<meetingID>${id}</meetingID>
	<internalMeetingID>a0715c95000a2bcb90604ecc7097dbc94592c690-1715261728123</internalMeetingID>
	<createTime>1715261728123</createTime>
	<running>true</running>
	<participantCount>1</participantCount>
	<attendees>
		<attendee>
			<userID>w_ftcrsyuh44oj</userID>
			<fullName>Anton G</fullName>
			<role>MODERATOR</role>
		</attendee>
	</attendees>
	<metadata><bbb-origin>greenlight</bbb-origin></metadata>
	<isBreakout>false</isBreakout>
</response>`;
      default:
        return `<response><returncode>FAILED</returncode><messageKey>unsupportedRequest</messageKey><message>no</message></response>`;
    }
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
