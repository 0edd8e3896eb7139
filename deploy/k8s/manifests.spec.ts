import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { QueueName } from '@hocvuso/jobs';
import {
  checkKustomization,
  type CodeFacts,
  ManifestError,
  readCodeFacts,
  type ReadFile,
  readFromDisk,
  type Rendered,
} from './manifest-check';

const root = resolve(__dirname, '../..');
const k8s = join(root, 'deploy/k8s');
const overlays = readdirSync(join(k8s, 'overlays'));
const dirs = [join(k8s, 'base'), ...overlays.map((o) => join(k8s, 'overlays', o))];
const facts: CodeFacts = readCodeFacts(root, Object.values(QueueName));

/** Reads from disk, except `file` (relative to the repository), whose text `edit` changes. */
const withEdit =
  (file: string, edit: (text: string) => string): ReadFile =>
  (path) => {
    const text = readFromDisk(path);
    return path === join(root, file) ? edit(text) : text;
  };

/** The problems checking `dir` reports (none: an empty list). */
function problems(dir: string, read: ReadFile): string[] {
  try {
    checkKustomization(dir, facts, root, read);
    return [];
  } catch (e) {
    if (e instanceof ManifestError) return e.problems;
    throw e;
  }
}

const find = (rendered: Rendered[], kind: string, name: string) =>
  rendered.find((r) => r.object.kind === kind && r.object.metadata.name === name)!.object as unknown as {
    spec: Record<string, unknown> & { template?: { spec: { containers: Array<Record<string, unknown>> } } };
    metadata: { namespace?: string };
    data?: Record<string, string>;
  };

describe('the tier-2 Kubernetes manifests (deploy/k8s)', () => {
  it('knows the code it checks against: probes, bundles, cli commands, queues, variables', () => {
    expect(facts.readinessPath).toBe('/api/ready');
    expect(facts.livenessPath).toBe('/api/health');
    expect(facts.bundles).toEqual({
      api: 'dist/apps/api/main.cjs',
      worker: 'dist/apps/worker/main.cjs',
      cli: 'dist/tools/cli.cjs',
    });
    expect(facts.cliCommands).toEqual(expect.arrayContaining(['migration:run', 'prepare']));
    expect([...facts.envVariables]).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'METRICS_TOKEN', 'WORKER_QUEUES', 'PUBLIC_URL']),
    );
    expect(overlays.sort()).toEqual(['national', 'province']);
  });

  it.each(dirs.map((d) => [d.slice(k8s.length + 1), d]))(
    '%s validates against the Kubernetes schemas and its references hold',
    (_name, dir) => {
      expect(problems(dir, readFromDisk)).toEqual([]);
    },
  );

  it('the overlays size the api and the workers, in their namespace, on a pinned image', () => {
    const province = checkKustomization(join(k8s, 'overlays/province'), facts, root);
    const national = checkKustomization(join(k8s, 'overlays/national'), facts, root);
    const hpa = (r: Rendered[]) => find(r, 'HorizontalPodAutoscaler', 'hocvuso-api').spec;
    expect([hpa(province).minReplicas, hpa(province).maxReplicas]).toEqual([2, 14]);
    expect([hpa(national).minReplicas, hpa(national).maxReplicas]).toEqual([10, 180]);
    expect(find(national, 'Deployment', 'hocvuso-worker-credentials').spec.replicas).toBe(8);
    const api = find(national, 'Deployment', 'hocvuso-api');
    // The patch changed the resources and kept everything else of the container (probes, env).
    expect(api.spec.template!.spec.containers[0]).toMatchObject({
      image: 'registry.example.vn/hocvuso:0.1.0',
      resources: { requests: { cpu: '2', memory: '1Gi' } },
      readinessProbe: { httpGet: { path: '/api/ready' } },
    });
    expect(api.metadata.namespace).toBe('hocvuso');
    expect(find(province, 'ConfigMap', 'hocvuso-config').data).toMatchObject({
      PUBLIC_URL: 'https://hocvuso.tinh.example.vn',
      NODE_ENV: 'production',
    });
  });

  describe('fails, naming the file and the path, on a broken manifest', () => {
    const base = join(k8s, 'base');
    it.each([
      [
        'replicas: "two"',
        'deploy/k8s/base/api.yaml',
        (t: string) => t.replace('  replicas: 2\n', '  replicas: two\n'),
        /^deploy\/k8s\/base\/api\.yaml: Deployment\/hocvuso-api: \/spec\/replicas must be integer$/,
      ],
      [
        'a misspelt probe',
        'deploy/k8s/base/api.yaml',
        (t: string) => t.replace('readinessProbe:', 'readinesProbe:'),
        /api\.yaml: Deployment\/hocvuso-api: \/spec\/template\/spec\/containers\/0\/readinesProbe is not a container field/,
      ],
      [
        'a readiness probe on the wrong path',
        'deploy/k8s/base/api.yaml',
        (t: string) => t.replace('path: /api/ready', 'path: /ready'),
        /api\.yaml: Deployment\/hocvuso-api: container api: readinessProbe must GET \/api\/ready/,
      ],
      [
        'a Service selecting no pods',
        'deploy/k8s/base/api.yaml',
        (t: string) => t.replace(/(kind: Service[\s\S]*?component: )api(\n {2}ports)/, '$1apix$2'),
        /api\.yaml: Service\/hocvuso-api: \/spec\/selector matches no Deployment's pods/,
      ],
      [
        'a secret key the template does not hold',
        'deploy/k8s/base/secret.template.yaml',
        (t: string) => t.replace('  COOKIE_SECRET: REPLACE_ME\n', ''),
        /api\.yaml: Deployment\/hocvuso-api: container api: env COOKIE_SECRET names key COOKIE_SECRET, which Secret hocvuso-secrets does not hold/,
      ],
      [
        'an HPA aiming at no Deployment',
        'deploy/k8s/base/api-autoscaling.yaml',
        (t: string) =>
          t.replace('    name: hocvuso-api\n  minReplicas', '    name: hocvuso-apix\n  minReplicas'),
        /api-autoscaling\.yaml: HorizontalPodAutoscaler\/hocvuso-api: scaleTargetRef apps\/v1 Deployment\/hocvuso-apix is not defined/,
      ],
      [
        'a queue no worker consumes',
        'deploy/k8s/base/workers.yaml',
        (t: string) => t.replace('value: notifications', 'value: credentials'),
        /queue notifications is consumed by 0 worker Deployments/,
      ],
      [
        'a migration Job running a command the cli does not have',
        'deploy/k8s/base/migrate-job.yaml',
        (t: string) => t.replace("'prepare'", "'migrate'"),
        /migrate-job\.yaml: Job\/hocvuso-migrate: container migrate: "migrate" is not a command of dist\/tools\/cli\.cjs/,
      ],
      [
        'a variable the apps do not know',
        'deploy/k8s/base/config.yaml',
        (t: string) => t.replace('LOG_LEVEL: info', 'LOGLEVEL: info'),
        /config\.yaml: ConfigMap\/hocvuso-config: LOGLEVEL is not a variable of \.env\.example/,
      ],
      [
        'a YAML syntax error',
        'deploy/k8s/base/ingress.yaml',
        (t: string) => t.replace('  rules:', '  rules: [\n'),
        /^deploy\/k8s\/base\/ingress\.yaml: YAML /,
      ],
    ])('%s', (_what, file, edit, expected) => {
      const found = problems(base, withEdit(file, edit));
      expect(found).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
    });

    it('a patch that breaks the schema is reported with the patch and the file it patches', () => {
      const found = problems(
        join(k8s, 'overlays/province'),
        withEdit('deploy/k8s/overlays/province/sizing.yaml', (t) =>
          t.replace('maxReplicas: 14', 'maxReplicas: "fourteen"'),
        ),
      );
      expect(found).toEqual([
        'deploy/k8s/overlays/province/sizing.yaml (on deploy/k8s/base/api-autoscaling.yaml): HorizontalPodAutoscaler/hocvuso-api: /spec/maxReplicas must be integer',
      ]);
    });

    it('a patch of an object no resource defines', () => {
      const found = problems(
        join(k8s, 'overlays/national'),
        withEdit('deploy/k8s/overlays/national/sizing.yaml', (t) =>
          t.replace('name: hocvuso-worker-maintenance', 'name: hocvuso-worker-reports'),
        ),
      );
      expect(found).toEqual([
        'deploy/k8s/overlays/national/sizing.yaml: patches Deployment/hocvuso-worker-reports, which no resource defines',
      ]);
    });
  });

  it('keeps real secrets out: every value of the Secret template is a placeholder or empty', () => {
    const secret = readFileSync(join(k8s, 'base/secret.template.yaml'), 'utf8');
    const rendered = checkKustomization(join(k8s, 'base'), facts, root);
    const values = Object.values(
      (
        rendered.find((r) => r.object.kind === 'Secret')!.object as unknown as {
          stringData: Record<string, string>;
        }
      ).stringData,
    );
    for (const v of values)
      expect(v === '' || v.includes('REPLACE_ME') || /^redis:\/\/redis:6379$/.test(v)).toBe(true);
    expect(secret).not.toMatch(/[A-Za-z0-9+/]{32,}/);
  });
});
