/** Claims of an access token; the gateway verifies the same token the API issues. */
export interface AccessTokenClaims {
  sub: string;
  roles: string[];
  /** Region ids a coordinator manages. */
  rgn?: number[];
  typ: 'access';
}
