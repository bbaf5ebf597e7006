/**
 * The deployment artefacts, checked with what installs on this machine (no Docker engine, no
 * Helm — neither is packaged here; docs/deploy.md):
 *  - the Helm chart is rendered by deploy/helm/render (Go's text/template + Sprig + sigs.k8s.io/yaml
 *    from Debian's packages, Helm's own functions re-implemented) and every object is validated
 *    against the Kubernetes API schemas of the `kubernetes-models` package (types, required
 *    fields, formats; unknown fields are not refused, as kubectl without --validate=strict);
 *  - the compose file and the image's entry point agree on the programs.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = join(__dirname, '../..');
const CHART = join(ROOT, 'deploy/helm/qatys');
const GOPATH = '/usr/share/gocode';
const canRender =
  spawnSync('go', ['version']).status === 0 && existsSync(join(GOPATH, 'src/github.com/Masterminds/sprig'));
if (!canRender) {
  process.stderr.write(
    '\n!!!!! [deploy] NO GO/SPRIG: the chart rendering tests are SKIPPED (apt-get install golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev) !!!!!\n',
  );
}
const chartDescribe = canRender ? describe : describe.skip;

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rendered manifests are read freely; the schemas check them
  spec?: any;
};

/** kubernetes-models' class for an object's apiVersion and kind (its validate() checks the schema). */
function validatorOf(o: K8sObject): { validate(): void } {
  const dir = o.apiVersion.includes('/') ? o.apiVersion : `v1`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(`kubernetes-models/${dir}`) as Record<string, new (x: unknown) => { validate(): void }>;
  const Model = mod[o.kind];
  if (!Model) throw new Error(`no schema for ${o.apiVersion} ${o.kind}`);
  return new Model(o);
}

chartDescribe('Helm chart (rendered and validated against the Kubernetes schemas)', () => {
  let dir: string;
  let renderer: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qatys-chart-'));
    renderer = join(dir, 'helm-render');
    const built = spawnSync('go', ['build', '-o', renderer, '.'], {
      cwd: join(ROOT, 'deploy/helm/render'),
      env: { ...process.env, GO111MODULE: 'off', GOPATH, GOCACHE: join(dir, 'gocache'), GOFLAGS: '' },
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`go build failed: ${built.stderr}`);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const render = (...args: string[]): K8sObject[] => {
    const r = spawnSync(renderer, [CHART, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return parseAllDocuments(r.stdout)
      .map((d) => d.toJS() as K8sObject | null)
      .filter((o): o is K8sObject => !!o);
  };
  const problems = (objects: K8sObject[]) =>
    objects.flatMap((o) => {
      try {
        validatorOf(o).validate();
        return [];
      } catch (e) {
        return [`${o.kind}/${o.metadata.name}: ${(e as Error).message}`];
      }
    });
  const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);

  it('renders api, worker and gateway with probes, HPA, PDB, migrations Job and a sticky gateway Ingress — all valid', () => {
    const objects = render('--set', 'secrets.values.JWT_SECRET=x'.padEnd(40, 'x'));
    expect(problems(objects)).toEqual([]);
    expect(objects.map((o) => o.kind).sort()).toEqual(
      [
        'ConfigMap',
        'Deployment',
        'Deployment',
        'Deployment',
        'HorizontalPodAutoscaler',
        'HorizontalPodAutoscaler',
        'HorizontalPodAutoscaler',
        'Ingress',
        'Ingress',
        'Job',
        'PodDisruptionBudget',
        'PodDisruptionBudget',
        'PodDisruptionBudget',
        'Secret',
        'Service',
        'Service',
      ].sort(),
    );
    for (const d of byKind(objects, 'Deployment')) {
      const pod = d.spec.template.spec;
      const c = pod.containers[0];
      expect(c.args).toEqual([c.name]);
      expect(c.livenessProbe.httpGet.path).toBe('/health/live');
      expect(c.readinessProbe.httpGet.path).toBe('/health/ready');
      // Longer than the readiness check's own store budget (1.5 s): a busy pod stays ready.
      expect(c.readinessProbe.timeoutSeconds).toBeGreaterThanOrEqual(2);
      expect(c.livenessProbe.timeoutSeconds).toBeGreaterThanOrEqual(2);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(c.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      expect(c.envFrom.map((e: Record<string, unknown>) => Object.keys(e)[0]).sort()).toEqual([
        'configMapRef',
        'secretRef',
      ]);
    }
    const worker = byKind(objects, 'Deployment').find((d) => d.metadata.name === 'qatys-worker')!;
    expect(worker.spec.template.spec.containers[0].env).toEqual([
      { name: 'WORKER_CONCURRENCY', value: '10' },
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'qatys', key: 'DATABASE_DIRECT_URL' } } },
    ]);
    const job = byKind(objects, 'Job')[0];
    expect(job.metadata.annotations!['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(job.spec.template.spec.containers[0].args).toEqual(['migrate']);
    const gatewayIngress = byKind(objects, 'Ingress').find((i) => i.metadata.name === 'qatys-gateway')!;
    expect(gatewayIngress.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/affinity': 'cookie',
    });
    expect(gatewayIngress.spec.rules[0].http.paths[0]).toMatchObject({
      path: '/socket.io',
      pathType: 'Prefix',
    });
    const apiIngress = byKind(objects, 'Ingress').find((i) => i.metadata.name === 'qatys-api')!;
    expect(apiIngress.metadata.annotations ?? {}).not.toHaveProperty('nginx.ingress.kubernetes.io/affinity');
    const config = byKind(objects, 'ConfigMap')[0] as unknown as { data: Record<string, string> };
    expect(config.data.REDIS_PREFIX).toBe('{qatys}');
  });

  it('takes an existing Secret and fixed replicas (no HPA, no Secret of its own) — still valid', () => {
    const objects = render(
      '--set',
      'secrets.existingSecret=qatys-prod',
      '--set',
      'api.autoscaling.enabled=false',
      '--set',
      'api.replicas=3',
      '--set',
      'tracing.otlpEndpoint=http://otel-collector:4318',
      '--name',
      'prod',
    );
    expect(problems(objects)).toEqual([]);
    expect(byKind(objects, 'Secret')).toEqual([]);
    expect(
      byKind(objects, 'HorizontalPodAutoscaler')
        .map((h) => h.metadata.name)
        .sort(),
    ).toEqual(['prod-qatys-gateway', 'prod-qatys-worker']);
    expect(
      byKind(objects, 'Deployment').find((d) => d.metadata.name === 'prod-qatys-api')!.spec.replicas,
    ).toBe(3);
    const config = byKind(objects, 'ConfigMap')[0] as unknown as { data: Record<string, string> };
    expect(config.data.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318');
  });

  it('refuses to render without a Secret, and the schema check catches a wrong value', () => {
    expect(() => render()).toThrow(/secrets.values \(or secrets.existingSecret\) is required/);
    const broken = render(
      '--set',
      'secrets.existingSecret=s',
      '--set',
      'api.autoscaling.enabled=false',
      '--set',
      'api.replicas=two',
    );
    expect(problems(broken)).toEqual([
      expect.stringMatching(/Deployment\/qatys-api: .*replicas must be integer/),
    ]);
  });
});

describe('container image and compose file', () => {
  it('the entry point runs the named program and refuses anything else', () => {
    const bad = spawnSync(process.execPath, [join(ROOT, 'scripts/container-entry.js'), 'shell'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(64);
    expect(bad.stderr).toMatch(/usage: <image> api \| worker \| gateway \| migrate/);
    const docker = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(docker).toMatch(/^USER node$/m);
    expect(docker).toMatch(/^ENTRYPOINT \["node", "scripts\/container-entry.js"\]$/m);
    expect(docker.match(/^FROM /gm)).toHaveLength(2);
  });

  it('compose starts postgres, redis (noeviction), a mail sink, the migrations and the three programs', () => {
    const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'), { merge: true }) as {
      services: Record<string, { command?: string[]; depends_on?: Record<string, { condition: string }> }>;
    };
    const s = compose.services;
    expect(Object.keys(s).sort()).toEqual([
      'api',
      'gateway',
      'mailpit',
      'migrate',
      'postgres',
      'redis',
      'worker',
    ]);
    expect(s.redis.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'noeviction']));
    for (const app of ['api', 'worker', 'gateway']) {
      expect(s[app].command).toEqual([app]);
      expect(s[app].depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
    }
    expect(s.migrate.command).toEqual(['migrate']);
  });
});
