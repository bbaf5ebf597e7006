import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const api = process.env.QATYS_API_URL ?? 'http://127.0.0.1:3000';
// Paths the api answers (the SPA itself lives under /app): the dev server forwards them.
const apiPrefixes = [
  '/auth',
  '/me',
  '/regions',
  '/programs',
  '/sessions',
  '/speakers',
  '/users',
  '/health',
  '/public',
];

/**
 * The browser app: one entry, the organizer console split into its own chunks so the attendee
 * page stays small. Built into dist/web and served by the api under /app (same origin).
 */
export default defineConfig({
  root: here('.'),
  base: '/app/',
  publicDir: false,
  resolve: {
    alias: { '@qatys/contracts': here('../../libs/contracts/src') },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    proxy: Object.fromEntries([...apiPrefixes, '/app/config.json', '/app/join-view'].map((p) => [p, api])),
  },
});
