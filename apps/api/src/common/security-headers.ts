import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { HelmetOptions } from 'helmet';
import type { ApiConfig } from '@qatys/config';
import { parseJanusNodes } from '@qatys/domain';

type Directives = Record<string, string[]>;

/** Where the browser app opens its /live socket: the gateway, over http(s) and ws(s). */
function gatewaySources(gatewayUrl: string): string[] {
  const u = new URL(gatewayUrl);
  const ws = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return [u.origin, `${ws}//${u.host}`];
}

/** The Janus nodes' HTTP APIs as browsers reach them (built-in rooms' signalling). */
function janusSources(nodes: readonly string[] | undefined): string[] {
  const origins = parseJanusNodes((nodes ?? []).join(',')).flatMap((n) => {
    try {
      return [new URL(n.publicUrl).origin];
    } catch {
      return [];
    }
  });
  return [...new Set(origins)];
}

/**
 * The content security policies. Every asset is the api's own (data residency: no CDN, no
 * external font or image), so each policy allows only 'self' plus what its page needs.
 * - json: nothing may load or frame a response (an API answer rendered as a page runs nothing);
 * - web: the SPA (Vite build: module scripts and stylesheets, a `data:` favicon; React sets
 *   styles through the CSSOM, which style-src does not restrict), its socket to the gateway and
 *   the Janus nodes' HTTP APIs (the video room's signalling; media goes over WebRTC, which
 *   connect-src does not govern);
 * - docs: Swagger UI, whose page carries an inline <style> and inline style attributes, and
 *   whose stylesheet draws its icons as `data:` SVG.
 */
export function contentSecurityPolicies(
  config: Pick<ApiConfig, 'GATEWAY_PUBLIC_URL'> & Partial<Pick<ApiConfig, 'JANUS_NODES'>>,
): Record<'json' | 'web' | 'docs', Directives> {
  const common: Directives = {
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
  };
  return {
    json: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] },
    web: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': [
        "'self'",
        ...gatewaySources(config.GATEWAY_PUBLIC_URL),
        ...janusSources(config.JANUS_NODES),
      ],
      'frame-src': ["'none'"],
      ...common,
    },
    docs: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'frame-src': ["'none'"],
      ...common,
    },
  };
}

const WEB_PATH = /^\/(?:app|join)(?:\/|$)|^\/$/;
const DOCS_PATH = /^\/docs(?:\/|$)/;

/**
 * helmet on every response: nosniff, X-Frame-Options DENY, Referrer-Policy no-referrer (join
 * links carry a token in their URL; the video link they lead to must not learn it), a content
 * security policy per kind of page, and HSTS only when the api is reached over TLS
 * (PUBLIC_BASE_URL https; over plain http a browser ignores it and a proxy may not be TLS yet).
 */
export function securityHeaders(
  config: Pick<ApiConfig, 'GATEWAY_PUBLIC_URL' | 'PUBLIC_BASE_URL'> & Partial<Pick<ApiConfig, 'JANUS_NODES'>>,
): RequestHandler {
  const tls = new URL(config.PUBLIC_BASE_URL).protocol === 'https:';
  const policies = contentSecurityPolicies(config);
  const build = (directives: Directives) => {
    const options: HelmetOptions = {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: tls ? { ...directives, 'upgrade-insecure-requests': [] } : directives,
      },
      strictTransportSecurity: tls ? { maxAge: 31536000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'no-referrer' },
      xFrameOptions: { action: 'deny' },
    };
    return helmet(options);
  };
  const json = build(policies.json);
  const web = build(policies.web);
  const docs = build(policies.docs);
  return (req: Request, res: Response, next: NextFunction) => {
    const handler = WEB_PATH.test(req.path) ? web : DOCS_PATH.test(req.path) ? docs : json;
    handler(req, res, next);
  };
}
