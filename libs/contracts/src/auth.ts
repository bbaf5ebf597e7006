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
