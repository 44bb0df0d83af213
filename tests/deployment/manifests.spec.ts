import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigError } from '@whistle/config';
import {
  COMPOSE_FILE,
  DEFAULT_PORTS,
  DEPLOYED_SERVICES,
  IMAGE_DATA_DIR,
  K8S_DIR,
  KURRENTDB_URL_SETTING,
  NGINX_CONF_FILE,
  PROXY_PORT,
  RENDER_COMMAND,
  deploymentPlan,
  loadServiceSettings,
  renderDeploymentFiles,
  renderNginxConf,
  serviceSettings,
  settingsADeploymentSets,
  storesOpenedBy,
  verifyOptionsOf,
  type DeployedService,
  type DeploymentPlan,
} from '@whistle/deployment';

/**
 * docker-compose.yml, deploy/k8s and deploy/nginx/nginx.conf are rendered from libs/deployment
 * (`npm run render:deploy`). What the renderer guarantees by construction (one image, a volume
 * and a claim per service, depends_on, namespaces, selectors, ...) is not checked again here.
 * This checks (1) that the committed files are exactly the rendering, and (2) that the rendering
 * agrees with the code the services run: their settings, ports, routes, start scripts and image.
 * None of it can run on the build machines (no Docker engine, no Kubernetes).
 */
const ROOT = join(__dirname, '..', '..');
const readText = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const packageJson = JSON.parse(readText('package.json')) as { scripts: Record<string, string>; devDependencies?: Record<string, string> };
type Files = Readonly<Record<string, string>>;
/** The one hand-written manifest: operators fill it in (or create the Secret without it). */
const JWT_SECRET_TEMPLATE = `${K8S_DIR}/templates/jwt-secret.yaml`;

// ---- (1) the committed files are the rendering --------------------------------------------------

/** Each committed file that is not what the renderer writes, with where they part. */
function staleFiles(rendered: Files, read: (path: string) => string | undefined): string[] {
  return Object.entries(rendered).flatMap(([path, text]) => {
    const committed = read(path);
    if (committed === text) return [];
    if (committed === undefined) return [`${path} is missing: run ${RENDER_COMMAND}`];
    const [mine, theirs] = [committed.split('\n'), text.split('\n')];
    const line = mine.findIndex((l, i) => l !== theirs[i]);
    const at = line < 0 ? theirs.length : line;
    return [`${path} differs from its rendering at line ${at + 1} ("${mine[at] ?? ''}" instead of "${theirs[at] ?? ''}"): run ${RENDER_COMMAND}`];
  });
}
const readCommitted = (path: string): string | undefined => (existsSync(join(ROOT, path)) ? readText(path) : undefined);

// ---- (2) the rendering agrees with the code ----------------------------------------------------

interface EnvValue {
  readonly value: string;
  /** From outside the file: a required compose variable, a Kubernetes Secret. */
  readonly external: boolean;
}
/** A deployed service as a file runs it, in the terms compose and the manifests share. */
interface Unit {
  readonly where: string;
  readonly service: DeployedService;
  readonly command: unknown;
  readonly env: ReadonlyMap<string, EnvValue>;
  /** Every place the platform reaches the service's port: [what, port]. */
  readonly ports: readonly (readonly [string, unknown])[];
  /** Each health check: [what, the path it asks, the path it must ask]. */
  readonly probes: readonly (readonly [string, unknown, string])[];
}

type Dict = Record<string, unknown>;
const dict = (v: unknown): Dict => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Dict) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const at = (v: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((node, key) => dict(node)[key] ?? list(node)[key as number], v);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
const placeholder = (name: string): string => `placeholder-${name}`;
function urlOf(value: string | undefined): URL | undefined {
  try {
    return value === undefined ? undefined : new URL(value);
  } catch {
    return undefined;
  }
}

/** Compose's interpolation without the operator's variables: defaults taken, required ones a placeholder from outside. */
function interpolate(name: string, raw: unknown): EnvValue {
  const text = String(raw);
  const required = /^\$\{\w+:\?[^}]*\}$/.test(text);
  return { value: required ? placeholder(name) : text.replace(/\$\{\w+:-([^}]*)\}/g, '$1'), external: required };
}

function composeUnits(text: string): Unit[] {
  const services = dict(at(parse(text), 'services'));
  return DEPLOYED_SERVICES.map((service): Unit => {
    const s = services[service];
    const env = new Map(Object.entries(dict(at(s, 'environment'))).map(([name, v]) => [name, interpolate(name, v)]));
    const healthcheck = list(at(s, 'healthcheck', 'test')).join(' ');
    const [, port, path] = /https?:\/\/(?:127\.0\.0\.1|localhost):(\d+)(\/\S*?)'/.exec(healthcheck) ?? [];
    return {
      where: `compose service ${service}`,
      service,
      command: at(s, 'command'),
      env,
      ports: [
        ['PORT', num(env.get('PORT')?.value)],
        ['its healthcheck', num(port)],
      ],
      probes: [['its healthcheck', path, '/api/ready']],
    };
  });
}

const k8sObjects = (files: Files): Dict[] =>
  Object.entries(files)
    .filter(([path]) => path.startsWith(`${K8S_DIR}/`) && path.endsWith('.yaml'))
    .flatMap(([, text]) => parseAllDocuments(text).map((d) => dict(d.toJS())));

function k8sUnits(files: Files): Unit[] {
  const objects = k8sObjects(files);
  const find = (kind: string, name: unknown) => objects.find((o) => o['kind'] === kind && at(o, 'metadata', 'name') === name);
  return DEPLOYED_SERVICES.map((service): Unit => {
    const where = `k8s Deployment ${service}`;
    const container = at(find('Deployment', service), 'spec', 'template', 'spec', 'containers', 0);
    const env = new Map<string, EnvValue>();
    for (const source of list(at(container, 'envFrom'))) {
      for (const [name, v] of Object.entries(dict(at(find('ConfigMap', at(source, 'configMapRef', 'name')), 'data')))) env.set(name, { value: String(v), external: false });
    }
    for (const item of list(at(container, 'env'))) {
      const name = String(at(item, 'name'));
      const secret = at(item, 'valueFrom', 'secretKeyRef');
      env.set(name, secret ? { value: placeholder(name), external: true } : { value: String(at(item, 'value')), external: false });
    }
    const probe = (kind: string, path: string) => [`its ${kind}`, at(container, kind, 'httpGet', 'path'), path] as const;
    const servicePort = at(find('Service', service), 'spec', 'ports', 0);
    return {
      where,
      service,
      command: at(container, 'command'),
      env,
      ports: [
        ['PORT', num(env.get('PORT')?.value)],
        ['its containerPort', at(container, 'ports', 0, 'containerPort')],
        ...['startupProbe', 'readinessProbe', 'livenessProbe'].map((kind) => [`its ${kind}`, at(container, kind, 'httpGet', 'port')] as const),
        ['its Service port', at(servicePort, 'port')],
        ['its Service targetPort', at(servicePort, 'targetPort')],
      ],
      probes: [probe('startupProbe', '/api/health'), probe('readinessProbe', '/api/ready'), probe('livenessProbe', '/api/health')],
    };
  });
}

function unitProblems(u: Unit): string[] {
  const problems: string[] = [];
  const script = `start:${u.service}`;
  if (JSON.stringify(u.command) !== JSON.stringify(['npm', 'run', script])) problems.push(`${u.where}: runs ${JSON.stringify(u.command)}, not npm run ${script}`);
  const entry = packageJson.scripts[script]?.split(/\s+/).find((word) => word.endsWith('.ts'));
  if (!entry || !existsSync(join(ROOT, entry))) problems.push(`${u.where}: package.json's ${script} starts no file that exists`);
  const expected = DEFAULT_PORTS[u.service];
  for (const [what, port] of u.ports) if (port !== expected) problems.push(`${u.where}: ${what} is ${String(port)}, not DEFAULT_PORTS.${u.service} ${expected}`);
  for (const [what, path, wanted] of u.probes) if (path !== wanted) problems.push(`${u.where}: ${what} asks ${String(path)}, not ${wanted}`);
  // Only settings the service reads, every one a deployment must set, and only the stores it opens.
  const known = Object.keys(serviceSettings(u.service));
  const opened: string[] = storesOpenedBy(u.service).map((s) => KURRENTDB_URL_SETTING[s]);
  for (const name of u.env.keys()) {
    if (!known.includes(name)) problems.push(`${u.where}: sets ${name}, which is not a setting of the ${u.service} service`);
    else if (name.startsWith('KURRENTDB_URL_') && !opened.includes(name)) problems.push(`${u.where}: sets ${name}, but the ${u.service} service opens only ${opened.join(', ')}`);
  }
  for (const name of settingsADeploymentSets(u.service, 'kurrentdb')) if (!u.env.has(name)) problems.push(`${u.where}: does not set ${name}`);
  for (const name of opened) {
    const value = u.env.get(name)?.value;
    if (value !== undefined && urlOf(value)?.protocol !== 'kurrentdb:') problems.push(`${u.where}: ${name} "${value}" is not a kurrentdb:// connection string`);
  }
  const mongo = u.env.get('MONGODB_URL')?.value;
  if (mongo !== undefined && !urlOf(mongo)?.pathname.replace('/', '')) problems.push(`${u.where}: MONGODB_URL names no database`);
  // Values the service accepts, with the tokens checked by the issuer's key, never written in the file.
  for (const name of ['JWT_ISSUER', 'JWT_PUBLIC_KEY']) if (u.env.get(name)?.external !== true) problems.push(`${u.where}: ${name} does not come from outside the file`);
  try {
    const settings = loadServiceSettings(u.service, Object.fromEntries([...u.env].map(([name, { value }]) => [name, value])));
    if (settings.EVENT_STORE !== 'kurrentdb') problems.push(`${u.where}: EVENT_STORE is ${settings.EVENT_STORE}, not kurrentdb`);
    if (settings.DATA_DIR !== IMAGE_DATA_DIR) problems.push(`${u.where}: DATA_DIR is ${settings.DATA_DIR}, not the image's ${IMAGE_DATA_DIR}`);
    if (verifyOptionsOf(settings).mode !== 'public-key') problems.push(`${u.where}: verifies tokens with the development secret`);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems.map((p) => `${u.where}: ${p}`));
  }
  return problems;
}

/** Every service that opens a store names the same one, and no two stores share a host. */
function storeProblems(units: readonly Unit[], platform: string): string[] {
  const hosts = Object.entries(KURRENTDB_URL_SETTING).map(([store, name]) => {
    const values = new Set(units.flatMap((u) => u.env.get(name)?.value ?? []));
    return { store, values, host: [...values].map((v) => urlOf(v)?.host)[0] };
  });
  return [
    ...hosts.filter((h) => h.values.size > 1).map((h) => `${platform}: the services name different ${h.store} stores: ${[...h.values].join(' | ')}`),
    ...hosts.filter((h, i) => h.host && hosts.findIndex((o) => o.host === h.host) !== i).map((h) => `${platform}: the ${h.store} store shares ${h.host} with another`),
  ];
}

/** The one base URL: nginx routes by ROUTES to each service on its port, and the platforms send everything to it on PROXY_PORT. */
function routeProblems(files: Files): string[] {
  const upstreams = Object.fromEntries(DEPLOYED_SERVICES.map((s) => [s, `${s}:${DEFAULT_PORTS[s]}`])) as Record<DeployedService, string>;
  const conf = files[NGINX_CONF_FILE] ?? '';
  const problems = conf.endsWith(renderNginxConf({ listen: PROXY_PORT, upstreams })) ? [] : [`${NGINX_CONF_FILE}: is not renderNginxConf(ROUTES) on PROXY_PORT with each service on its DEFAULT_PORTS port`];
  const proxy = dict(at(parse(files[COMPOSE_FILE] ?? ''), 'services', 'proxy'));
  if (JSON.stringify(proxy['ports']) !== JSON.stringify([`${PROXY_PORT}:${PROXY_PORT}`])) problems.push(`compose service proxy: does not publish PROXY_PORT ${PROXY_PORT}`);
  if (!list(proxy['volumes']).includes(`./${NGINX_CONF_FILE}:/etc/nginx/nginx.conf:ro`)) problems.push(`compose service proxy: does not serve ${NGINX_CONF_FILE}`);
  const objects = k8sObjects(files);
  const backends = objects
    .filter((o) => o['kind'] === 'Ingress')
    .flatMap((o) => list(at(o, 'spec', 'rules')).flatMap((r) => list(at(r, 'http', 'paths'))))
    .map((p) => `${String(at(p, 'backend', 'service', 'name'))}:${String(at(p, 'backend', 'service', 'port', 'number'))}`);
  if (backends.length === 0 || backends.some((b) => b !== `proxy:${PROXY_PORT}`)) problems.push(`k8s Ingress: sends paths to ${backends.join(', ') || 'nothing'}, not only to proxy:${PROXY_PORT}`);
  const service = objects.find((o) => o['kind'] === 'Service' && at(o, 'metadata', 'name') === 'proxy');
  if (at(service, 'spec', 'ports', 0, 'port') !== PROXY_PORT || at(service, 'spec', 'ports', 0, 'targetPort') !== PROXY_PORT) problems.push(`k8s Service proxy: not on PROXY_PORT ${PROXY_PORT}`);
  const nginxConf = objects.find((o) => o['kind'] === 'ConfigMap' && at(o, 'metadata', 'name') === 'proxy-nginx');
  if (at(nginxConf, 'data', 'nginx.conf') !== conf) problems.push(`k8s ConfigMap proxy-nginx: nginx.conf is not ${NGINX_CONF_FILE}`);
  return problems;
}

/** Every Secret key a Deployment reads is in the hand-written templates/jwt-secret.yaml. */
function secretProblems(files: Files): string[] {
  const objects = k8sObjects(files);
  const refs = objects
    .filter((o) => o['kind'] === 'Deployment')
    .flatMap((o) => list(at(o, 'spec', 'template', 'spec', 'containers')).flatMap((c) => list(at(c, 'env'))))
    .flatMap((e) => (at(e, 'valueFrom', 'secretKeyRef') ? [at(e, 'valueFrom', 'secretKeyRef')] : []));
  return [...new Set(refs.map((ref) => `${String(at(ref, 'name'))}/${String(at(ref, 'key'))}`))].flatMap((ref) => {
    const [name, key = ''] = ref.split('/');
    const secret = objects.find((o) => o['kind'] === 'Secret' && at(o, 'metadata', 'name') === name);
    return key in dict(at(secret, 'stringData')) || key in dict(at(secret, 'data')) ? [] : [`k8s: the Deployments read key ${key} of Secret ${name}, which ${JWT_SECRET_TEMPLATE} does not define`];
  });
}

/** Everything in the rendered files that disagrees with the code; empty for a rendering of the real topology. */
function agreementProblems(renderedFiles: Files): string[] {
  const files: Files = { ...renderedFiles, [JWT_SECRET_TEMPLATE]: readText(JWT_SECRET_TEMPLATE) };
  const compose = composeUnits(files[COMPOSE_FILE] ?? '');
  const k8s = k8sUnits(files);
  return [
    ...compose.flatMap(unitProblems),
    ...storeProblems(compose, 'compose'),
    ...k8s.flatMap(unitProblems),
    ...storeProblems(k8s, 'k8s'),
    ...secretProblems(files),
    ...routeProblems(files),
  ];
}

// ---- deploy/Dockerfile (hand-written): the image the rendered files run ----------------------------

function dockerfileProblems(dockerfile: string): string[] {
  const instructions = dockerfile
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => /^(\S+)\s*(.*)$/.exec(line.trim()))
    .flatMap((m) => (m ? [{ op: (m[1] ?? '').toUpperCase(), args: m[2] ?? '' }] : []));
  const runtime = instructions.slice(instructions.map((i) => i.op).lastIndexOf('FROM'));
  const problems: string[] = [];
  const scripts = DEPLOYED_SERVICES.map((s) => packageJson.scripts[`start:${s}`] ?? '');
  const preloads = new Set(scripts.flatMap((c) => [...c.matchAll(/(?:-r|--require)\s+(\S+)/g)].map((m) => m[1] ?? '')));
  const installs = instructions.filter((i) => i.op === 'RUN' && /\bnpm (ci|install)\b/.test(i.args));
  if (installs.length === 0) problems.push('deploy/Dockerfile: no RUN npm ci');
  for (const module of preloads) {
    if (packageJson.devDependencies?.[module] && installs.some((i) => /--omit[= ]dev|--production/.test(i.args))) problems.push(`deploy/Dockerfile: leaves out dev dependencies, but the start scripts preload ${module}, one of them`);
  }
  // The start scripts' entries, the libraries tsconfig maps (@whistle/*) and what resolves them are copied in.
  const paths = (JSON.parse(readText('tsconfig.base.json')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
  const needed = new Set(['package.json', 'tsconfig.json', 'tsconfig.base.json', ...scripts.flatMap((c) => c.split(/\s+/).filter((w) => w.endsWith('.ts'))), ...Object.values(paths).flat()]);
  const copied = runtime.filter((i) => i.op === 'COPY' && !i.args.includes('--from=')).flatMap((i) => i.args.split(/\s+/).filter((w) => !w.startsWith('--')).slice(0, -1));
  const glob = (pattern: string) => new RegExp(`^${pattern.replace(/^\.\//, '').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\/$/, '')}(/|$)`);
  for (const path of needed) if (!copied.some((source) => glob(source).test(path))) problems.push(`deploy/Dockerfile: the image lacks ${path} (no COPY of it)`);
  if (!runtime.some((i) => i.op === 'COPY' && /--from=\S+/.test(i.args) && i.args.includes('node_modules'))) problems.push('deploy/Dockerfile: the runtime stage does not copy the installed node_modules');
  if (!readText('.dockerignore').split('\n').some((l) => ['node_modules', '**/node_modules'].includes(l.trim()))) problems.push(".dockerignore: does not leave out node_modules, so the host's would replace the image's");
  const user = runtime.filter((i) => i.op === 'USER').pop()?.args;
  if (user !== 'node') problems.push(`deploy/Dockerfile: runs as ${user ?? 'root'}, not node`);
  const dataDir = /(?:^|\s)DATA_DIR=("?)([^\s"]+)\1/.exec(runtime.filter((i) => i.op === 'ENV').map((i) => i.args).join(' '))?.[2];
  if (dataDir !== IMAGE_DATA_DIR) problems.push(`deploy/Dockerfile: DATA_DIR is ${dataDir}, not IMAGE_DATA_DIR ${IMAGE_DATA_DIR} of the topology`);
  if (!runtime.some((i) => i.op === 'VOLUME' && i.args.includes(`"${IMAGE_DATA_DIR}"`))) problems.push(`deploy/Dockerfile: ${IMAGE_DATA_DIR} is not a VOLUME`);
  const cmd = JSON.parse(runtime.filter((i) => i.op === 'CMD').pop()?.args || 'null') as unknown;
  const script = list(cmd)[0] === 'npm' ? (list(cmd)[1] === 'run' ? list(cmd)[2] : list(cmd)[1]) : undefined;
  if (typeof script !== 'string' || !packageJson.scripts[script]) problems.push(`deploy/Dockerfile: CMD ${JSON.stringify(cmd)} is not npm run of a package.json script`);
  if (instructions.some((i) => i.op === 'EXPOSE')) problems.push('deploy/Dockerfile: EXPOSEs a port; each service listens on its PORT');
  return problems;
}

// ---- the tests -----------------------------------------------------------------------------------

const rendered = renderDeploymentFiles();

describe('the deployment files', () => {
  it(`are committed exactly as \`${RENDER_COMMAND}\` renders them`, () => {
    expect(staleFiles(rendered, readCommitted)).toEqual([]);
  });

  it(`leave no YAML in ${K8S_DIR} that the renderer does not write, but the hand-written Secret template`, () => {
    const listed = (dir: string): string[] => readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listed(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
    const yamls = listed(K8S_DIR).filter((p) => /\.ya?ml$/.test(p));
    expect(yamls.filter((p) => !(p in rendered))).toEqual([JWT_SECRET_TEMPLATE]);
  });

  it('agree with the services: settings they read and accept, ports, probes, start scripts, stores and routes', () => {
    expect(agreementProblems(rendered)).toEqual([]);
  });

  it('run the image deploy/Dockerfile builds: every start script and what it loads, DATA_DIR on a volume, as node', () => {
    expect(dockerfileProblems(readText('deploy/Dockerfile'))).toEqual([]);
  });
});

describe('the checks bite', () => {
  it('a hand edit of a committed file is named, with the command that renders it again', () => {
    const edited: Files = { ...rendered, [COMPOSE_FILE]: (rendered[COMPOSE_FILE] ?? '').replace('PORT: "3101"', 'PORT: "3111"') };
    const read = (path: string) => (path === `${K8S_DIR}/00-namespace.yaml` ? undefined : edited[path]);
    expect(staleFiles(rendered, read)).toEqual([
      expect.stringMatching(/^docker-compose\.yml differs from its rendering at line \d+ \(" {6}PORT: "3111"" instead of " {6}PORT: "3101""\): run npm run render:deploy$/),
      `${K8S_DIR}/00-namespace.yaml is missing: run npm run render:deploy`,
    ]);
  });

  it('a renderer fed a misspelt setting, a wrong port and a value the service refuses is named in both platforms', () => {
    const plan = deploymentPlan();
    const broken: DeploymentPlan = {
      ...plan,
      shared: plan.shared.map((s) => (s.name === 'KAFKA_BROKERS' ? { ...s, name: 'KAFKA_BROKER' as never } : s.name === 'KAFKA_PARTITIONS' ? { ...s, value: 'many' } : s)),
      services: plan.services.map((s) =>
        s.service === 'audit' ? { ...s, port: 3107, settings: s.settings.map((setting) => (setting.name === 'PORT' ? { ...setting, value: '3107' } : setting)) } : s,
      ),
    };
    const problems = agreementProblems(renderDeploymentFiles(broken));
    expect(problems).toEqual(
      expect.arrayContaining([
        'compose service intake: sets KAFKA_BROKER, which is not a setting of the intake service',
        'compose service intake: does not set KAFKA_BROKERS',
        'compose service audit: PORT is 3107, not DEFAULT_PORTS.audit 3106',
        expect.stringMatching(/^compose service escalation: KAFKA_PARTITIONS: "many" is not a whole number/),
        'k8s Deployment intake: sets KAFKA_BROKER, which is not a setting of the intake service',
        'k8s Deployment audit: its Service port is 3107, not DEFAULT_PORTS.audit 3106',
        `${NGINX_CONF_FILE}: is not renderNginxConf(ROUTES) on PROXY_PORT with each service on its DEFAULT_PORTS port`,
      ]),
    );
  });

  it('a Dockerfile that leaves out a start script\'s sources, runs as root or fixes a port is named', () => {
    const broken = readText('deploy/Dockerfile').replace('COPY services ./services', '').replace('USER node', 'EXPOSE 3101');
    expect(dockerfileProblems(broken)).toEqual(
      expect.arrayContaining([
        'deploy/Dockerfile: the image lacks services/intake/src/main.ts (no COPY of it)',
        'deploy/Dockerfile: runs as root, not node',
        'deploy/Dockerfile: EXPOSEs a port; each service listens on its PORT',
      ]),
    );
  });

  it('a renderer that gives a service a store it does not open, or shares one store between two, is named', () => {
    const plan = deploymentPlan();
    const url = (s: DeploymentPlan['services'][number], name: string) => s.settings.find((x) => x.name === name);
    const broken: DeploymentPlan = {
      ...plan,
      services: plan.services.map((s) =>
        s.service === 'intake'
          ? { ...s, settings: [...s.settings, { name: 'KURRENTDB_URL_ESCALATION', value: 'kurrentdb://kurrentdb-intake:2113?tls=false' }] }
          : s.service === 'escalation'
            ? { ...s, settings: s.settings.map((x) => (x === url(s, 'KURRENTDB_URL_ESCALATION') ? { ...x, value: 'kurrentdb://kurrentdb-intake:2113?tls=false' } : x)) }
            : s,
      ),
    };
    expect(agreementProblems(renderDeploymentFiles(broken))).toEqual(
      expect.arrayContaining([
        'compose service intake: sets KURRENTDB_URL_ESCALATION, but the intake service opens only KURRENTDB_URL_INTAKE',
        expect.stringMatching(/^k8s: the services name different escalation stores/),
        'k8s: the escalation store shares kurrentdb-intake:2113 with another',
      ]),
    );
  });
});
