import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { parseAllDocuments } from 'yaml';

/**
 * Checks deploy/k8s without a cluster or a kustomize binary: every file a kustomization.yaml lists (resources
 * and strategic-merge patches) is parsed, each object is validated against the Kubernetes OpenAPI schemas
 * (kubernetes-models: compiled validators, nothing downloaded), the patches are applied as kustomize applies
 * them, and the rendered objects are checked against each other. Every problem names its file and path.
 */

/** Reads a file (relative paths resolved by the caller); tests pass one that swaps in a broken file. */
export type ReadFile = (path: string) => string;
export const readFromDisk: ReadFile = (path) => readFileSync(path, 'utf8');

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

/** An object of the rendered set, with the file it came from and the patches applied to it. */
export interface Rendered {
  object: K8sObject;
  file: string;
  patchedBy: string[];
}

interface Model {
  validate(): void;
}
type ModelClass = new (data: never) => Model;

/** The kinds the manifests may use, each with its schema. */
const MODELS: Record<string, ModelClass> = {
  'apps/v1 Deployment': Deployment,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1 Job': Job,
  'networking.k8s.io/v1 Ingress': Ingress,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'v1 ConfigMap': ConfigMap,
  'v1 Secret': Secret,
  'v1 Service': Service,
};

/** The kustomization fields this checker understands; any other is an error rather than silently ignored. */
const KUSTOMIZATION_KEYS = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'patches', 'images']);

/**
 * Container and pod fields the OpenAPI schemas know (they do not refuse unknown fields, `kubectl apply` does):
 * a misspelt `readinesProbe` must fail here, not be dropped in the cluster.
 */
const CONTAINER_KEYS = new Set([
  'name',
  'image',
  'imagePullPolicy',
  'command',
  'args',
  'workingDir',
  'ports',
  'env',
  'envFrom',
  'resources',
  'readinessProbe',
  'livenessProbe',
  'startupProbe',
  'lifecycle',
  'securityContext',
  'volumeMounts',
  'terminationMessagePolicy',
]);
const POD_SPEC_KEYS = new Set([
  'containers',
  'initContainers',
  'volumes',
  'securityContext',
  'terminationGracePeriodSeconds',
  'automountServiceAccountToken',
  'serviceAccountName',
  'topologySpreadConstraints',
  'affinity',
  'tolerations',
  'nodeSelector',
  'restartPolicy',
  'priorityClassName',
]);

export class ManifestError extends Error {
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem(s) in deploy/k8s:\n${problems.join('\n')}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses every YAML document of `file`; a syntax error is a problem naming the file and line. */
export function parseManifests(file: string, text: string, problems: string[]): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problems.push(`${file}: YAML ${e.message.split('\n')[0]}`);
      continue;
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (!isObject(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') {
      problems.push(`${file}: a document without apiVersion and kind`);
      continue;
    }
    const metadata = value.metadata;
    if (!isObject(metadata) || typeof metadata.name !== 'string') {
      problems.push(`${file}: ${value.kind} without metadata.name`);
      continue;
    }
    objects.push(value as K8sObject);
  }
  return objects;
}

/** Validates one object against its Kubernetes schema; each problem names the file and the JSON path. */
export function validateObject(file: string, object: K8sObject, problems: string[]): void {
  const where = `${file}: ${object.kind}/${object.metadata.name}`;
  const Model = MODELS[`${object.apiVersion} ${object.kind}`];
  if (!Model) {
    problems.push(`${where}: ${object.apiVersion} ${object.kind} is not a kind these manifests may use`);
    return;
  }
  try {
    new Model(structuredClone(object) as never).validate();
  } catch (e) {
    const errors = (e as { errors?: Array<{ instancePath: string; message?: string }> }).errors;
    if (!errors) problems.push(`${where}: ${(e as Error).message}`);
    else
      for (const err of errors)
        problems.push(`${where}: ${err.instancePath || '/'} ${err.message ?? 'is invalid'}`);
  }
  for (const [path, spec] of podSpecs(object)) {
    for (const key of Object.keys(spec))
      if (!POD_SPEC_KEYS.has(key)) problems.push(`${where}: ${path}/${key} is not a pod field`);
    for (const [i, c] of ((spec.containers as Array<Record<string, unknown>> | undefined) ?? []).entries())
      for (const key of Object.keys(c))
        if (!CONTAINER_KEYS.has(key))
          problems.push(`${where}: ${path}/containers/${i}/${key} is not a container field`);
  }
}

/** The pod specs of an object (Deployments and Jobs), with their JSON paths. */
export function podSpecs(object: K8sObject): Array<[string, Record<string, unknown>]> {
  const spec = object.spec;
  if (!isObject(spec) || !isObject(spec.template) || !isObject(spec.template.spec)) return [];
  return [['/spec/template/spec', spec.template.spec]];
}

/**
 * A strategic merge patch as kustomize applies it to these manifests: maps merge, lists of named items
 * (containers, env, volumes) merge by name, other lists are replaced.
 */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (isObject(target) && isObject(patch)) {
    const out: Record<string, unknown> = { ...target };
    for (const [k, v] of Object.entries(patch)) out[k] = k in target ? strategicMerge(target[k], v) : v;
    return out;
  }
  const named = (list: unknown[]) => list.every((x) => isObject(x) && typeof x.name === 'string');
  if (Array.isArray(target) && Array.isArray(patch) && named(target) && named(patch)) {
    const out = target.map((x) => {
      const p = patch.find((y) => (y as { name: string }).name === (x as { name: string }).name);
      return p ? strategicMerge(x, p) : x;
    });
    for (const p of patch)
      if (!target.some((x) => (x as { name: string }).name === (p as { name: string }).name)) out.push(p);
    return out;
  }
  return patch;
}

/** Renders the kustomization in `dir` (as `kubectl kustomize` would for the features listed above). */
export function renderKustomization(
  dir: string,
  read: ReadFile,
  root: string,
  problems: string[],
): Rendered[] {
  const file = join(dir, 'kustomization.yaml');
  const name = relative(root, file);
  let k: Record<string, unknown>;
  try {
    const parsed: unknown = parseAllDocuments(read(file))[0]?.toJS();
    if (!isObject(parsed)) throw new Error('not a mapping');
    k = parsed;
  } catch (e) {
    problems.push(`${name}: cannot read: ${(e as Error).message}`);
    return [];
  }
  for (const key of Object.keys(k))
    if (!KUSTOMIZATION_KEYS.has(key)) problems.push(`${name}: "${key}" is not understood by this check`);
  if (k.kind !== 'Kustomization') problems.push(`${name}: kind must be Kustomization`);

  const rendered: Rendered[] = [];
  for (const entry of (k.resources as string[] | undefined) ?? []) {
    const path = resolve(dir, entry);
    if (existsSync(path) && statSync(path).isDirectory()) {
      rendered.push(...renderKustomization(path, read, root, problems));
      continue;
    }
    const resourceFile = relative(root, path);
    let text: string;
    try {
      text = read(path);
    } catch {
      problems.push(`${name}: resource ${entry} does not exist`);
      continue;
    }
    for (const object of parseManifests(resourceFile, text, problems)) {
      validateObject(resourceFile, object, problems);
      rendered.push({ object, file: resourceFile, patchedBy: [] });
    }
  }

  for (const patch of (k.patches as Array<Record<string, unknown>> | undefined) ?? []) {
    if (typeof patch.path !== 'string' || Object.keys(patch).some((key) => key !== 'path')) {
      problems.push(`${name}: only strategic-merge patches given by path are understood`);
      continue;
    }
    const patchFile = relative(root, resolve(dir, patch.path));
    let text: string;
    try {
      text = read(resolve(dir, patch.path));
    } catch {
      problems.push(`${name}: patch ${patch.path} does not exist`);
      continue;
    }
    for (const p of parseManifests(patchFile, text, problems)) {
      const target = rendered.find(
        (r) =>
          r.object.kind === p.kind &&
          r.object.apiVersion === p.apiVersion &&
          r.object.metadata.name === p.metadata.name,
      );
      if (!target) {
        problems.push(`${patchFile}: patches ${p.kind}/${p.metadata.name}, which no resource defines`);
        continue;
      }
      target.object = strategicMerge(target.object, p) as K8sObject;
      target.patchedBy.push(patchFile);
      validateObject(`${patchFile} (on ${target.file})`, target.object, problems);
    }
  }

  for (const image of (k.images as Array<Record<string, string>> | undefined) ?? []) {
    let used = false;
    for (const r of rendered)
      for (const [, spec] of podSpecs(r.object))
        for (const c of spec.containers as Array<{ image?: string }>) {
          if (c.image !== image.name) continue;
          used = true;
          c.image = `${image.newName ?? image.name}${image.newTag ? `:${image.newTag}` : ''}`;
        }
    if (!used) problems.push(`${name}: image ${image.name} is used by no container`);
  }
  if (typeof k.namespace === 'string')
    for (const r of rendered)
      r.object = { ...r.object, metadata: { ...r.object.metadata, namespace: k.namespace } };
  const seen = new Set<string>();
  for (const r of rendered) {
    const key = `${r.object.kind}/${r.object.metadata.name}`;
    if (seen.has(key)) problems.push(`${r.file}: ${key} is defined twice`);
    seen.add(key);
  }
  return rendered;
}

/** Where a rendered object's problem is reported: its file, and the patches that changed it. */
const at = (r: Rendered) =>
  `${r.file}${r.patchedBy.length ? ` (patched by ${r.patchedBy.join(', ')})` : ''}: ${r.object.kind}/${r.object.metadata.name}`;

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

interface Container {
  name: string;
  image?: string;
  command?: string[];
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name: string; key: string };
      configMapKeyRef?: { name: string; key: string };
    };
  }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  resources?: { requests?: { cpu?: unknown; memory?: unknown }; limits?: { memory?: unknown } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: {
    httpGet?: { path: string; port: string | number };
    tcpSocket?: { port: string | number };
  };
  startupProbe?: { httpGet?: { path: string; port: string | number } };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean };
}

/** What the cross-reference check must know about the code the manifests start. */
export interface CodeFacts {
  /** The routes of the api's readiness and liveness answers, e.g. /api/ready and /api/health. */
  readinessPath: string;
  livenessPath: string;
  /** Bundle paths of the processes (dist/apps/api/main.cjs …) and the cli's commands. */
  bundles: { api: string; worker: string; cli: string };
  cliCommands: string[];
  /** Every queue name; each must be consumed by exactly one worker Deployment (WORKER_QUEUES). */
  queues: string[];
  /** Every environment variable the apps document (.env.example). */
  envVariables: Set<string>;
}

/** Checks the rendered objects against each other and against the code they run. */
export function crossCheck(rendered: Rendered[], facts: CodeFacts, problems: string[]): void {
  const of = (kind: string) => rendered.filter((r) => r.object.kind === kind);
  const deployments = of('Deployment');
  const byName = (kind: string, name: string) => of(kind).find((r) => r.object.metadata.name === name);
  const templateLabels = (r: Rendered) =>
    (r.object as { spec?: { template?: { metadata?: { labels?: Record<string, string> } } } }).spec?.template
      ?.metadata?.labels;
  const containers = (r: Rendered): Container[] =>
    podSpecs(r.object).flatMap(([, spec]) => (spec.containers as Container[] | undefined) ?? []);

  // Every ConfigMap and Secret key is a variable the apps know.
  for (const r of [...of('ConfigMap'), ...of('Secret')]) {
    const data = { ...(r.object.data as object), ...(r.object.stringData as object) };
    for (const key of Object.keys(data))
      if (!facts.envVariables.has(key)) problems.push(`${at(r)}: ${key} is not a variable of .env.example`);
  }

  for (const r of deployments) {
    const spec = r.object.spec as { selector?: { matchLabels?: Record<string, string> } };
    if (!matches(spec.selector?.matchLabels, templateLabels(r)))
      problems.push(`${at(r)}: /spec/selector does not match the pod template's labels`);
  }

  for (const r of [...deployments, ...of('Job')]) {
    for (const [path, pod] of podSpecs(r.object)) {
      const podSecurity = pod.securityContext as { runAsNonRoot?: boolean } | undefined;
      if (podSecurity?.runAsNonRoot !== true)
        problems.push(`${at(r)}: ${path}/securityContext/runAsNonRoot must be true`);
      for (const c of (pod.containers as Container[]) ?? []) {
        const where = `${at(r)}: container ${c.name}`;
        if (
          c.securityContext?.allowPrivilegeEscalation !== false ||
          c.securityContext?.readOnlyRootFilesystem !== true
        )
          problems.push(`${where}: must forbid privilege escalation and keep a read-only root filesystem`);
        if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory)
          problems.push(`${where}: needs cpu and memory requests and a memory limit`);
        for (const e of c.env ?? []) {
          if (!facts.envVariables.has(e.name))
            problems.push(`${where}: env ${e.name} is not a variable of .env.example`);
          const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
          if (!ref) continue;
          const kind = e.valueFrom?.secretKeyRef ? 'Secret' : 'ConfigMap';
          const holder = byName(kind, ref.name);
          const data = holder
            ? { ...(holder.object.data as object), ...(holder.object.stringData as object) }
            : {};
          if (!holder)
            problems.push(`${where}: env ${e.name} names ${kind} ${ref.name}, which is not defined`);
          else if (!(ref.key in data))
            problems.push(
              `${where}: env ${e.name} names key ${ref.key}, which ${kind} ${ref.name} does not hold`,
            );
        }
        for (const from of c.envFrom ?? []) {
          const ref = from.configMapRef
            ? ['ConfigMap', from.configMapRef.name]
            : ['Secret', from.secretRef?.name ?? ''];
          if (!byName(ref[0]!, ref[1]!))
            problems.push(`${where}: envFrom names ${ref[0]} ${ref[1]}, which is not defined`);
        }
        const portOk = (port: string | number) =>
          (c.ports ?? []).some((p) => p.name === port || p.containerPort === port);
        for (const [probe, value] of [
          ['readinessProbe', c.readinessProbe],
          ['livenessProbe', c.livenessProbe],
          ['startupProbe', c.startupProbe],
        ] as const) {
          const port =
            value?.httpGet?.port ?? (value as { tcpSocket?: { port: string | number } })?.tcpSocket?.port;
          if (port !== undefined && !portOk(port))
            problems.push(`${where}: ${probe} port ${port} is not a port of the container`);
        }
        const bundle = c.command?.find((a) => a.endsWith('.cjs'));
        if (bundle === facts.bundles.api) {
          if (c.readinessProbe?.httpGet?.path !== facts.readinessPath)
            problems.push(`${where}: readinessProbe must GET ${facts.readinessPath}`);
          if (c.livenessProbe?.httpGet?.path !== facts.livenessPath)
            problems.push(`${where}: livenessProbe must GET ${facts.livenessPath}`);
        } else if (bundle === facts.bundles.cli) {
          const command = c.command?.[c.command.indexOf(bundle) + 1];
          if (!command || !facts.cliCommands.includes(command))
            problems.push(`${where}: "${command}" is not a command of ${facts.bundles.cli}`);
        } else if (bundle !== facts.bundles.worker) {
          problems.push(`${where}: runs ${bundle ?? 'no bundle'}, not the api, the worker or the cli`);
        }
      }
    }
  }

  // Each queue is consumed by exactly one worker Deployment.
  const consumers = new Map<string, string[]>();
  for (const r of deployments)
    for (const c of containers(r)) {
      if (!c.command?.includes(facts.bundles.worker)) continue;
      const value = c.env?.find((e) => e.name === 'WORKER_QUEUES')?.value ?? '';
      const queues = value === '' ? facts.queues : value.split(',').map((q) => q.trim());
      for (const q of queues) {
        if (!facts.queues.includes(q))
          problems.push(`${at(r)}: WORKER_QUEUES names ${q}, which is not a queue`);
        consumers.set(q, [...(consumers.get(q) ?? []), r.object.metadata.name]);
      }
    }
  for (const q of facts.queues) {
    const by = consumers.get(q) ?? [];
    if (by.length !== 1)
      problems.push(`queue ${q} is consumed by ${by.length} worker Deployments (${by.join(', ')}), not 1`);
  }

  for (const r of of('Service')) {
    const spec = r.object.spec as {
      selector?: Record<string, string>;
      ports?: Array<{ targetPort?: string | number }>;
    };
    const targets = deployments.filter((d) => matches(spec.selector, templateLabels(d)));
    if (targets.length === 0) {
      problems.push(`${at(r)}: /spec/selector matches no Deployment's pods`);
      continue;
    }
    for (const p of spec.ports ?? [])
      for (const d of targets)
        if (
          p.targetPort !== undefined &&
          !containers(d).some((c) =>
            (c.ports ?? []).some((cp) => cp.name === p.targetPort || cp.containerPort === p.targetPort),
          )
        )
          problems.push(`${at(r)}: targetPort ${p.targetPort} is not a port of ${d.object.metadata.name}`);
  }

  for (const r of of('HorizontalPodAutoscaler')) {
    const ref = (r.object.spec as { scaleTargetRef: { kind: string; name: string; apiVersion?: string } })
      .scaleTargetRef;
    const target = byName(ref.kind, ref.name);
    if (!target || target.object.apiVersion !== ref.apiVersion)
      problems.push(`${at(r)}: scaleTargetRef ${ref.apiVersion} ${ref.kind}/${ref.name} is not defined`);
  }

  for (const r of of('PodDisruptionBudget')) {
    const selector = (r.object.spec as { selector?: { matchLabels?: Record<string, string> } }).selector
      ?.matchLabels;
    if (!deployments.some((d) => matches(selector, templateLabels(d))))
      problems.push(`${at(r)}: /spec/selector matches no Deployment's pods`);
  }

  for (const r of of('Ingress')) {
    type Backend = { service?: { name: string; port: { name?: string; number?: number } } };
    const spec = r.object.spec as { rules?: Array<{ http?: { paths: Array<{ backend: Backend }> } }> };
    for (const rule of spec.rules ?? [])
      for (const p of rule.http?.paths ?? []) {
        const s = p.backend.service;
        if (!s) continue;
        const service = byName('Service', s.name);
        const ports =
          (service?.object.spec as { ports?: Array<{ name?: string; port: number }> } | undefined)?.ports ??
          [];
        if (!service) problems.push(`${at(r)}: backend service ${s.name} is not defined`);
        else if (
          !ports.some((sp) =>
            s.port.name !== undefined ? sp.name === s.port.name : sp.port === s.port.number,
          )
        )
          problems.push(
            `${at(r)}: backend port ${s.port.name ?? s.port.number} is not a port of Service ${s.name}`,
          );
      }
  }
}

/** The facts of the code the manifests run, read from the repository at `root`. */
export function readCodeFacts(root: string, queues: string[]): CodeFacts {
  const text = (p: string) => readFileSync(join(root, p), 'utf8');
  const health = text('apps/api/src/modules/health/health.controller.ts');
  const createApp = text('apps/api/src/common/http/create-app.ts');
  const prefix = /setGlobalPrefix\('([^']+)'/.exec(createApp)?.[1];
  const route = (name: string) =>
    health.includes(`@Get('${name}')`) && prefix ? `/${prefix}/${name}` : `(no ${name} route)`;
  const build = text('tools/lib/server-build.mjs');
  const out = (name: string) => new RegExp(`${name}: \\{ in: '[^']+', out: '([^']+)'`).exec(build)?.[1] ?? '';
  const cli = text('apps/api/src/cli.ts');
  const commands = [...(/const USAGE = `([^`]+)`/.exec(cli)?.[1] ?? '').matchAll(/^ {2}([a-z:-]+)\s/gm)].map(
    (m) => m[1]!,
  );
  const envExample = text('.env.example');
  const envVariables = new Set([...envExample.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));
  return {
    readinessPath: route('ready'),
    livenessPath: route('health'),
    bundles: { api: out('api'), worker: out('worker'), cli: out('cli') },
    cliCommands: commands,
    queues,
    envVariables,
  };
}

/** Renders and checks one kustomization directory; throws ManifestError listing every problem. */
export function checkKustomization(
  dir: string,
  facts: CodeFacts,
  root: string,
  read: ReadFile = readFromDisk,
): Rendered[] {
  const problems: string[] = [];
  const rendered = renderKustomization(dir, read, root, problems);
  crossCheck(rendered, facts, problems);
  if (problems.length > 0) throw new ManifestError(problems);
  return rendered;
}
