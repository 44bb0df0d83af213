import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IService } from 'kubernetes-models/v1/Service';
import { KAFKA_ENDPOINT, KURRENTDB_PORT, MONGODB_ENDPOINT, PROXY_BUILD_TARGET, PROXY_IMAGE, kurrentdbHost } from '../topology';
import { NGINX_CONF_FILE, NGINX_CONF_MOUNT } from './compose';
import { PROXY_IDENTITY_PROVIDER_ENV } from '../nginx-conf';
import { SECRET_NAME, SETTINGS_CONFIG_MAP, inSettingsOrder, issuerSetting, type DeployedSetting, type DeploymentPlan, type ServicePlan } from './deployment-plan';
import { GENERATED_NOTICE } from './generated';
import { yamlText, type YamlDocument } from './yaml-text';

// The manifests are typed with kubernetes-models' interfaces (types only, erased at run time), so a
// misspelt field or a wrong type fails `npm run typecheck`; tests/deployment validates the
// rendered text against the same package's schemas.

const STYLE = { flowKeys: ['command', 'accessModes', 'drop'] };
const PROXY = 'proxy';
const PROXY_CONF_MAP = 'proxy-nginx';

type Labels = Record<string, string>;
const partOf = (plan: DeploymentPlan): Labels => ({ 'app.kubernetes.io/part-of': plan.namespace });
const labels = (plan: DeploymentPlan, name: string, component: string): Labels => ({
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/component': component,
  ...partOf(plan),
});
const meta = (plan: DeploymentPlan, name: string, objectLabels: Labels) => ({ name, namespace: plan.namespace, labels: objectLabels });

function namespace(plan: DeploymentPlan): YamlDocument[] {
  const body: INamespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: plan.namespace } };
  return [{ comment: `${GENERATED_NOTICE}\nThe namespace every object of the system lives in.`, body }];
}

function settings(plan: DeploymentPlan): YamlDocument[] {
  const body: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(plan, SETTINGS_CONFIG_MAP, partOf(plan)),
    data: Object.fromEntries(inSettingsOrder(plan.shared).flatMap((s) => ('value' in s ? [[s.name, s.value]] : []))),
  };
  const secrets = plan.shared.filter((s) => 'secret' in s).map((s) => s.name);
  return [
    {
      comment: [
        GENERATED_NOTICE,
        'Settings every service shares (serviceSettings in libs/deployment/src/settings.ts).',
        'Per service (20-services.yaml): PORT, the KURRENTDB_URL_* of the stores it opens (every service but',
        "supervision reads supervision's, for the catalogue's changes), MONGODB_URL where it keeps or asks read",
        `models, and ${secrets.join('/')} from the Secret ${SECRET_NAME} (templates/jwt-secret.yaml).`,
      ].join('\n'),
      body,
    },
  ];
}

function environment(plan: DeploymentPlan, s: ServicePlan): IEnvVar[] {
  const own = [...s.settings, ...plan.shared.filter((setting) => 'secret' in setting)];
  return inSettingsOrder(own).map((setting) => envVar(setting));
}

function envVar(setting: DeployedSetting, name: string = setting.name): IEnvVar {
  return 'secret' in setting
    ? { name, valueFrom: { secretKeyRef: { name: SECRET_NAME, key: setting.name, ...(setting.optional ? { optional: true } : {}) } } }
    : { name, value: setting.value };
}

function serviceDocuments(plan: DeploymentPlan, s: ServicePlan): YamlDocument[] {
  const name = s.service;
  const objectLabels = labels(plan, name, s.component);
  const keepsState = s.data === 'state';
  const claim: IPersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta(plan, `${name}-data`, objectLabels),
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  };
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(plan, name, objectLabels),
    spec: {
      replicas: 1,
      strategy: { type: keepsState ? 'Recreate' : 'RollingUpdate' },
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels: objectLabels },
        spec: {
          enableServiceLinks: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
          containers: [
            {
              name,
              image: plan.image,
              imagePullPolicy: 'IfNotPresent',
              command: ['npm', 'run', `start:${name}`],
              ports: [{ name: 'http', containerPort: s.port }],
              envFrom: [{ configMapRef: { name: SETTINGS_CONFIG_MAP } }],
              env: environment(plan, s),
              startupProbe: { httpGet: { path: '/api/health', port: s.port }, periodSeconds: 5, failureThreshold: 36 },
              readinessProbe: { httpGet: { path: '/api/ready', port: s.port }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
              livenessProbe: { httpGet: { path: '/api/health', port: s.port }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'data', mountPath: plan.dataDir }],
            },
          ],
          volumes: [keepsState ? { name: 'data', persistentVolumeClaim: { claimName: `${name}-data` } } : { name: 'data', emptyDir: {} }],
        },
      },
    },
  };
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(plan, name, objectLabels),
    spec: { selector: { 'app.kubernetes.io/name': name }, ports: [{ name: 'http', port: s.port, targetPort: s.port }] },
  };
  return [
    ...(keepsState ? [{ body: claim }] : []),
    {
      body: deployment,
      notes: {
        'spec.template.spec.enableServiceLinks': 'No SERVICE_HOST/PORT variables for every Service of the namespace: the settings are all there is.',
        'spec.template.spec.containers.0.startupProbe': 'The image holds the compiled server (deploy/npm/build-server.js); the start still folds every stream of the stores: give it a minute or two.',
      },
    },
    { body: service },
  ];
}

function services(plan: DeploymentPlan): YamlDocument[] {
  const names = (data: ServicePlan['data']) => plan.services.filter((s) => s.data === data).map((s) => s.service);
  const documents = plan.services.flatMap((s) => serviceDocuments(plan, s));
  const [first, ...rest] = documents;
  if (!first) return [];
  const comment = [
    GENERATED_NOTICE,
    'The services: one image (deploy/Dockerfile), each started by its own package.json script.',
    "Each Deployment's DATA_DIR holds SQLite files of that service alone: a writer's processed log and",
    "deadlines (and intake's personal data), the audit's head ledger. Those that keep such state",
    `(DATA_KEPT in topology.ts: ${names('state').join(', ')})`,
    'run one replica on a PersistentVolumeClaim of their own, with strategy Recreate so an old and a',
    `new pod never open the same file. ${names('scratch').join(', ')} keeps only its HTTP idempotency file there (its`,
    'read models are in MongoDB), so an emptyDir will do. It could run more replicas (its consumer',
    'group would share the partitions), but it stays at one: idempotency records and',
    'RATE_LIMIT_PER_MINUTE are counted per pod.',
  ].join('\n');
  return [{ ...first, comment }, ...rest];
}

function proxy(plan: DeploymentPlan, nginxConf: string): YamlDocument[] {
  const proxyLabels = labels(plan, PROXY, PROXY);
  const port = plan.proxyPort;
  const configMap: IConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(plan, PROXY_CONF_MAP, proxyLabels), data: { 'nginx.conf': nginxConf } };
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(plan, PROXY, proxyLabels),
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': PROXY } },
      template: {
        metadata: { labels: proxyLabels },
        spec: {
          enableServiceLinks: false,
          containers: [
            {
              name: 'nginx',
              image: PROXY_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: port }],
              readinessProbe: { tcpSocket: { port }, periodSeconds: 5 },
              livenessProbe: { tcpSocket: { port }, periodSeconds: 10 },
              resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '128Mi' } },
              // The console's pages may fetch tokens from the identity provider, as the services' pages may.
              env: [envVar(issuerSetting(plan), PROXY_IDENTITY_PROVIDER_ENV)],
              volumeMounts: [{ name: 'conf', mountPath: NGINX_CONF_MOUNT, subPath: 'nginx.conf', readOnly: true }],
            },
          ],
          volumes: [{ name: 'conf', configMap: { name: PROXY_CONF_MAP } }],
        },
      },
    },
  };
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(plan, PROXY, proxyLabels),
    spec: { selector: { 'app.kubernetes.io/name': PROXY }, ports: [{ name: 'http', port, targetPort: port }] },
  };
  const ingress: IIngress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { ...meta(plan, plan.namespace, partOf(plan)), annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '1m' } },
    spec: {
      ingressClassName: 'nginx',
      rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: PROXY, port: { number: port } } } }] } }],
    },
  };
  const [first, last] = [plan.services[0], plan.services[plan.services.length - 1]];
  const upstreams = first && last ? `${first.service}:${first.port} ... ${last.service}:${last.port}` : 'none';
  return [
    {
      comment: [
        GENERATED_NOTICE,
        'The one base URL: the same nginx and configuration as docker-compose.yml, behind the Ingress,',
        `serving the web console at / from its image (${PROXY_IMAGE}, deploy/Dockerfile's ${PROXY_BUILD_TARGET} stage).`,
        'A plain Ingress cannot route by method, and ROUTES does (readsGoTo: GET and HEAD of',
        '/api/adjudication/meetings go to query, the other methods to adjudication). So the Ingress',
        'sends every path to this proxy, which routes exactly as renderNginxConf(ROUTES) says. Its',
        `upstreams are the Services ${upstreams} of this namespace, the same names as in`,
        `docker-compose.yml, so nginx.conf below is ${NGINX_CONF_FILE} unchanged.`,
        `After changing it: kubectl -n ${plan.namespace} rollout restart deployment/${PROXY}`,
      ].join('\n'),
      body: configMap,
    },
    {
      body: deployment,
      notes: {
        'spec.replicas': 'Stateless: scale as needed.',
        'spec.template.spec.containers.0.readinessProbe': "Not /api/health: that is query's, and the proxy is alive without it.",
      },
    },
    { body: service },
    {
      comment: 'Every path to the proxy (see above). Add a host and tls for a real domain.',
      body: ingress,
      notes: { 'metadata.annotations.nginx.ingress.kubernetes.io/proxy-body-size': "As the proxy's client_max_body_size; each service answers a body over BODY_LIMIT itself." },
    },
  ];
}

function backingServices(plan: DeploymentPlan): YamlDocument[] {
  const external = (name: string, app: string, port: number, placeholderHost = name): IService => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(plan, name, { 'app.kubernetes.io/name': app, ...partOf(plan) }),
    spec: { type: 'ExternalName', externalName: `${placeholderHost}.replace-me.svc.cluster.local`, ports: [{ port }] },
  });
  return [
    {
      comment: [
        GENERATED_NOTICE,
        `TEMPLATE, not applied by \`kubectl apply -f deploy/k8s/\` (it does not descend into templates/).`,
        'The services reach Kafka, MongoDB and the KurrentDB stores by these Service names in the',
        'namespace (KAFKA_BROKERS, MONGODB_URL, KURRENTDB_URL_* in 10-settings.yaml and 20-services.yaml).',
        'Run them in the namespace under these names, or point these ExternalName Services at where they',
        'run: copy this file, replace each REPLACE-ME host in the copy, then apply the copy.',
      ].join('\n'),
      body: external(KAFKA_ENDPOINT.host, 'kafka', KAFKA_ENDPOINT.port, 'kafka-bootstrap'),
    },
    { body: external(MONGODB_ENDPOINT.host, 'mongodb', MONGODB_ENDPOINT.port, 'mongodb') },
    ...plan.stores.map((store) => ({
      comment: `One KurrentDB per writing service, as in docker-compose.yml: ${store}'s store.`,
      body: external(kurrentdbHost(store), 'kurrentdb', KURRENTDB_PORT),
    })),
  ];
}

/** deploy/k8s: each file's path under it and its text. templates/jwt-secret.yaml stays hand-written. */
export function renderK8sManifests(plan: DeploymentPlan, nginxConf: string): Readonly<Record<string, string>> {
  return {
    '00-namespace.yaml': yamlText(namespace(plan), STYLE),
    '10-settings.yaml': yamlText(settings(plan), STYLE),
    '20-services.yaml': yamlText(services(plan), STYLE),
    '30-proxy.yaml': yamlText(proxy(plan, nginxConf), STYLE),
    'templates/backing-services.yaml': yamlText(backingServices(plan), STYLE),
  };
}
