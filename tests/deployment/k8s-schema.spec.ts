import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { parseAllDocuments } from 'yaml';
import { K8S_DIR, NAMESPACE, renderDeploymentFiles } from '@whistle/deployment';

/**
 * The manifests against the Kubernetes API's own schemas, offline: kubernetes-models ships them
 * compiled (ajv) with the package. They check types, required fields, formats and enums (a
 * strategy type, a pathType, a port given as text); like the API server without strict field
 * validation they let an unknown field through, which the renderer's typing with the same
 * package's interfaces catches at `npm run typecheck` instead.
 */
interface Validating {
  validate(): void;
}
const MODELS: Readonly<Record<string, new (data: never) => Validating>> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'networking.k8s.io/v1/Ingress': Ingress,
};

type Dict = Record<string, unknown>;

/** Each object of the files that its schema refuses, or that lies outside the namespace, named. */
function schemaProblems(files: Readonly<Record<string, string>>): string[] {
  return Object.entries(files).flatMap(([path, text]) =>
    parseAllDocuments(text).flatMap((doc): string[] => {
      if (doc.errors.length > 0) return [`${path}: ${doc.errors.map((e) => e.message).join('; ')}`];
      const object = doc.toJS() as Dict;
      const metadata = (object['metadata'] ?? {}) as Dict;
      const type = `${String(object['apiVersion'])}/${String(object['kind'])}`;
      const where = `${path} ${type} ${String(metadata['name'])}`;
      const Model = MODELS[type];
      if (!Model) return [`${where}: no schema here for this kind; add it to MODELS`];
      const problems = object['kind'] !== 'Namespace' && metadata['namespace'] !== NAMESPACE ? [`${where}: not in the namespace ${NAMESPACE}`] : [];
      try {
        new Model(object as never).validate();
        return problems;
      } catch (error) {
        return [...problems, `${where}: ${(error as Error).message}`];
      }
    }),
  );
}

const ROOT = join(__dirname, '..', '..');
const JWT_SECRET_TEMPLATE = `${K8S_DIR}/templates/jwt-secret.yaml`;
const manifests = Object.fromEntries(Object.entries(renderDeploymentFiles()).filter(([path]) => path.startsWith(`${K8S_DIR}/`)));

describe('the Kubernetes manifests against the API schemas (kubernetes-models)', () => {
  it('are valid objects of their kinds, every one in the namespace', () => {
    expect(Object.keys(manifests).length).toBeGreaterThanOrEqual(5);
    expect(schemaProblems({ ...manifests, [JWT_SECRET_TEMPLATE]: readFileSync(join(ROOT, JWT_SECRET_TEMPLATE), 'utf8') })).toEqual([]);
  });

  it('name a port given as text, a strategy Kubernetes does not have, a missing selector and a stray object', () => {
    const services = manifests[`${K8S_DIR}/20-services.yaml`] ?? '';
    const broken = services
      .replace('containerPort: 3101', 'containerPort: "3101"')
      .replace('type: Recreate', 'type: Recreated')
      .replace(/\n {2}selector:\n {4}matchLabels:\n {6}app\.kubernetes\.io\/name: escalation\n/, '\n');
    const stray = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stray\ndata:\n  A: 1\n';
    expect(schemaProblems({ 'broken.yaml': broken, 'stray.yaml': stray })).toEqual([
      'broken.yaml apps/v1/Deployment intake: data/spec/strategy/type must be equal to one of the allowed values, data/spec/template/spec/containers/0/ports/0/containerPort must be integer',
      'broken.yaml apps/v1/Deployment escalation: data/spec must have required property selector',
      'stray.yaml v1/ConfigMap stray: not in the namespace four-level-whistle',
      'stray.yaml v1/ConfigMap stray: data/data/A must be string',
    ]);
  });
});
