import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigError } from '@whistle/config';
import {
  COMPOSE_FILE,
  DEFAULT_PORTS,
  DATA_KEPT,
  DEPLOYED_SERVICES,
  IMAGE_DATA_DIR,
  K8S_DIR,
  KURRENTDB_URL_SETTING,
  NGINX_CONF_FILE,
  PROXY_BUILD_TARGET,
  PROXY_CONSOLE_ROOT,
  PROXY_IMAGE,
  PROXY_PORT,
  RENDER_COMMAND,
  deploymentPlan,
  loadServiceSettings,
  renderDeploymentFiles,
  renderNginxConf,
  serviceSettings,
  settingsADeploymentSets,
  storesOpenedBy,
  tokenSourceOf,
  type DeployedService,
  type DeploymentPlan,
} from '@whistle/deployment';

/**
 * docker-compose.yml, deploy/k8s and deploy/nginx/nginx.conf are rendered from libs/deployment
 * (`npm run render:deploy`). This checks (1) that the committed files are exactly the rendering,
 * (2) that the rendering agrees with the code the services run: their settings, ports, routes,
 * start scripts and image, and (3) that it is wired as the platforms need it: depends_on healthy,
 * a volume or claim of its own per service, one replica and Recreate where a service keeps state,
 * selectors, connection strings to hosts and ports of the same file, tls=false to insecure nodes,
 * one image from deploy/Dockerfile, only the proxy published. The renderer means to get (3) right
 * by construction, but a bug there would be rendered, committed and pass (1); so (2) and (3) read
 * the rendered text (the objects (1) pins), never the plan. None of it can run on the build
 * machines (no Docker engine, no Kubernetes).
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
/** A value from outside the file, as an operator would give it: the issuer is a URL. */
const placeholder = (name: string): string => (name === 'JWT_ISSUER' ? 'https://login.example.org/realms/placeholder' : `placeholder-${name}`);
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
      // An optional key the operator left out of the Secret: the variable is not set at all.
      if (secret && at(secret, 'optional') === true) env.set(name, { value: '', external: true });
      else env.set(name, secret ? { value: placeholder(name), external: true } : { value: String(at(item, 'value')), external: false });
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
  // Values the service accepts, with the tokens checked by the identity provider's keys, never written in the file.
  for (const name of ['JWT_ISSUER', 'OIDC_CLIENT_ID']) if (u.env.get(name)?.external !== true) problems.push(`${u.where}: ${name} does not come from outside the file`);
  try {
    const settings = loadServiceSettings(u.service, Object.fromEntries([...u.env].map(([name, { value }]) => [name, value])));
    if (settings.EVENT_STORE !== 'kurrentdb') problems.push(`${u.where}: EVENT_STORE is ${settings.EVENT_STORE}, not kurrentdb`);
    if (settings.DATA_DIR !== IMAGE_DATA_DIR) problems.push(`${u.where}: DATA_DIR is ${settings.DATA_DIR}, not the image's ${IMAGE_DATA_DIR}`);
    if (tokenSourceOf(settings) === 'development-secret') problems.push(`${u.where}: verifies tokens with the development secret`);
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
  const problems = conf.endsWith(renderNginxConf({ listen: PROXY_PORT, upstreams, consoleRoot: PROXY_CONSOLE_ROOT }))
    ? []
    : [`${NGINX_CONF_FILE}: is not renderNginxConf(ROUTES) on PROXY_PORT with each service on its DEFAULT_PORTS port and the console at PROXY_CONSOLE_ROOT`];
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
    .flatMap((e) => (at(e, 'valueFrom', 'secretKeyRef') ? [at(e, 'valueFrom', 'secretKeyRef')] : []))
    // An optional key may be missing from the Secret; the pods start without it.
    .filter((ref) => at(ref, 'optional') !== true);
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

// ---- (3) the wiring: what the hand-written files were checked for, kept over the rendering --------
// The renderer means to get these right, but a renderer bug would be rendered, committed and pass
// the byte comparison; so they are checked again, over the same rendered files it pins.

/** Where the backing services' images listen (image defaults, which neither file changes). */
const IMAGE_PORTS = { kurrentdb: 2113, mongodb: 27017 } as const;
type Backing = 'kafka' | 'kurrentdb' | 'mongodb';
type Endpoints = Record<Backing, ReadonlySet<string>>;
/** A backing service a unit's settings name: [the setting, what it must be, host, host:port]. */
type Connection = readonly [string, Backing, string, string];

/** The rendering read as the platforms read it: compose's services and volumes, the k8s objects, the units. */
interface Rendering {
  readonly services: Readonly<Record<string, Dict>>;
  readonly volumes: Dict;
  readonly compose: readonly Unit[];
  readonly objects: readonly Dict[];
  readonly k8s: readonly Unit[];
}
function readRendering(files: Files): Rendering {
  const doc = parse(files[COMPOSE_FILE] ?? '') as unknown;
  const services = Object.fromEntries(Object.entries(dict(at(doc, 'services'))).map(([name, s]) => [name, dict(s)]));
  return { services, volumes: dict(at(doc, 'volumes')), compose: composeUnits(files[COMPOSE_FILE] ?? ''), objects: k8sObjects(files), k8s: k8sUnits(files) };
}

const kindOf = (r: Rendering, kind: string): Dict[] => r.objects.filter((o) => o['kind'] === kind);
const nameOf = (o: unknown): string => String(at(o, 'metadata', 'name'));
const findObject = (r: Rendering, kind: string, name: unknown): Dict | undefined => kindOf(r, kind).find((o) => at(o, 'metadata', 'name') === name);
const podSpec = (deployment: unknown): Dict => dict(at(deployment, 'spec', 'template', 'spec'));
const containersOf = (deployment: unknown): Dict[] => list(podSpec(deployment)['containers']).map(dict);
const composeEnv = (service: Dict | undefined): Map<string, string> =>
  new Map(Object.entries(dict(service?.['environment'])).map(([name, v]) => [name, interpolate(name, v).value]));
/** A compose volume entry as source and target (`source:target[:mode]`). */
const composeMount = (entry: unknown): { source: string; target: string } => {
  const [source = '', target = ''] = String(entry).split(':');
  return { source, target };
};
/** Every label of `selector` on `labels`, and at least one. */
const selects = (selector: unknown, labels: unknown): boolean =>
  Object.keys(dict(selector)).length > 0 && Object.entries(dict(selector)).every(([key, value]) => dict(labels)[key] === value);

/** The backing services a unit's settings name, as host:port (the clients' default ports where the URL has none). */
function connectionsOf(u: Unit): Connection[] {
  const found: Connection[] = [];
  for (const broker of (u.env.get('KAFKA_BROKERS')?.value ?? '').split(',').map((b) => b.trim()).filter(Boolean)) {
    found.push(['KAFKA_BROKERS', 'kafka', broker.split(':')[0] ?? broker, broker]);
  }
  const urls: [string, Backing, number][] = [
    ...Object.values(KURRENTDB_URL_SETTING).map((name): [string, Backing, number] => [name, 'kurrentdb', IMAGE_PORTS.kurrentdb]),
    ['MONGODB_URL', 'mongodb', IMAGE_PORTS.mongodb],
  ];
  for (const [name, backing, port] of urls) {
    const value = u.env.get(name)?.value;
    if (value === undefined) continue;
    const url = urlOf(value);
    found.push([name, backing, url?.hostname ?? value, url ? `${url.hostname}:${url.port || port}` : value]);
  }
  return found;
}

/** compose: the address each backing service listens on, by its image; Kafka by its advertised (non-controller) listeners. */
function composeEndpoints(r: Rendering): Endpoints {
  const endpoints: Record<Backing, Set<string>> = { kafka: new Set(), kurrentdb: new Set(), mongodb: new Set() };
  for (const [name, service] of Object.entries(r.services)) {
    const image = String(service['image'] ?? '');
    const env = composeEnv(service);
    if (/(^|\/)kafka:/.test(image)) {
      const controllers = (env.get('KAFKA_CONTROLLER_LISTENER_NAMES') ?? '').split(',');
      for (const listener of (env.get('KAFKA_ADVERTISED_LISTENERS') ?? '').split(',')) {
        const [, listenerName = '', address = ''] = /^([^:]+):\/\/(.+)$/.exec(listener.trim()) ?? [];
        if (address && !controllers.includes(listenerName)) endpoints.kafka.add(address);
      }
    }
    if (/(^|\/)kurrentdb:/.test(image)) endpoints.kurrentdb.add(`${name}:${IMAGE_PORTS.kurrentdb}`);
    if (/^mongo:/.test(image)) endpoints.mongodb.add(`${name}:${IMAGE_PORTS.mongodb}`);
  }
  return endpoints;
}

/** k8s: the Services of the namespace labelled as a backing service, on each port they serve. */
function k8sEndpoints(r: Rendering): Endpoints {
  const endpoints: Record<Backing, Set<string>> = { kafka: new Set(), kurrentdb: new Set(), mongodb: new Set() };
  for (const service of kindOf(r, 'Service')) {
    const backing = at(service, 'metadata', 'labels', 'app.kubernetes.io/name');
    if (backing !== 'kafka' && backing !== 'kurrentdb' && backing !== 'mongodb') continue;
    for (const port of list(at(service, 'spec', 'ports'))) endpoints[backing].add(`${nameOf(service)}:${String(at(port, 'port'))}`);
  }
  return endpoints;
}

function connectionProblems(units: readonly Unit[], endpoints: Endpoints, noun: string): string[] {
  return units.flatMap((u) =>
    connectionsOf(u)
      .filter(([, backing, , address]) => !endpoints[backing].has(address))
      .map(([name, backing, , address]) => `${u.where}: ${name} names ${address}, which is no ${backing} ${noun} (${[...endpoints[backing]].join(', ') || 'none'})`),
  );
}

const WIRING_CHECKS: Record<string, (r: Rendering) => string[]> = {
  'compose: every service is built from deploy/Dockerfile with the repository as context, and k8s runs that image': (r) => {
    const images = new Set(r.compose.map((u) => r.services[u.service]?.['image']));
    return [
      ...r.compose.flatMap((u) => {
        const build = dict(r.services[u.service]?.['build']);
        const [context, dockerfile] = [String(build['context']), String(build['dockerfile'])];
        const ok = (context === '.' || context === './') && dockerfile === 'deploy/Dockerfile' && existsSync(join(ROOT, context, dockerfile));
        return ok ? [] : [`${u.where}: is not built from deploy/Dockerfile with the repository as context (context ${context}, dockerfile ${dockerfile})`];
      }),
      ...(images.size === 1 ? [] : [`compose: the services tag different images (${[...images].map(String).join(', ')}); deploy/Dockerfile builds one`]),
      ...r.k8s.flatMap((u) => {
        const image = containersOf(findObject(r, 'Deployment', u.service))[0]?.['image'];
        return images.has(image) ? [] : [`${u.where}: runs ${String(image)}, not the image compose builds from deploy/Dockerfile (${[...images].map(String).join(', ')})`];
      }),
    ];
  },
  'compose: every service waits until what it connects to is service_healthy, each with a healthcheck; the proxy waits for every service': (r) => {
    const waits = (service: string): Dict => dict(r.services[service]?.['depends_on']);
    const waitProblems = (service: string, host: string, why: string): string[] => {
      if (at(waits(service), host, 'condition') !== 'service_healthy') return [`compose service ${service}: does not wait for ${host} (${why}) to be service_healthy`];
      return list(at(r.services[host], 'healthcheck', 'test')).length > 0 ? [] : [`compose service ${host}: has no healthcheck for ${service} to wait on`];
    };
    return [
      ...r.compose.flatMap((u) => [...new Map(connectionsOf(u).map(([name, , host]) => [host, name]))].flatMap(([host, name]) => waitProblems(u.service, host, name))),
      ...DEPLOYED_SERVICES.flatMap((s) => waitProblems('proxy', s, 'an upstream')),
    ];
  },
  'point KAFKA_BROKERS, MONGODB_URL and each KURRENTDB_URL_* at services of the same file, on the ports they listen on': (r) => [
    ...connectionProblems(r.compose, composeEndpoints(r), 'compose service'),
    ...connectionProblems(r.k8s, k8sEndpoints(r), 'k8s Service'),
  ],
  'compose: say tls=false exactly towards the KurrentDB nodes that run insecure': (r) =>
    r.compose.flatMap((u) =>
      connectionsOf(u)
        .filter(([, backing, host]) => backing === 'kurrentdb' && r.services[host])
        .flatMap(([name, , host]) => {
          const insecure = composeEnv(r.services[host]).get('KURRENTDB_INSECURE') === 'true';
          const tlsOff = urlOf(u.env.get(name)?.value)?.searchParams.get('tls') === 'false';
          if (insecure === tlsOff) return [];
          return [insecure ? `${u.where}: ${name} needs tls=false, its KurrentDB ${host} runs insecure` : `${u.where}: ${name} says tls=false, but its KurrentDB ${host} runs with TLS`];
        }),
    ),
  "compose: keep each service's DATA_DIR on a named volume of its own, and one container where it keeps state": (r) => {
    const owners = new Map<string, string[]>();
    for (const [name, service] of Object.entries(r.services)) for (const m of list(service['volumes']).map(composeMount)) owners.set(m.source, [...(owners.get(m.source) ?? []), name]);
    return r.compose.flatMap((u) => {
      const service = r.services[u.service] ?? {};
      const dataDir = u.env.get('DATA_DIR')?.value ?? IMAGE_DATA_DIR;
      const problems: string[] = [];
      const mount = list(service['volumes']).map(composeMount).find((m) => m.target === dataDir);
      if (!mount) problems.push(`${u.where}: mounts no volume at DATA_DIR ${dataDir}`);
      else if (!(mount.source in r.volumes)) problems.push(`${u.where}: DATA_DIR is on ${mount.source}, not a named volume of the file`);
      const others = (mount && owners.get(mount.source)?.filter((o) => o !== u.service)) ?? [];
      if (mount && others.length > 0) problems.push(`${u.where}: shares the volume ${mount.source} with ${others.join(', ')}`);
      const replicas = [service['scale'], at(service, 'deploy', 'replicas')].filter((v) => v !== undefined);
      if (DATA_KEPT[u.service] === 'state' && replicas.some((v) => num(v) !== 1)) problems.push(`${u.where}: runs ${replicas.map(String).join('/')} containers; its SQLite files take one`);
      return problems;
    });
  },
  'k8s: keep DATA_DIR of each service that keeps state on a PersistentVolumeClaim of its own, one replica, strategy Recreate': (r) => {
    const owners = new Map<string, string[]>();
    for (const d of kindOf(r, 'Deployment')) {
      for (const v of list(podSpec(d)['volumes'])) {
        const claim = at(v, 'persistentVolumeClaim', 'claimName');
        if (typeof claim === 'string') owners.set(claim, [...(owners.get(claim) ?? []), nameOf(d)]);
      }
    }
    return r.k8s.flatMap((u) => {
      const deployment = findObject(r, 'Deployment', u.service);
      const dataDir = u.env.get('DATA_DIR')?.value ?? IMAGE_DATA_DIR;
      const mount = list(containersOf(deployment)[0]?.['volumeMounts']).find((m) => at(m, 'mountPath') === dataDir);
      if (!mount) return [`${u.where}: mounts no volume at DATA_DIR ${dataDir}`];
      const volume = list(podSpec(deployment)['volumes']).find((v) => at(v, 'name') === at(mount, 'name'));
      const claim = at(volume, 'persistentVolumeClaim', 'claimName');
      const problems: string[] = [];
      const others = typeof claim === 'string' ? (owners.get(claim) ?? []).filter((o) => o !== u.service) : [];
      if (others.length > 0) problems.push(`${u.where}: shares the claim ${String(claim)} with ${others.join(', ')}`);
      if (DATA_KEPT[u.service] !== 'state') return problems;
      if (!findObject(r, 'PersistentVolumeClaim', claim)) problems.push(`${u.where}: keeps state, but DATA_DIR is not on a PersistentVolumeClaim of the manifests`);
      const replicas = at(deployment, 'spec', 'replicas') ?? 1;
      if (replicas !== 1) problems.push(`${u.where}: runs ${String(replicas)} replicas; its SQLite files take one`);
      const strategy = at(deployment, 'spec', 'strategy', 'type');
      if (strategy !== 'Recreate') problems.push(`${u.where}: strategy is ${String(strategy ?? 'RollingUpdate')}, not Recreate, so an old and a new pod would share its files`);
      return problems;
    });
  },
  "k8s: each Service selects the pods of its Deployment alone, and each Deployment's selector its own pods": (r) => {
    const deployments = kindOf(r, 'Deployment');
    const podLabels = (d: unknown) => at(d, 'spec', 'template', 'metadata', 'labels');
    return [
      ...kindOf(r, 'Service')
        .filter((s) => at(s, 'spec', 'type') !== 'ExternalName')
        .flatMap((s) => {
          const selected = deployments.filter((d) => selects(at(s, 'spec', 'selector'), podLabels(d))).map(nameOf);
          return selected.length === 1 && selected[0] === nameOf(s) ? [] : [`k8s Service ${nameOf(s)}: selects the pods of ${selected.join(', ') || 'no Deployment'}, not those of Deployment ${nameOf(s)}`];
        }),
      ...deployments.flatMap((d) => [
        ...(selects(at(d, 'spec', 'selector', 'matchLabels'), podLabels(d)) ? [] : [`k8s Deployment ${nameOf(d)}: its selector does not match its pod labels`]),
        ...(findObject(r, 'Service', nameOf(d)) ? [] : [`k8s Deployment ${nameOf(d)}: no Service of its name`]),
      ]),
    ];
  },
  'k8s: the Ingress is of class nginx and sends everything to the proxy': (r) => {
    const ingresses = kindOf(r, 'Ingress');
    return [
      ...(ingresses.length === 0 ? ['k8s: no Ingress'] : []),
      ...ingresses.flatMap((i) => [
        ...(at(i, 'spec', 'ingressClassName') === 'nginx' ? [] : [`k8s Ingress ${nameOf(i)}: ingressClassName is ${String(at(i, 'spec', 'ingressClassName'))}, not nginx`]),
        ...[at(i, 'spec', 'defaultBackend'), ...list(at(i, 'spec', 'rules')).flatMap((rule) => list(at(rule, 'http', 'paths')).map((p) => at(p, 'backend')))]
          .filter((b) => b !== undefined)
          .map((b) => `${String(at(b, 'service', 'name'))}:${String(at(b, 'service', 'port', 'number'))}`)
          .filter((b) => b !== `proxy:${PROXY_PORT}`)
          .map((b) => `k8s Ingress ${nameOf(i)}: sends requests to ${b}, not only to proxy:${PROXY_PORT}`),
      ]),
    ];
  },
  "the proxy serves the console from its own image: compose builds it from deploy/Dockerfile's proxy stage, k8s runs that image, and nginx's root is where that stage puts the console": (r) => {
    const proxy = r.services['proxy'] ?? {};
    const build = dict(proxy['build']);
    const problems: string[] = [];
    if (String(build['dockerfile']) !== 'deploy/Dockerfile' || !['.', './'].includes(String(build['context'])) || build['target'] !== PROXY_BUILD_TARGET) {
      problems.push(`compose service proxy: is not built from deploy/Dockerfile's ${PROXY_BUILD_TARGET} stage with the repository as context (${JSON.stringify(build)})`);
    }
    const image = containersOf(findObject(r, 'Deployment', 'proxy'))[0]?.['image'];
    if (image !== proxy['image'] || image !== PROXY_IMAGE) problems.push(`k8s Deployment proxy: runs ${String(image)}, not the image compose builds for the proxy (${String(proxy['image'])})`);
    const conf = String(at(findObject(r, 'ConfigMap', 'proxy-nginx'), 'data', 'nginx.conf'));
    const root = /^\s*root (\S+);$/m.exec(conf)?.[1];
    if (root !== PROXY_CONSOLE_ROOT) problems.push(`k8s ConfigMap proxy-nginx: serves the console from ${String(root)}, not PROXY_CONSOLE_ROOT ${PROXY_CONSOLE_ROOT}`);
    return problems;
  },
  'publish only the proxy: no other compose service has ports, no k8s Service is reached from outside but through the Ingress': (r) => [
    ...Object.entries(r.services)
      .filter(([name, s]) => name !== 'proxy' && (s['ports'] !== undefined || s['network_mode'] === 'host'))
      .map(([name]) => `compose service ${name}: publishes ports; only the proxy does`),
    ...kindOf(r, 'Service')
      .filter((s) => !['ClusterIP', 'ExternalName', undefined].includes(at(s, 'spec', 'type') as string | undefined))
      .map((s) => `k8s Service ${nameOf(s)}: is of type ${String(at(s, 'spec', 'type'))}; only the Ingress is reached from outside`),
    ...kindOf(r, 'Deployment')
      .filter((d) => podSpec(d)['hostNetwork'] === true || containersOf(d).some((c) => list(c['ports']).some((p) => at(p, 'hostPort') !== undefined)))
      .map((d) => `k8s Deployment ${nameOf(d)}: takes a port of its node`),
  ],
};

/** Every wiring problem of the rendered files; empty for a rendering of the real topology. */
function wiringProblems(files: Files): string[] {
  const rendering = readRendering(files);
  return Object.values(WIRING_CHECKS).flatMap((check) => check(rendering));
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
  const problems: string[] = [...proxyStageProblems(instructions)];
  const scripts = DEPLOYED_SERVICES.map((s) => packageJson.scripts[`start:${s}`] ?? '');
  const preloads = new Set(scripts.flatMap((c) => [...c.matchAll(/(?:-r|--require)\s+(\S+)/g)].map((m) => m[1] ?? '')));
  const installs = instructions.filter((i) => i.op === 'RUN' && /\bnpm (ci|install)\b/.test(i.args));
  if (installs.length === 0) problems.push('deploy/Dockerfile: no RUN npm ci');
  for (const module of preloads) {
    if (packageJson.devDependencies?.[module] && installs.some((i) => /--omit[= ]dev|--production/.test(i.args))) problems.push(`deploy/Dockerfile: leaves out dev dependencies, but the start scripts preload ${module}, one of them`);
  }
  // The start scripts' entries, the libraries tsconfig maps (@whistle/*) and what resolves them are copied in.
  const paths = (JSON.parse(readText('tsconfig.base.json')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
  const needed = new Set(['package.json', 'tsconfig.json', 'tsconfig.base.json', ...scripts.flatMap((c) => c.split(/\s+/).filter((w) => /\.[jt]s$/.test(w))), ...Object.values(paths).flat()]);
  const copied = runtime.filter((i) => i.op === 'COPY' && !i.args.includes('--from=')).flatMap((i) => i.args.split(/\s+/).filter((w) => !w.startsWith('--')).slice(0, -1));
  const glob = (pattern: string) => new RegExp(`^${pattern.replace(/^\.\//, '').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\/$/, '')}(/|$)`);
  for (const path of needed) if (!copied.some((source) => glob(source).test(path))) problems.push(`deploy/Dockerfile: the image lacks ${path} (no COPY of it)`);
  if (!runtime.some((i) => i.op === 'COPY' && /--from=\S+/.test(i.args) && i.args.includes('node_modules'))) problems.push('deploy/Dockerfile: the runtime stage does not copy the installed node_modules');
  // The start scripts run the compiled server: the image compiles it, as root, before it runs as node.
  if (scripts.some((c) => c.includes('deploy/npm/run-server.js'))) {
    const build = runtime.findIndex((i) => i.op === 'RUN' && /\bnode deploy\/npm\/build-server\.js\b/.test(i.args));
    const lastSource = Math.max(...runtime.flatMap((i, at) => (i.op === 'COPY' && !i.args.includes('--from=') ? [at] : [])));
    const becomesNode = runtime.findIndex((i) => i.op === 'USER');
    if (build < 0) problems.push('deploy/Dockerfile: the start scripts run dist/server, but the runtime stage never runs node deploy/npm/build-server.js');
    else if (build < lastSource || (becomesNode >= 0 && build > becomesNode)) problems.push('deploy/Dockerfile: builds dist/server before the sources are copied or after USER node (a container must not compile or write under /app)');
  }
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

/** deploy/Dockerfile's proxy stage: the console built by `npm run build:console` in a stage before it, copied to PROXY_CONSOLE_ROOT. */
function proxyStageProblems(instructions: readonly { op: string; args: string }[]): string[] {
  const stages: { name: string; body: { op: string; args: string }[] }[] = [];
  for (const i of instructions) {
    if (i.op === 'FROM') stages.push({ name: /\bAS\s+(\S+)/i.exec(i.args)?.[1] ?? '', body: [] });
    else stages.at(-1)?.body.push(i);
  }
  const proxy = stages.findIndex((s) => s.name === PROXY_BUILD_TARGET);
  if (proxy < 0) return [`deploy/Dockerfile: has no stage ${PROXY_BUILD_TARGET}, which compose and the manifests build the proxy image from`];
  const problems: string[] = [];
  if (proxy === stages.length - 1) problems.push(`deploy/Dockerfile: the ${PROXY_BUILD_TARGET} stage is last, so a build without --target makes the proxy instead of the services' image`);
  const copy = stages[proxy]?.body.map((i) => /^--from=(\S+)\s+(\S+)\s+(\S+)$/.exec(i.args)).find((m) => m && m[3]?.replace(/\/$/, '') === PROXY_CONSOLE_ROOT);
  const builder = stages.find((s) => s.name === copy?.[1]);
  if (!copy || !builder) problems.push(`deploy/Dockerfile: the ${PROXY_BUILD_TARGET} stage copies nothing from an earlier stage to PROXY_CONSOLE_ROOT ${PROXY_CONSOLE_ROOT}`);
  else if (!builder.body.some((i) => i.op === 'RUN' && /\bnpm run (-s )?build:console\b/.test(i.args)) || !copy[2]?.endsWith('services/console/dist')) {
    problems.push(`deploy/Dockerfile: the ${PROXY_BUILD_TARGET} stage copies ${copy[2]} from stage ${copy[1]}, not the console that npm run build:console builds there`);
  }
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

describe('the deployment files are wired as the services need them', () => {
  const rendering = readRendering(rendered);
  for (const [name, check] of Object.entries(WIRING_CHECKS)) it(name, () => expect(check(rendering)).toEqual([]));
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
        `${NGINX_CONF_FILE}: is not renderNginxConf(ROUTES) on PROXY_PORT with each service on its DEFAULT_PORTS port and the console at PROXY_CONSOLE_ROOT`,
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
    const consoleElsewhere = readText('deploy/Dockerfile').replace(`/usr/share/nginx/html\n`, '/srv/console\n').replace('RUN npm run build:console', 'RUN true');
    expect(dockerfileProblems(consoleElsewhere)).toEqual([`deploy/Dockerfile: the proxy stage copies nothing from an earlier stage to PROXY_CONSOLE_ROOT ${PROXY_CONSOLE_ROOT}`]);
    const unbuilt = readText('deploy/Dockerfile').replace('RUN npm run build:console', 'RUN true');
    expect(dockerfileProblems(unbuilt)).toEqual(['deploy/Dockerfile: the proxy stage copies /app/services/console/dist from stage console, not the console that npm run build:console builds there']);
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
        'compose service intake: sets KURRENTDB_URL_ESCALATION, but the intake service opens only KURRENTDB_URL_INTAKE, KURRENTDB_URL_SUPERVISION',
        expect.stringMatching(/^k8s: the services name different escalation stores/),
        'k8s: the escalation store shares kurrentdb-intake:2113 with another',
      ]),
    );
  });

  it('a renderer that leaves a service without supervision’s store (the catalogue’s changes), or supervision without the read models, is named', () => {
    const plan = deploymentPlan();
    const without = (s: DeploymentPlan['services'][number], name: string) => ({ ...s, settings: s.settings.filter((x) => x.name !== name) });
    const broken: DeploymentPlan = {
      ...plan,
      services: plan.services.map((s) =>
        s.service === 'intake' || s.service === 'notifications' ? without(s, 'KURRENTDB_URL_SUPERVISION') : s.service === 'supervision' ? without(s, 'MONGODB_URL') : s,
      ),
    };
    expect(agreementProblems(renderDeploymentFiles(broken))).toEqual(
      expect.arrayContaining([
        'compose service intake: does not set KURRENTDB_URL_SUPERVISION',
        'k8s Deployment notifications: does not set KURRENTDB_URL_SUPERVISION',
        'compose service supervision: does not set MONGODB_URL',
        'k8s Deployment supervision: does not set MONGODB_URL',
      ]),
    );
  });

  it('a renderer fed a plan with a stateful service kept as scratch, a dependency left out, TLS on and wrong ports is named', () => {
    const plan = deploymentPlan();
    const setting = (s: DeploymentPlan['services'][number], name: string, value: string) => s.settings.map((x) => (x.name === name ? { ...x, value } : x));
    const broken: DeploymentPlan = {
      ...plan,
      shared: plan.shared.map((s) => (s.name === 'KAFKA_BROKERS' ? { ...s, value: 'kafka:9093' } : s)),
      services: plan.services.map((s) =>
        s.service === 'intake'
          ? { ...s, data: 'scratch' as const, connectsTo: s.connectsTo.filter((host) => host !== 'kurrentdb-intake') }
          : s.service === 'escalation'
            ? { ...s, settings: setting(s, 'KURRENTDB_URL_ESCALATION', 'kurrentdb://kurrentdb-escalation:2113?tls=true') }
            : s.service === 'query'
              ? { ...s, settings: setting(s, 'MONGODB_URL', 'mongodb://mongo:27018/four-level-whistle') }
              : s,
      ),
    };
    expect(wiringProblems(renderDeploymentFiles(broken))).toEqual(
      expect.arrayContaining([
        'compose service intake: does not wait for kurrentdb-intake (KURRENTDB_URL_INTAKE) to be service_healthy',
        'compose service intake: KAFKA_BROKERS names kafka:9093, which is no kafka compose service (kafka:9092)',
        'k8s Deployment audit: KAFKA_BROKERS names kafka:9093, which is no kafka k8s Service (kafka:9092)',
        'compose service query: MONGODB_URL names mongo:27018, which is no mongodb compose service (mongo:27017)',
        'k8s Deployment query: MONGODB_URL names mongo:27018, which is no mongodb k8s Service (mongo:27017)',
        'compose service escalation: KURRENTDB_URL_ESCALATION needs tls=false, its KurrentDB kurrentdb-escalation runs insecure',
        'k8s Deployment intake: keeps state, but DATA_DIR is not on a PersistentVolumeClaim of the manifests',
        'k8s Deployment intake: strategy is RollingUpdate, not Recreate, so an old and a new pod would share its files',
      ]),
    );
  });

  it('a rendering that shares a volume or a claim, builds elsewhere, publishes a service, misselects pods or leaves the nginx class is named', () => {
    const services = `${K8S_DIR}/20-services.yaml`;
    const proxy = `${K8S_DIR}/30-proxy.yaml`;
    const edit = (path: string, from: string | RegExp, to: string): string => {
      const text = rendered[path] ?? '';
      const edited = text.replace(from, to);
      if (edited === text) throw new Error(`${path}: ${String(from)} is not in the rendering`);
      return edited;
    };
    const broken: Files = {
      ...rendered,
      [COMPOSE_FILE]: edit(COMPOSE_FILE, '- escalation-data:/var/lib/whistle', '- intake-data:/var/lib/whistle').replace(
        /( {2}audit:\n {4}image: \S+\n)( {4}build:\n {6}context: )"\."/,
        '$1    ports: ["3106:3106"]\n$2services/audit',
      ),
      [services]: edit(services, 'claimName: audit-data', 'claimName: intake-data')
        .replace('spec:\n  selector:\n    app.kubernetes.io/name: escalation\n', 'spec:\n  selector:\n    app.kubernetes.io/part-of: four-level-whistle\n')
        .replace(/(\n {2}name: audit\n[\s\S]*?replicas: )1/, '$12'),
      [proxy]: edit(proxy, 'ingressClassName: nginx', 'ingressClassName: traefik'),
    };
    expect(wiringProblems(broken)).toEqual(
      expect.arrayContaining([
        'compose service escalation: shares the volume intake-data with intake',
        'compose service audit: is not built from deploy/Dockerfile with the repository as context (context services/audit, dockerfile deploy/Dockerfile)',
        'compose service audit: publishes ports; only the proxy does',
        'k8s Deployment audit: shares the claim intake-data with intake',
        'k8s Deployment audit: runs 2 replicas; its SQLite files take one',
        'k8s Service escalation: selects the pods of intake, escalation, enforcement, adjudication, supervision, query, audit, notifications, proxy, not those of Deployment escalation',
        'k8s Ingress four-level-whistle: ingressClassName is traefik, not nginx',
      ]),
    );
  });
});
