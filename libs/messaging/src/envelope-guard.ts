import type { EventEnvelope, Role } from '@whistle/kernel';

// A record rather than a list so the compiler fails here when the kernel adds or drops a role.
const ROLES: Readonly<Record<Role, true>> = {
  reporter: true,
  station: true,
  unit: true,
  office: true,
  auditor: true,
  admin: true,
  system: true,
};

const REQUIRED_STRINGS = [
  'eventId',
  'type',
  'caseId',
  'streamId',
  'occurredAt',
  'recordedAt',
  'correlationId',
  'prevHash',
  'hash',
] as const;

type Fields = Readonly<Record<string, unknown>>;

/**
 * What makes `value` not an event envelope, in words fit for a dead-letter header, or null when
 * it is one. Checks shape and types only: the hash chain is the audit's business.
 */
export function envelopeProblem(value: unknown): string | null {
  if (!isObject(value)) return `the value is ${describe(value)}, not an object`;
  for (const field of REQUIRED_STRINGS) {
    if (!isNonEmptyString(value[field])) return `${field} must be a non-empty string, got ${describe(value[field])}`;
  }
  if (!('data' in value) || value['data'] === undefined) return 'data is missing';
  const revision = value['revision'];
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0) {
    return `revision must be an integer >= 0, got ${describe(revision)}`;
  }
  const causationId = value['causationId'];
  if (causationId !== null && !isNonEmptyString(causationId)) {
    return `causationId must be a non-empty string or null, got ${describe(causationId)}`;
  }
  return actorProblem(value['actor']);
}

export function isEventEnvelope(value: unknown): value is EventEnvelope {
  return envelopeProblem(value) === null;
}

function actorProblem(actor: unknown): string | null {
  if (!isObject(actor)) return `actor must be an object, got ${describe(actor)}`;
  if (!isNonEmptyString(actor['id'])) return `actor.id must be a non-empty string, got ${describe(actor['id'])}`;
  const role = actor['role'];
  if (typeof role !== 'string' || !Object.hasOwn(ROLES, role)) return `actor.role must be a known role, got ${describe(role)}`;
  for (const optional of ['unitId', 'stationId'] as const) {
    const id = actor[optional];
    if (id !== undefined && !isNonEmptyString(id)) {
      return `actor.${optional} must be a non-empty string when present, got ${describe(id)}`;
    }
  }
  return null;
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** Short enough for a header: the JSON of a scalar, the kind of anything bigger. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) return `a ${typeof value}`;
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
