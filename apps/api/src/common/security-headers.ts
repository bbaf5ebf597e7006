import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { HelmetOptions } from 'helmet';
import type { ApiConfig } from '@qatys/config';
import { parseJanusNodes } from '@qatys/domain';

type Directives = Record<string, string[]>;

/** An origin the page talks to, over http(s) and ws(s). */
function originSources(url: string): string[] {
  const u = new URL(url);
  const ws = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return [u.origin, `${ws}//${u.host}`];
}

/**
 * What the browser app connects to besides the api: the gateway (its /live socket) and, for
 * built-in video rooms, each Janus node's public URL (signalling; the media itself is WebRTC,
 * which connect-src does not govern).
 */
function connectSources(config: Pick<ApiConfig, 'GATEWAY_PUBLIC_URL' | 'JANUS_NODES'>): string[] {
  const janus = parseJanusNodes((config.JANUS_NODES ?? []).join(',')).map((n) => n.publicUrl);
  return [...new Set([config.GATEWAY_PUBLIC_URL, ...janus].flatMap(originSources))];
}

/**
 * The content security policies. Every asset is the api's own (data residency: no CDN, no
 * external font or image), so each policy allows only 'self' plus what its page needs.
 * - json: nothing may load or frame a response (an API answer rendered as a page runs nothing);
 * - web: the SPA (Vite build: module scripts and stylesheets, a `data:` favicon; React sets
 *   styles through the CSSOM, which style-src does not restrict), its socket to the gateway and
 *   the Janus nodes of built-in video rooms;
 * - docs: Swagger UI, whose page carries an inline <style> and inline style attributes, and
 *   whose stylesheet draws its icons as `data:` SVG.
 */
export function contentSecurityPolicies(
  config: Pick<ApiConfig, 'GATEWAY_PUBLIC_URL' | 'JANUS_NODES'>,
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
      'connect-src': ["'self'", ...connectSources(config)],
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
  config: Pick<ApiConfig, 'GATEWAY_PUBLIC_URL' | 'PUBLIC_BASE_URL' | 'JANUS_NODES'>,
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
