// Lint rules, including the direction of imports between the parts of the monorepo:
// apps -> domain -> persistence; anyone may use contracts and config; apps never import each
// other; contracts imports nothing.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const outside = (...dirs) => dirs.flatMap((d) => [`**/${d}/**`, `**/${d}`]);

const direction = (message, patterns) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'apps/web/dist/**',
      'test/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/)|^\\.\\./\\.\\./',
              message: 'contracts imports nothing: it is the shared vocabulary of every program',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['config/**/*.ts'],
    rules: direction('config stands alone (apps read it; it reads no project code)', [
      '@qatys/*',
      ...outside('apps', 'libs'),
    ]),
  },
  {
    files: ['libs/persistence/**/*.ts'],
    rules: direction('persistence must not import the domain or an app', [
      '@qatys/domain',
      '@qatys/domain/*',
      ...outside('domain', 'apps'),
    ]),
  },
  // Metrics, probes and tracing serve every app; they know stores and frameworks, never the domain.
  {
    files: ['libs/observability/**/*.ts'],
    rules: direction('observability must not import the domain, persistence or an app', [
      '@qatys/domain',
      '@qatys/domain/*',
      '@qatys/persistence',
      '@qatys/persistence/*',
      ...outside('domain', 'persistence', 'apps'),
    ]),
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: direction('the domain must not import an app or HTTP/socket transport', [
      ...outside('apps'),
      '@nestjs/platform-*',
      '@nestjs/websockets',
      'express',
      'socket.io',
    ]),
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: direction('apps never import each other: share through libs', outside('worker', 'gateway', 'web')),
  },
  // The api serves the built browser app from its own src/web folder: only apps/web itself is off limits.
  {
    files: ['apps/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: outside('worker', 'gateway'),
              message: 'apps never import each other: share through libs',
            },
            {
              regex: '(^|/)apps/web(/|$)|^(\\.\\./){2,}web(/|$)',
              message: 'apps never import each other: share through libs',
            },
          ],
        },
      ],
    },
  },
  // The browser app talks to the api over HTTP and to the gateway over Socket.IO; it shares only
  // libs/contracts (types and constants), never server code.
  {
    files: ['apps/web/**/*.{ts,tsx,mts}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@qatys/domain',
                '@qatys/domain/*',
                '@qatys/persistence',
                '@qatys/persistence/*',
                '@qatys/config',
                '@qatys/config/*',
              ],
              message: 'the browser app shares only @qatys/contracts with the servers',
            },
            {
              regex:
                '(^|/)(apps/(api|worker|gateway)|libs/(domain|persistence)|config)(/|$)|^(\\.\\./){2,}(api|worker|gateway)(/|$)',
              message: 'the browser app shares only @qatys/contracts with the servers',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/worker/**/*.ts'],
    rules: direction('apps never import each other: share through libs', outside('api', 'gateway', 'web')),
  },
  {
    files: ['apps/gateway/**/*.ts'],
    rules: direction('apps never import each other: share through libs', outside('api', 'worker', 'web')),
  },
  {
    files: ['scripts/**/*.js', 'bench/**/*.js', 'jest.config.js', '.ci/**/*.js', '.dependency-cruiser.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: { 'no-console': 'off' },
  },
);
