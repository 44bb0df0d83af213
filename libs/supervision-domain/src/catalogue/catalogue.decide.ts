import { assertNever, canonicalJson, invalid, refuse, type Decider } from '@whistle/kernel';
import {
  CATALOGUE_ENTRY_NOUNS,
  CATALOGUE_LISTS,
  NO_REMOVED_ENTRIES,
  type Catalogue,
  type CatalogueEntry,
  type CatalogueEvent,
  type CatalogueInForce,
  type CatalogueListName,
  type Deadlines,
  type Policies,
} from '@whistle/contracts';
import { required } from '../checks';
import { evolveCatalogue, initialCatalogueState, type CatalogueState } from './catalogue.state';

/** A problem the catalogue's own validation found in the catalogue a change would leave, by its JSON path. */
export interface CatalogueProblemFound {
  readonly path: string;
  readonly message: string;
}

/**
 * What every change brings besides its content: the catalogue the process started with (adopted
 * with the first change), the catalogue's validation (every reference resolves, ids are unique,
 * deadlines are durations), and the open cases the change would break, which the read side names.
 */
interface ChangeInputs {
  readonly reason: string;
  readonly starting: Catalogue;
  readonly check: (catalogue: Catalogue) => readonly CatalogueProblemFound[];
  readonly now: string;
}

/** Add an entry (an id not in use) or revise one, whole as it now stands. */
export interface PutEntry extends ChangeInputs {
  readonly type: 'PutEntry';
  readonly list: CatalogueListName;
  readonly id: string;
  readonly entry: unknown;
  /** the open cases in the compound or community, which would move to another community or station with it */
  readonly openCasesMoved: OpenCases;
}

/** Take an entry out of use; refused while open cases use it, naming them. */
export interface RemoveEntry extends ChangeInputs {
  readonly type: 'RemoveEntry';
  readonly list: CatalogueListName;
  readonly id: string;
  /** the open cases that name the entry: their compound, category or station, a unit summoned */
  readonly openCasesUsing: OpenCases;
}

export interface ReviseDeadlines extends ChangeInputs {
  readonly type: 'ReviseDeadlines';
  readonly deadlines: unknown;
}

export interface RevisePolicies extends ChangeInputs {
  readonly type: 'RevisePolicies';
  readonly policies: unknown;
}

/** Open cases as the read side found them: some of their ids, and how many there are. */
export interface OpenCases {
  readonly caseIds: readonly string[];
  readonly total: number;
}

export type CatalogueCommand = PutEntry | RemoveEntry | ReviseDeadlines | RevisePolicies;

/** The most open cases a refusal names; it says how many more there are. */
export const CASES_NAMED_MAX = 20;

export function decideCatalogue(command: CatalogueCommand, state: CatalogueState): CatalogueEvent[] {
  const reason = required('reason', command.reason, 1000);
  const current: CatalogueInForce = state.inForce ?? { catalogue: command.starting, removed: NO_REMOVED_ENTRIES };
  const change = changeOf(command, current, reason);
  if (change === null) return [];
  const adopted: CatalogueEvent[] = state.inForce === null ? [{ type: 'supervision.CatalogueAdopted.v1', data: { catalogue: command.starting, adoptedAt: command.now } }] : [];
  return [...adopted, change];
}

export const catalogueDecider: Decider<CatalogueCommand, CatalogueEvent, CatalogueState> = {
  initialState: initialCatalogueState,
  decide: decideCatalogue,
  evolve: evolveCatalogue,
};

function changeOf(command: CatalogueCommand, current: CatalogueInForce, reason: string): CatalogueEvent | null {
  const changedAt = command.now;
  switch (command.type) {
    case 'PutEntry':
      return put(command, current, reason);
    case 'RemoveEntry':
      return remove(command, current, reason);
    case 'ReviseDeadlines': {
      const deadlines = object<Deadlines>('deadlines', command.deadlines);
      const previous = current.catalogue.deadlines;
      if (same(previous, deadlines)) return null;
      checked(command, { ...current.catalogue, deadlines }, (path) => under(path, 'deadlines'));
      return { type: 'supervision.CatalogueDeadlinesRevised.v1', data: { deadlines, previous, reason, changedAt } };
    }
    case 'RevisePolicies': {
      const policies = object<Policies>('policies', command.policies);
      const previous = current.catalogue.policies;
      if (same(previous, policies)) return null;
      checked(command, { ...current.catalogue, policies }, (path) => under(path, 'policies'));
      return { type: 'supervision.CataloguePoliciesRevised.v1', data: { policies, previous, reason, changedAt } };
    }
    default:
      return assertNever(command, 'catalogue command');
  }
}

function put(command: PutEntry, current: CatalogueInForce, reason: string): CatalogueEvent | null {
  const list = listOf(command.list);
  const body = object<Record<string, unknown>>('entry', command.entry);
  if (body['id'] !== undefined && body['id'] !== command.id) invalid('entry.id', `entry.id "${String(body['id'])}" differs from the id in the path, "${command.id}"`);
  const entry = { ...body, id: command.id } as unknown as CatalogueEntry;
  const entries = current.catalogue[list] as readonly CatalogueEntry[];
  const at = entries.findIndex((e) => e.id === command.id);
  const previous = at === -1 ? null : (entries[at] ?? null);
  if (previous !== null && same(previous, entry)) return null;
  const after = { ...current.catalogue, [list]: at === -1 ? [...entries, entry] : entries.map((e, i) => (i === at ? entry : e)) } as Catalogue;
  const position = at === -1 ? entries.length : at;
  checked(command, after, (path) => under(path, `${list}[${position}]`, 'entry'));
  if (previous !== null && command.openCasesMoved.total > 0 && moves(list, previous, entry)) {
    refuse('catalogue.open_cases', `${describe(list, command.id)} cannot move while open cases are handled where it is: ${named(command.openCasesMoved)}`);
  }
  return { type: 'supervision.CatalogueEntryPut.v1', data: { list, entry, previous, reason, changedAt: command.now } };
}

function remove(command: RemoveEntry, current: CatalogueInForce, reason: string): CatalogueEvent {
  const list = listOf(command.list);
  const previous = (current.catalogue[list] as readonly CatalogueEntry[]).find((e) => e.id === command.id);
  if (previous === undefined) invalid('id', `${describe(list, command.id)} is not in use in the catalogue`);
  if (command.openCasesUsing.total > 0) refuse('catalogue.open_cases', `${describe(list, command.id)} cannot be removed while open cases use it: ${named(command.openCasesUsing)}`);
  const after = { ...current.catalogue, [list]: (current.catalogue[list] as readonly CatalogueEntry[]).filter((e) => e.id !== command.id) } as Catalogue;
  const problems = command.check(after);
  if (problems.length > 0) {
    refuse('catalogue.entry_referenced', `${describe(list, command.id)} cannot be removed while the catalogue refers to it: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
  return { type: 'supervision.CatalogueEntryRemoved.v1', data: { list, id: command.id, previous, reason, changedAt: command.now } };
}

/** The catalogue a change leaves must be valid as a whole; its first problem inside the change is the field named. */
function checked(command: ChangeInputs, after: Catalogue, fieldOf: (path: string) => string | undefined): void {
  const problems = command.check(after);
  if (problems.length === 0) return;
  const mine = problems.find((p) => fieldOf(p.path) !== undefined) ?? problems[0];
  if (mine === undefined) return;
  const field = fieldOf(mine.path) ?? mine.path;
  invalid(field === '' ? 'entry' : field, problems.map((p) => `${fieldOf(p.path) ?? p.path}: ${p.message}`).join('; '));
}

/** `path` inside `prefix` (a list's entry, the deadlines), written from `as` instead. */
function under(path: string, prefix: string, as: string = prefix): string | undefined {
  if (path === prefix) return as;
  if (path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) return `${as}${path.slice(prefix.length)}`;
  return undefined;
}

/** A compound changing community, or a community changing station, moves its open cases' place. */
function moves(list: CatalogueListName, previous: CatalogueEntry, entry: CatalogueEntry): boolean {
  if (list === 'compounds') return (previous as { communityId?: string }).communityId !== (entry as { communityId?: string }).communityId;
  if (list === 'communities') return (previous as { stationId?: string }).stationId !== (entry as { stationId?: string }).stationId;
  return false;
}

function listOf(list: unknown): CatalogueListName {
  if (!(CATALOGUE_LISTS as readonly unknown[]).includes(list)) invalid('list', `list must be one of ${CATALOGUE_LISTS.join(', ')}, not "${String(list)}"`);
  return list as CatalogueListName;
}

function object<T>(field: string, value: unknown): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, `${field} must be an object`);
  return value as T;
}

function describe(list: CatalogueListName, id: string): string {
  return `${CATALOGUE_ENTRY_NOUNS[list]} ${id}`;
}

function named(cases: OpenCases): string {
  const shown = cases.caseIds.slice(0, CASES_NAMED_MAX);
  return cases.total > shown.length ? `${shown.join(', ')} and ${cases.total - shown.length} more` : shown.join(', ');
}

/** Whether two plain JSON values are the same, whatever the order of their members. */
function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
