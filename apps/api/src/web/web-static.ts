import { existsSync, readFileSync } from 'fs';
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
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
    // A missing asset is a 404, never index.html served as JavaScript.
    (_req: Request, res: Response) => {
      res.status(404).type('text/plain').send('Not found');
    },
  );
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  router.use(spaEntry(distDir));
  return router;
}

/**
 * index.html for a client-side route (GET/HEAD only). Also mounted at /join: the reminder
 * e-mails link to `<PUBLIC_BASE_URL>/join/<registration>?t=<token>` and the app takes it from there.
 */
export function spaEntry(distDir: string) {
  const index = join(distDir, 'index.html');
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!existsSync(index)) {
      res.status(503).type('html').send(NOT_BUILT);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
}
