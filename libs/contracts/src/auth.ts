/** Claims of an access token; the gateway verifies the same token the API issues. */
export interface AccessTokenClaims {
  sub: string;
  roles: string[];
  /** Region ids a coordinator manages. */
  rgn?: number[];
  /** Reader's IANA zone and language at sign-in, so responses render without a lookup. */
  tz: string;
  lng: string;
  typ: 'access';
}

/**
 * Claims of a personal join token (the link in reminder e-mails): bound to one registration of
 * one session, signed with JWT_SECRET (HS256, issuer qatys), expiring after the session.
 * The gateway accepts it in the handshake instead of an access token; such a socket may join only
 * `ses`, as an attendee.
 */
export interface JoinTokenClaims {
  /** The attendee's user id. */
  sub: string;
  /** Registration id. */
  reg: string;
  /** Session id. */
  ses: string;
  typ: 'join';
}
