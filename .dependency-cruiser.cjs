/**
 * The context map of libs/domain, enforced (`npm run lint` runs it): each bounded context may
 * import only the contexts below it, and no import cycle may form anywhere in the domain. When a
 * lower context must react to a higher one's change, it does not import it: the change records a
 * domain event and a consumer reacts (libs/domain/src/events, the outbox).
 *
 * docs/architecture.md explains the map; `npm run context-map` draws it from the code.
 */
'use strict';

/** Who may import whom (besides itself). Order: bottom first. */
const CONTEXT_MAP = {
  shared: [],
  events: ['shared'],
  identity: ['shared', 'events'],
  catalog: ['shared', 'events', 'identity'],
  registrations: ['shared', 'events', 'identity', 'catalog'],
  calendar: ['shared', 'identity', 'catalog', 'registrations'],
  attendance: ['shared', 'events', 'identity', 'catalog', 'registrations'],
  qa: ['shared', 'identity', 'catalog', 'registrations', 'attendance'],
  selection: ['shared', 'events', 'identity', 'catalog', 'registrations'],
  notifications: ['shared', 'events', 'identity', 'catalog', 'registrations', 'calendar', 'attendance'],
  rooms: ['shared', 'events', 'identity', 'catalog', 'registrations', 'attendance'],
  invitations: ['shared', 'events', 'identity', 'catalog', 'registrations', 'attendance', 'notifications'],
  certificates: ['shared', 'events', 'identity', 'catalog', 'registrations', 'attendance', 'notifications'],
  engagement: ['shared', 'identity', 'catalog', 'registrations', 'attendance', 'qa'],
  outbox: [
    'shared',
    'events',
    'notifications',
    'registrations',
    'selection',
    'rooms',
    'invitations',
    'certificates',
  ],
};

const DOMAIN = '^libs/domain/src/';
const contexts = Object.keys(CONTEXT_MAP);

module.exports = {
  forbidden: [
    {
      name: 'no-domain-cycles',
      comment: 'libs/domain has no import cycle, between contexts or inside one.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { circular: true },
    },
    ...contexts.map((ctx) => ({
      name: `context-map-${ctx}`,
      comment: `${ctx} may import only ${CONTEXT_MAP[ctx].join(', ') || 'nothing else in the domain'} (docs/architecture.md)`,
      severity: 'error',
      from: { path: `${DOMAIN}${ctx}/` },
      to: {
        path: DOMAIN,
        pathNot: [`${DOMAIN}(${[ctx, ...CONTEXT_MAP[ctx]].join('|')})/`],
      },
    })),
    {
      name: 'no-unknown-context',
      comment: 'A new folder in libs/domain/src is a new context: put it on the map first.',
      severity: 'error',
      from: { path: DOMAIN, pathNot: [`${DOMAIN}(${contexts.join('|')})/`, `${DOMAIN}index\\.ts$`] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
