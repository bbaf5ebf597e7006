import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

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
 * The entry (main.tsx) is small and loads the app (boot.tsx) itself once it has started the live
 * page's requests. So that the app's files are not fetched only after the entry has run, the
 * page names them up front: modulepreload for boot and the chunks it imports, its stylesheet.
 */
function preloadBoot(): Plugin {
  return {
    name: 'qatys-preload-boot',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const boot = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && !!c.facadeModuleId?.endsWith('/src/boot.tsx'),
        );
        if (!boot || boot.type !== 'chunk') return [];
        // boot and every chunk it imports statically, however deep (not the entry: already loading)
        const seen = new Set<string>();
        const css = new Set<string>();
        const visit = (name: string) => {
          const c = ctx.bundle?.[name];
          if (!c || c.type !== 'chunk' || c.isEntry || seen.has(name)) return;
          seen.add(name);
          for (const f of c.viteMetadata?.importedCss ?? []) css.add(f);
          c.imports.forEach(visit);
        };
        visit(boot.fileName);
        // The join link's early socket (live/early-live.ts), asked for by the entry only after it
        // has sent the question pages' requests: named here it is fetched with boot, not queued
        // behind those requests for one of the browser's six connections to the api.
        const earlyLive = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && !!c.facadeModuleId?.endsWith('/src/live/early-live.ts'),
        );
        if (earlyLive) visit(earlyLive.fileName);
        // The entry's own imports are named in the page already.
        const files = [...seen].filter((name) => !html.includes(`/app/${name}"`));
        const base = '/app/';
        return [
          ...files.map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: base + f },
            injectTo: 'head' as const,
          })),
          ...[...css].map((f) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: base + f },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}

/**
 * Each script and stylesheet written once more, compressed (brotli and gzip at their best
 * settings): the api serves these to browsers that take them (apps/api/src/web/web-static.ts),
 * instead of the plain files or compressing on every request.
 */
function precompress(outDir: string): Plugin {
  return {
    name: 'qatys-precompress',
    apply: 'build',
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css)$/.test(name)) continue;
        const plain = readFileSync(join(assets, name));
        const br = brotliCompressSync(plain, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length },
        });
        const gz = gzipSync(plain, { level: 9 });
        if (br.length < plain.length) writeFileSync(join(assets, `${name}.br`), br);
        if (gz.length < plain.length) writeFileSync(join(assets, `${name}.gz`), gz);
      }
    },
  };
}

/**
 * The app's socket speaks WebSocket only (live/live-client.ts: `transports: ['websocket']`), but
 * engine.io-client's table of transports names long-polling and WebTransport too, and its Socket
 * reads that table, so the bundler keeps all three: ~6 KB of code (~2 KB gzipped) every attendee
 * downloaded and never ran. The table is replaced by one holding the transport the app uses.
 * The package's index also re-exports its XHR transport, whose module makes an XMLHttpRequest
 * when it loads (to learn whether binary is supported), so the bundler kept it, and every
 * attendee's page made that request object and carried ~3.6 KB of polling code: the polling
 * modules are declared free of side effects, and as nothing uses them they are left out.
 */
function websocketOnly(): Plugin {
  return {
    name: 'qatys-websocket-only',
    enforce: 'pre',
    transform(code, id) {
      if (/[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]polling[\w.-]*\.js$/.test(id)) {
        return { code, map: null, moduleSideEffects: false };
      }
      if (!/[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]index\.js$/.test(id)) return null;
      return {
        code: 'import { WS } from "./websocket.node.js";\nexport const transports = { websocket: WS };\n',
        map: null,
      };
    },
  };
}

/**
 * The browser app: one entry, the organizer console split into its own chunks so the attendee
 * page stays small. Built into dist/web and served by the api under /app (same origin).
 */
export default defineConfig({
  root: here('.'),
  base: '/app/',
  publicDir: false,
  plugins: [websocketOnly(), preloadBoot(), precompress(here('../../dist/web'))],
  resolve: {
    alias: { '@qatys/contracts': here('../../libs/contracts/src') },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // Every browser the app supports preloads modules natively: no polyfill in the entry.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Tiny helpers shared by the app and its lazy screens go with the shared ui chunk the
        // attendee page loads anyway: four chunks of 0.2-0.6 KB each cost a request and a gzip
        // frame apiece.
        manualChunks: (id: string) =>
          /\/src\/(components\/ui|lib\/(regions|use-async|format)|i18n\/count-strings|live\/load-marks)\.tsx?$/.test(id)
            ? 'ui'
            : undefined,
      },
    },
  },
  server: {
    proxy: Object.fromEntries([...apiPrefixes, '/app/config.json', '/app/join-view'].map((p) => [p, api])),
  },
});
