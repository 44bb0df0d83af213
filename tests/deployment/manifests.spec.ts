import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigError } from '@whistle/config';
import {
  DEFAULT_PORTS,
  DEPLOYED_SERVICES,
  KURRENTDB_URL_SETTING,
  PROXY_PORT,
  ROUTES,
  loadServiceSettings,
  renderNginxConf,
  serviceSettings,
  settingsADeploymentSets,
  storesOpenedBy,
  verifyOptionsOf,
  type DeployedService,
} from '@whistle/deployment';

/**
 * The deployment files cannot run on the build machines (no Docker engine, no Kubernetes), so
 * this keeps them honest: docker-compose.yml, deploy/k8s, deploy/nginx/nginx.conf and
 * deploy/Dockerfile are read as data and checked against libs/deployment, the code the services
 * read their settings, ports and routes from. Each check returns the problems it finds, named.
 */
const ROOT = join(__dirname, '..', '..');
const NAMESPACE = 'four-level-whistle';
/** Where the images of the backing services listen; the connection strings must say the same. */
const KURRENTDB_PORT = 2113;
const MONGODB_PORT = 27017;
/** query's DATA_DIR holds only its HTTP idempotency file; every other service keeps state there. */
const KEEPS_FILES: readonly DeployedService[] = DEPLOYED_SERVICES.filter((s) => s !== 'query');
const JWT_SETTINGS = ['JWT_ISSUER', 'JWT_PUBLIC_KEY'] as const;

const readText = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const packageJson = JSON.parse(readText('package.json')) as { scripts: Record<string, string>; devDependencies?: Record<string, string> };

// ---- reading untyped YAML ----------------------------------------------------------------------

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);
const dict = (v: unknown): Dict => (isDict(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
function at(v: unknown, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), v);
}

function parseYamlDocuments(path: string): unknown[] {
  return parseAllDocuments(readText(path)).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS() as unknown;
  });
}

// ---- what compose and the manifests share --------------------------------------------------------

/** One setting as a deployment gives it; `external` when the value comes from outside the file (a variable, a Secret). */
interface EnvValue {
  readonly value: string;
  readonly external: boolean;
}

/** A deployed service as compose or the manifests run it, in the terms both share. */
interface Unit {
  readonly where: string;
  readonly service: DeployedService;
  readonly command: readonly string[] | undefined;
  readonly env: ReadonlyMap<string, EnvValue>;
  /** Every place the platform reaches the service's port: [what, port]. */
  readonly ports: readonly (readonly [string, number | undefined])[];
  /** Problems met while reading its environment (a reference to nothing, say). */
  readonly envProblems: readonly string[];
  /** Health checks that ask the wrong path. */
  readonly probeProblems: readonly string[];
}

type Backing = 'kafka' | 'kurrentdb' | 'mongodb';
/** host:port of each backing service a file offers the services. */
type Endpoints = Record<Backing, ReadonlySet<string>>;

const placeholder = (name: string): string => `placeholder-${name}`;

function startProblems(unit: Unit): string[] {
  const script = `start:${unit.service}`;
  const problems: string[] = [];
  if (JSON.stringify(unit.command) !== JSON.stringify(['npm', 'run', script])) {
    problems.push(`${unit.where}: runs ${JSON.stringify(unit.command)}, not ["npm","run","${script}"]`);
  }
  const command = packageJson.scripts[script];
  if (!command) return [...problems, `${unit.where}: package.json has no script ${script}`];
  const entry = command.split(/\s+/).find((word) => word.endsWith('.ts'));
  if (!entry || !existsSync(join(ROOT, entry))) problems.push(`${unit.where}: ${script} runs "${command}", whose entry file does not exist`);
  return problems;
}

function portProblems(unit: Unit): string[] {
  const expected = DEFAULT_PORTS[unit.service];
  return [
    ...unit.ports.filter(([, port]) => port !== expected).map(([what, port]) => `${unit.where}: ${what} is ${port ?? 'missing'}, not DEFAULT_PORTS.${unit.service} ${expected}`),
    ...unit.probeProblems,
  ];
}

function settingNameProblems(unit: Unit): string[] {
  const known = Object.keys(serviceSettings(unit.service));
  const opened = storesOpenedBy(unit.service).map((s) => KURRENTDB_URL_SETTING[s]) as string[];
  const problems: string[] = [...unit.envProblems];
  for (const name of unit.env.keys()) {
    if (!known.includes(name)) problems.push(`${unit.where}: sets ${name}, which is not a setting of the ${unit.service} service`);
    else if (name.startsWith('KURRENTDB_URL_') && !opened.includes(name)) {
      problems.push(`${unit.where}: sets ${name}, but the ${unit.service} service opens only ${storesOpenedBy(unit.service).join(', ')}`);
    }
  }
  for (const name of settingsADeploymentSets(unit.service, 'kurrentdb')) {
    if (!unit.env.has(name)) problems.push(`${unit.where}: does not set ${name}`);
  }
  return problems;
}

function settingValueProblems(unit: Unit): string[] {
  const problems: string[] = [];
  for (const name of JWT_SETTINGS) {
    if (unit.env.get(name)?.external === false) problems.push(`${unit.where}: ${name} is written in the file; it must come from outside (a required variable, a Secret)`);
  }
  const env = Object.fromEntries([...unit.env].map(([name, { value }]) => [name, value]));
  try {
    const settings = loadServiceSettings(unit.service, env);
    if (settings.EVENT_STORE !== 'kurrentdb') problems.push(`${unit.where}: EVENT_STORE is ${settings.EVENT_STORE}, not kurrentdb`);
    if (verifyOptionsOf(settings).mode !== 'public-key') problems.push(`${unit.where}: verifies tokens with the development secret, not JWT_ISSUER's public key`);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems.map((p) => `${unit.where}: ${p}`));
  }
  return problems;
}

const hostPort = (host: string, port: string | number): string => `${host}:${port}`;

/** The backing services a unit's settings name: [what, backing, host:port]. */
function connectionsOf(unit: Unit): [string, Backing, string][] {
  const found: [string, Backing, string][] = [];
  for (const broker of (unit.env.get('KAFKA_BROKERS')?.value ?? '').split(',').filter(Boolean)) {
    found.push(['KAFKA_BROKERS', 'kafka', broker.trim()]);
  }
  for (const store of storesOpenedBy(unit.service)) {
    const name = KURRENTDB_URL_SETTING[store];
    const url = urlOf(unit.env.get(name)?.value);
    if (url) found.push([name, 'kurrentdb', hostPort(url.hostname, url.port || KURRENTDB_PORT)]);
  }
  const mongo = urlOf(unit.env.get('MONGODB_URL')?.value);
  if (unit.service === 'query' && mongo) found.push(['MONGODB_URL', 'mongodb', hostPort(mongo.hostname, mongo.port || MONGODB_PORT)]);
  return found;
}

function urlOf(value: string | undefined): URL | undefined {
  try {
    return value ? new URL(value) : undefined;
  } catch {
    return undefined;
  }
}

type Platform = 'compose' | 'k8s';
const NOUN: Record<Platform, string> = { compose: 'compose service', k8s: 'k8s Service' };

function connectionProblems(unit: Unit, endpoints: Endpoints, platform: Platform): string[] {
  const problems: string[] = [];
  for (const store of storesOpenedBy(unit.service)) {
    const name = KURRENTDB_URL_SETTING[store];
    const value = unit.env.get(name)?.value;
    if (value !== undefined && urlOf(value)?.protocol !== 'kurrentdb:') problems.push(`${unit.where}: ${name} "${value}" is not a kurrentdb:// connection string`);
  }
  if (unit.service === 'query' && urlOf(unit.env.get('MONGODB_URL')?.value)?.pathname.replace('/', '') === '') {
    problems.push(`${unit.where}: MONGODB_URL names no database`);
  }
  for (const [name, backing, address] of connectionsOf(unit)) {
    if (!endpoints[backing].has(address)) problems.push(`${unit.where}: ${name} names ${address}, which is no ${backing} ${NOUN[platform]} (${[...endpoints[backing]].join(', ') || 'none'})`);
  }
  return problems;
}

/** Every service that opens a store must name the same one, and no two writing services share one. */
function storeAgreementProblems(units: readonly Unit[], platform: Platform): string[] {
  const problems: string[] = [];
  const hostOfStore = new Map<string, string>();
  for (const [store, name] of Object.entries(KURRENTDB_URL_SETTING)) {
    const values = new Set(units.map((u) => u.env.get(name)?.value).filter((v): v is string => v !== undefined));
    if (values.size > 1) problems.push(`${platform}: the services name different ${store} stores in ${name}: ${[...values].join(' | ')}`);
    const url = urlOf([...values][0]);
    if (!url) continue;
    const owner = [...hostOfStore].find(([, host]) => host === url.host)?.[0];
    if (owner) problems.push(`${platform}: the ${store} and ${owner} stores are both ${url.host}; each writing service has a store of its own`);
    hostOfStore.set(store, url.host);
  }
  return problems;
}

const allConnectionProblems = (units: readonly Unit[], endpoints: Endpoints, platform: Platform): string[] => [
  ...units.flatMap((u) => connectionProblems(u, endpoints, platform)),
  ...storeAgreementProblems(units, platform),
];

// ---- deploy/Dockerfile ---------------------------------------------------------------------------

interface Instruction {
  readonly op: string;
  readonly args: string;
}

/** The Dockerfile's stages, each a list of instructions (comments dropped, continuations joined). */
function readDockerfile(source: string): Instruction[][] {
  const lines = source
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const stages: Instruction[][] = [];
  for (const line of lines.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM') stages.push([]);
    stages[stages.length - 1]?.push({ op: op.toUpperCase(), args });
  }
  return stages;
}

const dockerfile = readDockerfile(readText('deploy/Dockerfile'));
const runtimeStage = dockerfile[dockerfile.length - 1] ?? [];

/** DATA_DIR as the image sets it: the path compose and the manifests must mount a volume at. */
function imageDataDir(): string | undefined {
  const env = runtimeStage.filter((i) => i.op === 'ENV').map((i) => i.args).join(' ');
  return /(?:^|\s)DATA_DIR=("?)([^\s"]+)\1/.exec(env)?.[2];
}
const DATA_DIR = imageDataDir();

function execForm(args: string): string[] | undefined {
  try {
    const value = JSON.parse(args) as unknown;
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

const globMatches = (pattern: string, name: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\/$/, '')}$`).test(name);

const DOCKERFILE_CHECKS: Record<string, () => string[]> = {
  'installs what the start scripts preload (dev dependencies only if it is one), and copies everything they run': () => {
    const problems: string[] = [];
    const scripts = DEPLOYED_SERVICES.map((s) => packageJson.scripts[`start:${s}`] ?? '');
    const preloads = new Set(scripts.flatMap((c) => [...c.matchAll(/(?:-r|--require)\s+(\S+)/g)].map((m) => m[1] ?? '')));
    const installs = dockerfile.flat().filter((i) => i.op === 'RUN' && /\bnpm (ci|install)\b/.test(i.args));
    if (installs.length === 0) problems.push('deploy/Dockerfile: no RUN npm ci');
    for (const module of preloads) {
      if (packageJson.devDependencies?.[module] && installs.some((i) => /--omit[= ]dev|--production|--only[= ]prod/.test(i.args))) {
        problems.push(`deploy/Dockerfile: leaves out the dev dependencies, but the start scripts preload ${module}, one of them`);
      }
    }
    // The start scripts' entries, the libraries tsconfig maps (@whistle/*), and what resolves them.
    const tsconfigBase = JSON.parse(readText('tsconfig.base.json')) as { compilerOptions: { paths: Record<string, string[]> } };
    const needed = new Set(['package.json', 'tsconfig.json', 'tsconfig.base.json']);
    for (const c of scripts) for (const word of c.split(/\s+/).filter((w) => w.endsWith('.ts'))) needed.add(word.split('/')[0] ?? word);
    for (const [target] of Object.values(tsconfigBase.compilerOptions.paths)) if (target) needed.add(target.split('/')[0] ?? target);
    const copied = runtimeStage
      .filter((i) => i.op === 'COPY' && !/--from=/.test(i.args))
      .flatMap((i) => i.args.split(/\s+/).filter((w) => !w.startsWith('--')).slice(0, -1));
    for (const path of needed) {
      if (!copied.some((source) => globMatches(source.replace(/^\.\//, ''), path))) problems.push(`deploy/Dockerfile: the image lacks ${path} (no COPY of it)`);
    }
    if (!runtimeStage.some((i) => i.op === 'COPY' && /--from=\S+/.test(i.args) && /node_modules/.test(i.args))) {
      problems.push('deploy/Dockerfile: the runtime stage does not copy the installed node_modules');
    }
    const ignored = readText('.dockerignore').split('\n').map((l) => l.trim());
    if (!ignored.some((l) => l === 'node_modules' || l === '**/node_modules')) problems.push('.dockerignore: does not leave out node_modules, so the host\'s would replace the image\'s');
    return problems;
  },
  'runs as node, with DATA_DIR on a volume, and starts an existing script without a fixed port': () => {
    const problems: string[] = [];
    const user = runtimeStage.filter((i) => i.op === 'USER').pop()?.args;
    if (user !== 'node') problems.push(`deploy/Dockerfile: runs as ${user ?? 'root'}, not node`);
    if (!DATA_DIR) problems.push('deploy/Dockerfile: sets no DATA_DIR');
    const volumes = runtimeStage.filter((i) => i.op === 'VOLUME').flatMap((i) => execForm(i.args) ?? i.args.split(/\s+/));
    if (DATA_DIR && !volumes.includes(DATA_DIR)) problems.push(`deploy/Dockerfile: DATA_DIR ${DATA_DIR} is not a VOLUME`);
    const cmd = execForm(runtimeStage.filter((i) => i.op === 'CMD').pop()?.args ?? '');
    const script = cmd?.[0] === 'npm' && cmd[1] === 'run' ? cmd[2] : cmd?.[0] === 'npm' && cmd[1] === 'start' ? 'start' : undefined;
    if (!script || !packageJson.scripts[script]) problems.push(`deploy/Dockerfile: CMD ${JSON.stringify(cmd)} is not npm run of a package.json script`);
    if (dockerfile.flat().some((i) => i.op === 'EXPOSE')) problems.push('deploy/Dockerfile: EXPOSEs a port; each service listens on its PORT');
    return problems;
  },
};

// ---- docker-compose.yml ------------------------------------------------------------------------

interface Compose {
  readonly services: Readonly<Record<string, Dict>>;
  readonly volumes: Dict;
  readonly units: readonly Unit[];
  readonly endpoints: Endpoints;
  /** KurrentDB services running without TLS: their connection strings must say tls=false. */
  readonly insecureStores: ReadonlySet<string>;
}

/** Compose's interpolation as it runs without the variables: defaults taken, required ones a placeholder. */
function interpolate(raw: string): EnvValue {
  let external = false;
  const value = raw.replace(/\$\$|\$\{([A-Za-z_]\w*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_]\w*)/g, (match, braced?: string, op?: string, arg?: string) => {
    if (match === '$$') return '$';
    if (op === ':-' || op === '-') return arg ?? '';
    if (op === ':?' || op === '?') {
      external = true;
      return placeholder(braced ?? '');
    }
    return ''; // ${VAR} or $VAR: empty when unset, so not a way to require a value
  });
  return { value, external };
}

function composeEnvironment(service: Dict): Map<string, EnvValue> {
  const env = new Map<string, EnvValue>();
  const raw = service['environment'];
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.map((item) => {
        const [name = '', ...rest] = String(item).split('=');
        return [name, rest.length > 0 ? rest.join('=') : null];
      })
    : Object.entries(dict(raw));
  for (const [name, value] of entries) env.set(name, value === null ? { value: '', external: true } : interpolate(text(value) ?? ''));
  return env;
}

const healthcheckPort = (service: Dict): number | undefined => {
  const test = list(at(service, 'healthcheck', 'test')).map(String).join(' ') || (text(at(service, 'healthcheck', 'test')) ?? '');
  return num(/https?:\/\/(?:127\.0\.0\.1|localhost):(\d+)\/api\/ready/.exec(test)?.[1]);
};

function readCompose(doc: unknown): Compose {
  const services = Object.fromEntries(Object.entries(dict(at(doc, 'services'))).map(([name, s]) => [name, dict(s)]));
  const kafka = new Set<string>();
  const kurrentdb = new Set<string>();
  const mongodb = new Set<string>();
  const insecureStores = new Set<string>();
  for (const [name, service] of Object.entries(services)) {
    const image = text(service['image']) ?? '';
    const env = composeEnvironment(service);
    if (/(^|\/)kafka:/.test(image)) {
      const controllers = (env.get('KAFKA_CONTROLLER_LISTENER_NAMES')?.value ?? '').split(',');
      for (const listener of (env.get('KAFKA_ADVERTISED_LISTENERS')?.value ?? '').split(',')) {
        const [, listenerName = '', address = ''] = /^([^:]+):\/\/(.+)$/.exec(listener.trim()) ?? [];
        if (!controllers.includes(listenerName) && address) kafka.add(address);
      }
    }
    if (/(^|\/)kurrentdb:/.test(image)) {
      kurrentdb.add(hostPort(name, KURRENTDB_PORT));
      if (env.get('KURRENTDB_INSECURE')?.value === 'true') insecureStores.add(name);
    }
    if (/^mongo:/.test(image)) mongodb.add(hostPort(name, MONGODB_PORT));
  }
  const units = DEPLOYED_SERVICES.filter((s) => services[s]).map((service): Unit => {
    const s = services[service] ?? {};
    const env = composeEnvironment(s);
    const command = list(s['command']).map(String);
    return {
      where: `compose service ${service}`,
      service,
      command: command.length > 0 ? command : text(s['command'])?.split(/\s+/),
      env,
      ports: [
        ['PORT', num(env.get('PORT')?.value)],
        ['its healthcheck of /api/ready', healthcheckPort(s)],
      ],
      envProblems: [],
      probeProblems: [],
    };
  });
  return { services, volumes: dict(at(doc, 'volumes')), units, endpoints: { kafka, kurrentdb, mongodb }, insecureStores };
}

/** A compose volume entry as source and target. */
function composeMount(entry: unknown): { source: string; target: string } {
  if (isDict(entry)) return { source: text(entry['source']) ?? '', target: text(entry['target']) ?? '' };
  const [source = '', target = ''] = String(entry).split(':');
  return { source, target };
}

function dependsOn(service: Dict): Map<string, string> {
  const raw = service['depends_on'];
  if (Array.isArray(raw)) return new Map(raw.map((name) => [String(name), 'service_started']));
  return new Map(Object.entries(dict(raw)).map(([name, v]) => [name, text(at(v, 'condition')) ?? 'service_started']));
}

const COMPOSE_CHECKS: Record<string, (c: Compose) => string[]> = {
  'runs every deployed service from deploy/Dockerfile with its own start script': (c) => [
    ...DEPLOYED_SERVICES.filter((s) => !c.services[s]).map((s) => `compose: no service ${s}`),
    ...c.units.flatMap((u) => {
      const build = c.services[u.service]?.['build'];
      const dockerfilePath = isDict(build) ? text(build['dockerfile']) : undefined;
      const context = isDict(build) ? text(build['context']) : text(build);
      return [
        ...(dockerfilePath === 'deploy/Dockerfile' && (context === '.' || context === './') ? [] : [`${u.where}: is not built from deploy/Dockerfile with the repository as context`]),
        ...startProblems(u),
      ];
    }),
  ],
  'serves each service on its DEFAULT_PORTS port, and health-checks /api/ready there': (c) => c.units.flatMap(portProblems),
  'sets only settings the service reads, and every one a deployment must set': (c) => c.units.flatMap(settingNameProblems),
  'gives settings that loadServiceSettings accepts, with the JWT issuer and key from required variables': (c) => c.units.flatMap(settingValueProblems),
  'points KAFKA_BROKERS, MONGODB_URL and each KURRENTDB_URL_* at services of the file': (c) => [
    ...allConnectionProblems(c.units, c.endpoints, 'compose'),
    ...c.units.flatMap((u) =>
      connectionsOf(u)
        .filter(([, backing]) => backing === 'kurrentdb')
        .filter(([name]) => {
          const url = urlOf(u.env.get(name)?.value);
          return url && c.insecureStores.has(url.hostname) && url.searchParams.get('tls') !== 'false';
        })
        .map(([name]) => `${u.where}: ${name} needs tls=false, its KurrentDB runs insecure`),
    ),
  ],
  'starts a service only once the services it connects to are healthy': (c) =>
    c.units.flatMap((u) => {
      const waits = dependsOn(c.services[u.service] ?? {});
      return connectionsOf(u).flatMap(([name, , address]) => {
        const host = address.split(':')[0] ?? address;
        if (waits.get(host) !== 'service_healthy') return [`${u.where}: does not wait for ${host} (${name}) to be service_healthy`];
        return c.services[host]?.['healthcheck'] ? [] : [`compose service ${host}: has no healthcheck for ${u.service} to wait on`];
      });
    }),
  "keeps each service's DATA_DIR on a named volume of its own, where the image has it": (c) => {
    const owners = new Map<string, string>();
    return c.units.flatMap((u) => {
      const dataDir = u.env.get('DATA_DIR')?.value;
      if (dataDir !== DATA_DIR) return [`${u.where}: DATA_DIR is ${dataDir}, not the image's ${DATA_DIR}`];
      const mount = list(c.services[u.service]?.['volumes']).map(composeMount).find((m) => m.target === dataDir);
      if (!mount) return [`${u.where}: mounts no volume at DATA_DIR ${dataDir}`];
      if (!(mount.source in c.volumes)) return [`${u.where}: DATA_DIR is on ${mount.source}, not a named volume of the file`];
      const owner = owners.get(mount.source);
      owners.set(mount.source, u.service);
      return owner ? [`${u.where}: shares the volume ${mount.source} with ${owner}`] : [];
    });
  },
  'publishes only the proxy, on PROXY_PORT, with deploy/nginx/nginx.conf': (c) => {
    const problems: string[] = [];
    for (const [name, service] of Object.entries(c.services)) {
      if (name !== 'proxy' && service['ports'] !== undefined) problems.push(`compose service ${name}: publishes ports; only the proxy does`);
    }
    const proxy = c.services['proxy'];
    if (!proxy) return [...problems, 'compose: no service proxy'];
    const targets = list(proxy['ports']).map((p) => num(isDict(p) ? p['target'] : String(p).split(':').pop()));
    if (targets.length !== 1 || targets[0] !== PROXY_PORT) problems.push(`compose service proxy: publishes ${JSON.stringify(targets)}, not PROXY_PORT ${PROXY_PORT}`);
    const conf = list(proxy['volumes']).map(composeMount).find((m) => m.target === '/etc/nginx/nginx.conf');
    if (conf?.source.replace(/^\.\//, '') !== 'deploy/nginx/nginx.conf') problems.push('compose service proxy: does not mount deploy/nginx/nginx.conf at /etc/nginx/nginx.conf');
    const waits = dependsOn(proxy);
    for (const s of DEPLOYED_SERVICES) if (!waits.has(s)) problems.push(`compose service proxy: does not depend on ${s}`);
    return problems;
  },
};

/** Every problem of a compose document; empty for a consistent one. */
function composeProblems(doc: unknown): string[] {
  const compose = readCompose(doc);
  return Object.values(COMPOSE_CHECKS).flatMap((check) => check(compose));
}

// ---- deploy/k8s --------------------------------------------------------------------------------

interface K8sObject {
  readonly kind: string;
  readonly name: string;
  readonly body: Dict;
}

interface K8s {
  readonly objects: readonly K8sObject[];
  readonly units: readonly Unit[];
  readonly endpoints: Endpoints;
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir))
    .sort()
    .flatMap((entry) => {
      const path = `${dir}/${entry}`;
      if (statSync(join(ROOT, path)).isDirectory()) return yamlFilesUnder(path);
      return /\.ya?ml$/.test(entry) ? [path] : [];
    });
}

const k8sDocuments = (): unknown[] => yamlFilesUnder('deploy/k8s').flatMap(parseYamlDocuments).filter(isDict);

const find = (k: { objects: readonly K8sObject[] }, kind: string, name: string | undefined): K8sObject | undefined =>
  k.objects.find((o) => o.kind === kind && o.name === name);
const containersOf = (deployment: K8sObject | undefined): Dict[] => list(at(deployment?.body, 'spec', 'template', 'spec', 'containers')).map(dict);
const secretKeys = (secret: K8sObject | undefined): string[] => [...Object.keys(dict(secret?.body['data'])), ...Object.keys(dict(secret?.body['stringData']))];

/** A container's environment as the kubelet builds it: envFrom first, env over it. */
function containerEnvironment(k: { objects: readonly K8sObject[] }, container: Dict, where: string): { env: Map<string, EnvValue>; problems: string[] } {
  const env = new Map<string, EnvValue>();
  const problems: string[] = [];
  for (const source of list(container['envFrom'])) {
    const configMap = text(at(source, 'configMapRef', 'name'));
    const secret = text(at(source, 'secretRef', 'name'));
    if (configMap !== undefined) {
      const object = find(k, 'ConfigMap', configMap);
      if (!object) problems.push(`${where}: envFrom ConfigMap ${configMap}, which the manifests do not define`);
      for (const [name, value] of Object.entries(dict(object?.body['data']))) env.set(name, { value: text(value) ?? '', external: false });
    } else if (secret !== undefined) {
      const object = find(k, 'Secret', secret);
      if (!object) problems.push(`${where}: envFrom Secret ${secret}, which the manifests do not define`);
      for (const name of secretKeys(object)) env.set(name, { value: placeholder(name), external: true });
    } else problems.push(`${where}: an envFrom that is neither a ConfigMap nor a Secret`);
  }
  for (const item of list(container['env'])) {
    const name = text(at(item, 'name')) ?? '';
    const secretRef = at(item, 'valueFrom', 'secretKeyRef');
    const configMapRef = at(item, 'valueFrom', 'configMapKeyRef');
    if (secretRef !== undefined) {
      const [secret, key] = [text(at(secretRef, 'name')), text(at(secretRef, 'key')) ?? ''];
      if (!secretKeys(find(k, 'Secret', secret)).includes(key)) problems.push(`${where}: ${name} comes from key ${key} of Secret ${secret}, which the manifests do not define`);
      env.set(name, { value: placeholder(name), external: true });
    } else if (configMapRef !== undefined) {
      const [configMap, key] = [text(at(configMapRef, 'name')), text(at(configMapRef, 'key')) ?? ''];
      const value = text(at(find(k, 'ConfigMap', configMap)?.body, 'data', key));
      if (value === undefined) problems.push(`${where}: ${name} comes from key ${key} of ConfigMap ${configMap}, which the manifests do not define`);
      env.set(name, { value: value ?? '', external: false });
    } else if (at(item, 'valueFrom') !== undefined) {
      problems.push(`${where}: ${name} comes from a source this test cannot read`);
    } else env.set(name, { value: text(at(item, 'value')) ?? '', external: false });
  }
  return { env, problems };
}

/** A container's HTTP probe: the port it asks on, and a problem when it asks the wrong path. */
function probe(container: Dict, kind: string, path: string, where: string): { ports: [string, number | undefined][]; problems: string[] } {
  const spec = container[kind];
  if (spec === undefined && kind === 'startupProbe') return { ports: [], problems: [] };
  const probePath = text(at(spec, 'httpGet', 'path'));
  return {
    ports: [[`its ${kind}`, num(at(spec, 'httpGet', 'port'))]],
    problems: probePath === path ? [] : [`${where}: its ${kind} asks ${probePath ?? 'no HTTP path'}, not ${path}`],
  };
}

function readK8s(docs: readonly unknown[]): K8s {
  const objects = docs.filter(isDict).map((body): K8sObject => ({ kind: text(body['kind']) ?? '', name: text(at(body, 'metadata', 'name')) ?? '', body }));
  const endpoints: Record<Backing, Set<string>> = { kafka: new Set(), kurrentdb: new Set(), mongodb: new Set() };
  for (const o of objects.filter((x) => x.kind === 'Service')) {
    const backing = text(at(o.body, 'metadata', 'labels', 'app.kubernetes.io/name'));
    if (backing !== 'kafka' && backing !== 'kurrentdb' && backing !== 'mongodb') continue;
    for (const port of list(at(o.body, 'spec', 'ports'))) endpoints[backing].add(hostPort(o.name, num(at(port, 'port')) ?? '?'));
  }
  const k = { objects };
  const units = DEPLOYED_SERVICES.filter((s) => find(k, 'Deployment', s)).map((service): Unit => {
    const where = `k8s Deployment ${service}`;
    const containers = containersOf(find(k, 'Deployment', service));
    const container = containers.find((c) => c['name'] === service) ?? containers[0] ?? {};
    const { env, problems } = containerEnvironment(k, container, where);
    const servicePorts = list(at(find(k, 'Service', service)?.body, 'spec', 'ports'));
    const probes = [probe(container, 'readinessProbe', '/api/ready', where), probe(container, 'livenessProbe', '/api/health', where), probe(container, 'startupProbe', '/api/health', where)];
    return {
      where,
      service,
      command: list(container['command']).map(String),
      env,
      ports: [
        ['PORT', num(env.get('PORT')?.value)],
        ...list(container['ports']).map((p): [string, number | undefined] => ['its containerPort', num(at(p, 'containerPort'))]),
        ...probes.flatMap((p) => p.ports),
        ...(servicePorts.length === 0 ? [['its Service port', undefined] as [string, undefined]] : []),
        ...servicePorts.flatMap((p): [string, number | undefined][] => [
          ['its Service port', num(at(p, 'port'))],
          ['its Service targetPort', num(at(p, 'targetPort'))],
        ]),
      ],
      envProblems: problems,
      probeProblems: probes.flatMap((p) => p.problems),
    };
  });
  return { objects, units, endpoints };
}

/** The Ingress backend a request path goes to, by the Ingress rules: Exact first, then the longest Prefix. */
function ingressBackend(k: K8s, path: string): string | undefined {
  const candidates = k.objects
    .filter((o) => o.kind === 'Ingress')
    .flatMap((o) => list(at(o.body, 'spec', 'rules')).flatMap((rule) => list(at(rule, 'http', 'paths'))))
    .map((p) => ({
      path: text(at(p, 'path')) ?? '',
      type: text(at(p, 'pathType')) ?? '',
      backend: `${text(at(p, 'backend', 'service', 'name'))}:${num(at(p, 'backend', 'service', 'port', 'number'))}`,
    }));
  const exact = candidates.find((c) => c.type === 'Exact' && c.path === path);
  if (exact) return exact.backend;
  const segments = (p: string) => p.split('/').filter(Boolean);
  return candidates
    .filter((c) => c.type === 'Prefix' && segments(c.path).every((s, i) => segments(path)[i] === s))
    .sort((a, b) => segments(b.path).length - segments(a.path).length)[0]?.backend;
}

const K8S_CHECKS: Record<string, (k: K8s) => string[]> = {
  'runs every deployed service as a Deployment of one image with its own start script': (k) => {
    const images = new Set(k.units.map((u) => text(containersOf(find(k, 'Deployment', u.service))[0]?.['image'])));
    return [
      ...DEPLOYED_SERVICES.filter((s) => !find(k, 'Deployment', s)).map((s) => `k8s: no Deployment ${s}`),
      ...DEPLOYED_SERVICES.filter((s) => !find(k, 'Service', s)).map((s) => `k8s: no Service ${s}`),
      ...(images.size > 1 ? [`k8s: the services run different images (${[...images].join(', ')}); deploy/Dockerfile builds one`] : []),
      ...k.units.flatMap(startProblems),
      ...k.units.flatMap((u) => {
        const selector = dict(at(find(k, 'Service', u.service)?.body, 'spec', 'selector'));
        const labels = dict(at(find(k, 'Deployment', u.service)?.body, 'spec', 'template', 'metadata', 'labels'));
        const selects = Object.keys(selector).length > 0 && Object.entries(selector).every(([key, v]) => labels[key] === v);
        return selects ? [] : [`k8s Service ${u.service}: does not select the pods of Deployment ${u.service}`];
      }),
    ];
  },
  'serves each service on its DEFAULT_PORTS port: container, PORT, probes and Service': (k) => k.units.flatMap(portProblems),
  'sets only settings the service reads, and every one a deployment must set': (k) => k.units.flatMap(settingNameProblems),
  'gives settings that loadServiceSettings accepts, with the JWT issuer and key from a Secret': (k) => k.units.flatMap(settingValueProblems),
  'points KAFKA_BROKERS, MONGODB_URL and each KURRENTDB_URL_* at Services of the manifests': (k) => allConnectionProblems(k.units, k.endpoints, 'k8s'),
  'keeps DATA_DIR of each service that holds files on a claim of its own: one replica, strategy Recreate': (k) => {
    const owners = new Map<string, string>();
    return k.units.flatMap((u) => {
      const spec = dict(find(k, 'Deployment', u.service)?.body['spec']);
      const container = containersOf(find(k, 'Deployment', u.service))[0] ?? {};
      const dataDir = u.env.get('DATA_DIR')?.value;
      if (dataDir !== DATA_DIR) return [`${u.where}: DATA_DIR is ${dataDir}, not the image's ${DATA_DIR}`];
      const mount = list(container['volumeMounts']).find((m) => at(m, 'mountPath') === dataDir);
      if (!mount) return [`${u.where}: mounts no volume at DATA_DIR ${dataDir}`];
      if (!KEEPS_FILES.includes(u.service)) return [];
      const volume = list(at(spec, 'template', 'spec', 'volumes')).find((v) => at(v, 'name') === at(mount, 'name'));
      const claim = text(at(volume, 'persistentVolumeClaim', 'claimName'));
      const problems: string[] = [];
      if (!find(k, 'PersistentVolumeClaim', claim)) problems.push(`${u.where}: DATA_DIR is not on a PersistentVolumeClaim of the manifests`);
      if (claim && owners.has(claim)) problems.push(`${u.where}: shares the claim ${claim} with ${owners.get(claim)}`);
      if (claim) owners.set(claim, u.service);
      const replicas = spec['replicas'] === undefined ? 1 : num(spec['replicas']);
      if (replicas !== 1) problems.push(`${u.where}: runs ${text(spec['replicas'])} replicas; its SQLite files take one`);
      if (at(spec, 'strategy', 'type') !== 'Recreate') problems.push(`${u.where}: strategy is not Recreate, so an old and a new pod would share its files`);
      return problems;
    });
  },
  'puts every object in the four-level-whistle namespace': (k) => [
    ...(find(k, 'Namespace', NAMESPACE) ? [] : [`k8s: no Namespace ${NAMESPACE}`]),
    ...k.objects
      .filter((o) => o.kind !== 'Namespace' && at(o.body, 'metadata', 'namespace') !== NAMESPACE)
      .map((o) => `k8s ${o.kind} ${o.name}: is not in the namespace ${NAMESPACE}`),
  ],
  'sends every route through the Ingress to the proxy, which serves deploy/nginx/nginx.conf on PROXY_PORT': (k) => {
    const problems: string[] = [];
    const ingresses = k.objects.filter((o) => o.kind === 'Ingress');
    if (ingresses.length === 0) problems.push('k8s: no Ingress');
    for (const o of ingresses) if (at(o.body, 'spec', 'ingressClassName') !== 'nginx') problems.push(`k8s Ingress ${o.name}: ingressClassName is not nginx`);
    for (const route of ROUTES) {
      const path = route.exact || !route.path.endsWith('/') ? route.path : `${route.path}x`;
      const backend = ingressBackend(k, path);
      // Straight to the service is as good, except where the method decides (readsGoTo): only the proxy can.
      const allowed = [`proxy:${PROXY_PORT}`, ...(route.readsGoTo ? [] : [`${route.service}:${DEFAULT_PORTS[route.service]}`])];
      if (!backend || !allowed.includes(backend)) problems.push(`k8s Ingress: ${path} goes to ${backend ?? 'nothing'}, not ${allowed.join(' or ')}`);
    }
    const service = find(k, 'Service', 'proxy');
    const ports = list(at(service?.body, 'spec', 'ports'));
    if (ports.length !== 1 || num(at(ports[0], 'port')) !== PROXY_PORT || num(at(ports[0], 'targetPort')) !== PROXY_PORT) {
      problems.push(`k8s Service proxy: does not serve PROXY_PORT ${PROXY_PORT} from the proxy's ${PROXY_PORT}`);
    }
    const deployment = find(k, 'Deployment', 'proxy');
    const container = containersOf(deployment)[0] ?? {};
    if (!list(container['ports']).some((p) => num(at(p, 'containerPort')) === PROXY_PORT)) problems.push(`k8s Deployment proxy: does not listen on PROXY_PORT ${PROXY_PORT}`);
    const mount = list(container['volumeMounts']).find((m) => at(m, 'mountPath') === '/etc/nginx/nginx.conf');
    const volume = list(at(deployment?.body, 'spec', 'template', 'spec', 'volumes')).find((v) => at(v, 'name') === at(mount, 'name'));
    const configMap = find(k, 'ConfigMap', text(at(volume, 'configMap', 'name')));
    const conf = text(at(configMap?.body, 'data', text(at(mount, 'subPath')) ?? ''));
    if (conf !== readText('deploy/nginx/nginx.conf')) problems.push('k8s Deployment proxy: /etc/nginx/nginx.conf is not deploy/nginx/nginx.conf (ConfigMap, volume, subPath)');
    return problems;
  },
};

/** Every problem of the k8s manifests; empty for consistent ones. */
function k8sProblems(docs: readonly unknown[]): string[] {
  const k = readK8s(docs);
  return Object.values(K8S_CHECKS).flatMap((check) => check(k));
}

// ---- the tests -----------------------------------------------------------------------------------

const composeDoc = parse(readText('docker-compose.yml')) as unknown;
const k8sDocs = k8sDocuments();
const composeUpstreams = Object.fromEntries(DEPLOYED_SERVICES.map((s) => [s, `${s}:${DEFAULT_PORTS[s]}`])) as Record<DeployedService, string>;

describe('deploy/Dockerfile', () => {
  for (const [name, check] of Object.entries(DOCKERFILE_CHECKS)) it(name, () => expect(check()).toEqual([]));
});

describe('docker-compose.yml', () => {
  const compose = readCompose(composeDoc);
  for (const [name, check] of Object.entries(COMPOSE_CHECKS)) it(name, () => expect(check(compose)).toEqual([]));

  it('names a misspelt setting, a wrong port and a rejected value in a broken copy (the checks bite)', () => {
    const broken = structuredClone(composeDoc);
    const intake = dict(at(broken, 'services', 'intake', 'environment'));
    intake['KAFKA_BROKER'] = intake['KAFKA_BROKERS'];
    delete intake['KAFKA_BROKERS'];
    intake['PORT'] = '3111';
    dict(at(broken, 'services', 'escalation', 'environment'))['KAFKA_PARTITIONS'] = 'many';
    const problems = composeProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'compose service intake: sets KAFKA_BROKER, which is not a setting of the intake service',
        'compose service intake: does not set KAFKA_BROKERS',
        'compose service intake: PORT is 3111, not DEFAULT_PORTS.intake 3101',
        expect.stringMatching(/^compose service escalation: KAFKA_PARTITIONS: "many" is not a whole number/),
      ]),
    );
  });
});

describe('deploy/k8s', () => {
  const k8s = readK8s(k8sDocs);
  for (const [name, check] of Object.entries(K8S_CHECKS)) it(name, () => expect(check(k8s)).toEqual([]));

  it('names a misspelt ConfigMap key and a wrong Service port in a broken copy (the checks bite)', () => {
    const broken = structuredClone(k8sDocs);
    const settings = broken.find((d) => at(d, 'kind') === 'ConfigMap' && at(d, 'metadata', 'name') === 'whistle-settings');
    const data = dict(at(settings, 'data'));
    data['LOG_LEVLE'] = data['LOG_LEVEL'];
    delete data['LOG_LEVEL'];
    const audit = broken.find((d) => at(d, 'kind') === 'Service' && at(d, 'metadata', 'name') === 'audit');
    dict(list(at(audit, 'spec', 'ports'))[0])['port'] = 3107;
    const problems = k8sProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'k8s Deployment intake: sets LOG_LEVLE, which is not a setting of the intake service',
        'k8s Deployment audit: its Service port is 3107, not DEFAULT_PORTS.audit 3106',
      ]),
    );
  });
});

describe('deploy/nginx/nginx.conf', () => {
  it('is renderNginxConf on PROXY_PORT with the service names and DEFAULT_PORTS as upstreams', () => {
    expect(readText('deploy/nginx/nginx.conf')).toBe(renderNginxConf({ listen: PROXY_PORT, upstreams: composeUpstreams }));
  });

  it('names as upstreams only compose services and k8s Services, on the ports they serve', () => {
    const compose = readCompose(composeDoc);
    const k8s = readK8s(k8sDocs);
    const k8sServicePorts = new Set(
      k8s.objects.filter((o) => o.kind === 'Service').flatMap((o) => list(at(o.body, 'spec', 'ports')).map((p) => hostPort(o.name, num(at(p, 'port')) ?? '?'))),
    );
    const upstreams = [...readText('deploy/nginx/nginx.conf').matchAll(/upstream \S+ \{ server ([^:\s]+):(\d+);/g)].map(([, host = '', port = '']) => ({ host, port: Number(port) }));
    expect(upstreams).toHaveLength(DEPLOYED_SERVICES.length);
    const problems = upstreams.flatMap(({ host, port }) => {
      const unit = compose.units.find((u) => u.service === host);
      return [
        ...(unit && num(unit.env.get('PORT')?.value) === port ? [] : [`${host}:${port} is no compose service on that PORT`]),
        ...(k8sServicePorts.has(hostPort(host, port)) ? [] : [`${host}:${port} is no k8s Service port`]),
      ];
    });
    expect(problems).toEqual([]);
  });
});
