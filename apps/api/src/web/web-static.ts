import { existsSync, readFileSync, statSync } from 'fs';
import { dirname, join, resolve } from 'path';
import express, { NextFunction, Request, Response } from 'express';

/** Where the browser app lives: everything under it belongs to the SPA (and /join, its entry from e-mails). */
export const WEB_BASE_PATH = '/app';
export const JOIN_PATH = '/join';

export interface WebClientConfig {
  /** Socket.IO server the browser connects to (namespace /live). */
  gatewayUrl: string;
}

/**
 * The built SPA is dist/web of the repository. The api runs from dist/apps/api/src/web (build) or
 * apps/api/src/web (tests), so the folder is found from the nearest package.json upwards.
 */
export function findWebDist(from = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && isRepoRoot(pkg)) return join(dir, 'dist', 'web');
    const up = dirname(dir);
    if (up === dir) return resolve('dist', 'web');
    dir = up;
  }
}

function isRepoRoot(pkgFile: string): boolean {
  try {
    return (JSON.parse(readFileSync(pkgFile, 'utf8')) as { name?: string }).name === 'qatys';
  } catch {
    return false;
  }
}

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>Qatys</title>' +
  '<p>The web app is not built yet. Run <code>npm run build:web</code> (or <code>npm start</code>) and reload.</p>';

/**
 * Express handlers for the SPA under /app: hashed assets cached for a year, every other path
 * answered with index.html (client-side routes), /app/config.json telling the browser where the
 * gateway is. Mounted after the API's routes, so it can never shadow one of them; a missing build
 * answers 503 with a plain sentence instead of failing the api.
 */
export function webHandlers(distDir: string, client: WebClientConfig): express.Router {
  const router = express.Router();
  const configBody = JSON.stringify(client);

  router.get('/config.json', (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('application/json').send(configBody);
  });
  router.use(
    '/assets',
    precompressed(join(distDir, 'assets')),
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
    // A missing asset is a 404, never index.html served as JavaScript.
    (_req: Request, res: Response) => {
      res.status(404).type('text/plain').send('Not found');
    },
  );
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  router.use(spaEntry(distDir, client));
  return router;
}

const ENCODED_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Whether an Accept-Encoding header takes this coding (named, and not with q=0). */
function accepts(header: string, coding: string): boolean {
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';').map((x) => x.trim());
    if (name.toLowerCase() !== coding) continue;
    const q = params.find((x) => x.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/**
 * The build writes each script and stylesheet beside itself compressed (`.br`, `.gz`; see
 * apps/web/vite.config.mts): a phone downloads the ~110 KB the attendee page's budget counts,
 * not the ~330 KB of plain text, and the api spends no CPU compressing the same file again per
 * request. Brotli when the browser takes it, then gzip, else the file as it is.
 */
function precompressed(assetsDir: string) {
  // Only files found are remembered: they are the build's, so the set stays as small as the build
  // whatever paths are asked for (a miss is looked up again, as express.static would anyway).
  const present = new Set<string>();
  const has = (file: string) => {
    if (present.has(file)) return true;
    if (!existsSync(file)) return false;
    present.add(file);
    return true;
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const ext = /\.(js|css)$/.exec(req.path)?.[0];
    if (!ext || req.path.includes('..')) return next();
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const file = join(assetsDir, req.path);
    for (const [encoding, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      if (!accepts(accepted, encoding) || !has(file + suffix)) continue;
      res.setHeader('Content-Type', ENCODED_TYPES[ext]);
      res.setHeader('Content-Encoding', encoding);
      res.setHeader('Vary', 'Accept-Encoding');
      res.sendFile(file + suffix, { immutable: true, maxAge: '365d' }, (err) => err && next());
      return;
    }
    res.setHeader('Vary', 'Accept-Encoding');
    next();
  };
}

/**
 * index.html for a client-side route (GET/HEAD only). Also mounted at /join: the reminder
 * e-mails link to `<PUBLIC_BASE_URL>/join/<registration>?t=<token>` and the app takes it from there.
 */
export function spaEntry(distDir: string, client: WebClientConfig) {
  const entry = entryHtml(distDir, client);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const html = entry();
    if (html === null) {
      res.status(503).type('html').send(NOT_BUILT);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(html);
  };
}

const escapeAttribute = (v: string) =>
  v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The built index.html with what the browser would otherwise ask /app/config.json for written
 * into its head (`<meta name="qatys-gateway">`): a live page opens its socket without that
 * request first (apps/web/src/live/gateway-url.ts). Read again when the build changes; null
 * while there is no build.
 */
export function entryHtml(distDir: string, client: WebClientConfig): () => string | null {
  const index = join(distDir, 'index.html');
  const meta = `<meta name="qatys-gateway" content="${escapeAttribute(client.gatewayUrl)}" />`;
  let cached: { mtimeMs: number; html: string } | null = null;
  return () => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(index).mtimeMs;
    } catch {
      return null;
    }
    if (cached?.mtimeMs !== mtimeMs) {
      const html = readFileSync(index, 'utf8');
      cached = { mtimeMs, html: html.replace(/<head>/i, (h) => `${h}\n    ${meta}`) };
    }
    return cached.html;
  };
}
