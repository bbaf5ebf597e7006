import { invitationToken, invitationUrl, verifyInvitationToken } from './invitation-token';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('invitation links', () => {
  it('verifies its own token and names the invitee', () => {
    expect(verifyInvitationToken('s3cret', invitationToken('s3cret', ID))).toBe(ID);
  });

  it('refuses another secret, a forged or cut signature, another id and garbage', () => {
    const token = invitationToken('s3cret', ID);
    const other = '1f8fad5b-d9cb-469f-a165-70867728950e';
    expect(verifyInvitationToken('other', token)).toBeNull();
    expect(verifyInvitationToken('s3cret', `${ID}.${'A'.repeat(32)}`)).toBeNull();
    expect(verifyInvitationToken('s3cret', token.slice(0, -1))).toBeNull();
    expect(verifyInvitationToken('s3cret', `${other}.${token.split('.')[1]}`)).toBeNull();
    expect(verifyInvitationToken('s3cret', 'not-a-token')).toBeNull();
    expect(verifyInvitationToken('s3cret', `${token}.x`)).toBeNull();
    expect(verifyInvitationToken('s3cret', 'x'.repeat(1000))).toBeNull();
  });

  it('builds the landing page link under the public base', () => {
    expect(invitationUrl({ secret: 's', publicBaseUrl: 'https://q.kz/' }, ID)).toBe(
      `https://q.kz/app/invite/${invitationToken('s', ID)}`,
    );
  });
});
