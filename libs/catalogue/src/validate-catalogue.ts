import { LEVELS, type Catalogue, type Level } from '@whistle/contracts';
import type { CatalogueProblem } from './catalogue-problem';
import { childPath, describe, isJsonObject, ProblemList, type JsonObject } from './json-checks';

export type CatalogueValidation =
  | { readonly ok: true; readonly catalogue: Catalogue }
  | { readonly ok: false; readonly problems: readonly CatalogueProblem[] };

const CATALOGUE_KEYS = ['version', 'town', 'communities', 'compounds', 'stations', 'units', 'categories', 'deadlines', 'policies'];
const DEADLINE_KEYS = ['reportIn', 'activity', 'tabling', 'resolutionTasks', 'grace', 'reopenWindow', 'duplicateWindow'];
const PER_LEVEL_KEYS = ['2', '3'];
const CATEGORY_DEADLINE_KEYS = ['reportIn', 'grace', 'activity'];
const CONTACTS_MAX = 20;
const PHONE = /^\+?[0-9][0-9 -]{2,24}$/;

/** An element of one of the catalogue's lists that is at least an object. */
interface Entry {
  readonly path: string;
  readonly id: string | undefined;
  readonly value: JsonObject;
}

/**
 * Checks that `value` is a `Catalogue` whose references all resolve, reporting every problem with
 * its JSON path so that whoever edits the file can fix them all in one pass.
 */
export function validateCatalogue(value: unknown): CatalogueValidation {
  const problems = new ProblemList();
  if (isJsonObject(value)) {
    problems.unexpectedKeys(value, '', CATALOGUE_KEYS);
    checkCatalogue(problems, value);
  } else {
    problems.add('', `the catalogue must be a JSON object, got ${describe(value)}`);
  }
  return problems.problems.length === 0
    ? { ok: true, catalogue: value as Catalogue }
    : { ok: false, problems: problems.problems };
}

function checkCatalogue(problems: ProblemList, root: JsonObject): void {
  if (problems.present(root['version'], 'version') && root['version'] !== 1) {
    problems.add('version', `must be 1, got ${describe(root['version'])}`);
  }
  const town = problems.object(root['town'], 'town', ['id', 'name']);
  if (town) {
    problems.id(town['id'], 'town.id');
    problems.name(town['name'], 'town.name');
  }

  const stations = entries(problems, root['stations'], 'stations', 'station', ['id', 'name', 'webhook']);
  const communities = entries(problems, root['communities'], 'communities', 'community', ['id', 'name', 'stationId']);
  const compounds = entries(problems, root['compounds'], 'compounds', 'compound', ['id', 'name', 'communityId']);
  const units = entries(problems, root['units'], 'units', 'unit', ['id', 'name', 'webhook', 'contacts']);
  const categories = entries(problems, root['categories'], 'categories', 'category', ['id', 'name', 'defaultLevel', 'unitIds', 'deadlines']);

  const stationIds = uniqueIds(problems, stations);
  const communityIds = uniqueIds(problems, communities);
  uniqueIds(problems, compounds);
  const unitIds = uniqueIds(problems, units);
  uniqueIds(problems, categories);

  const coveredStations = references(problems, communities, 'stationId', stationIds, 'station');
  const populatedCommunities = references(problems, compounds, 'communityId', communityIds, 'community');
  for (const station of stations) {
    if (station.id !== undefined && !coveredStations.has(station.id)) problems.add(station.path, 'covers no community');
  }
  for (const community of communities) {
    if (community.id !== undefined && !populatedCommunities.has(community.id)) problems.add(community.path, 'has no compounds');
  }
  for (const category of categories) checkCategory(problems, category, unitIds);
  for (const entry of [...stations, ...units]) checkWebhook(problems, entry);
  for (const unit of units) checkContacts(problems, unit);

  checkDeadlines(problems, root['deadlines']);
  checkPolicies(problems, root['policies']);
}

function entries(problems: ProblemList, value: unknown, path: string, noun: string, keys: readonly string[]): Entry[] {
  const result: Entry[] = [];
  (problems.list(value, path, noun) ?? []).forEach((element, index) => {
    const elementPath = childPath(path, index);
    const object = problems.object(element, elementPath, keys);
    if (!object) return;
    problems.name(object['name'], childPath(elementPath, 'name'));
    result.push({ path: elementPath, id: problems.id(object['id'], childPath(elementPath, 'id')), value: object });
  });
  return result;
}

/** Reports repeated ids and returns the ids of the list. */
function uniqueIds(problems: ProblemList, list: readonly Entry[]): ReadonlySet<string> {
  const firstPath = new Map<string, string>();
  for (const { id, path } of list) {
    if (id === undefined) continue;
    const earlier = firstPath.get(id);
    if (earlier === undefined) firstPath.set(id, path);
    else problems.add(childPath(path, 'id'), `duplicate id "${id}" (also ${earlier})`);
  }
  return new Set(firstPath.keys());
}

/** Checks each entry's reference `key` against `known`; returns the ids that are referenced. */
function references(
  problems: ProblemList,
  list: readonly Entry[],
  key: string,
  known: ReadonlySet<string>,
  noun: string,
): ReadonlySet<string> {
  const referenced = new Set<string>();
  for (const { path, value } of list) {
    const target = problems.id(value[key], childPath(path, key));
    if (target === undefined) continue;
    if (known.has(target)) referenced.add(target);
    else problems.add(childPath(path, key), `unknown ${noun} "${target}"`);
  }
  return referenced;
}

function checkCategory(problems: ProblemList, { path, value }: Entry, known: ReadonlySet<string>): void {
  const levelPath = childPath(path, 'defaultLevel');
  if (problems.present(value['defaultLevel'], levelPath) && !LEVELS.includes(value['defaultLevel'] as Level)) {
    problems.add(levelPath, `must be a level 1, 2, 3 or 4, got ${describe(value['defaultLevel'])}`);
  }
  const listPath = childPath(path, 'unitIds');
  const seen = new Map<string, string>();
  (problems.list(value['unitIds'], listPath, 'unit') ?? []).forEach((element, index) => {
    const unitPath = childPath(listPath, index);
    const unitId = problems.id(element, unitPath);
    if (unitId === undefined) return;
    const earlier = seen.get(unitId);
    if (earlier !== undefined) {
      problems.add(unitPath, `unit "${unitId}" is listed twice (also ${earlier})`);
      return;
    }
    seen.set(unitId, unitPath);
    if (!known.has(unitId)) problems.add(unitPath, `unknown unit "${unitId}"`);
  });
  checkCategoryDeadlines(problems, value['deadlines'], childPath(path, 'deadlines'));
}

/** A category's own deadlines: any of report-in and grace (both levels), and the activity. */
function checkCategoryDeadlines(problems: ProblemList, value: unknown, path: string): void {
  if (value === undefined) return;
  const deadlines = problems.object(value, path, CATEGORY_DEADLINE_KEYS);
  if (!deadlines) return;
  if (Object.keys(deadlines).length === 0) problems.add(path, `must give at least one of ${CATEGORY_DEADLINE_KEYS.join(', ')} (leave it out to use the catalogue's deadlines)`);
  for (const key of ['reportIn', 'grace'] as const) {
    if (deadlines[key] === undefined) continue;
    const perLevel = problems.object(deadlines[key], childPath(path, key), PER_LEVEL_KEYS);
    for (const level of PER_LEVEL_KEYS) if (perLevel) problems.duration(perLevel[level], childPath(childPath(path, key), level), { mayBeZero: key === 'grace' });
  }
  if (deadlines['activity'] !== undefined) problems.duration(deadlines['activity'], childPath(path, 'activity'), { mayBeZero: false, workingDays: true });
}

/** A unit's contacts (联系人): a name and a phone each, at most 20. */
function checkContacts(problems: ProblemList, { path, value }: Entry): void {
  if (value['contacts'] === undefined) return;
  const listPath = childPath(path, 'contacts');
  const contacts = problems.list(value['contacts'], listPath, 'contact');
  if (!contacts) return;
  if (contacts.length > CONTACTS_MAX) problems.add(listPath, `lists ${contacts.length} contacts; at most ${CONTACTS_MAX}`);
  contacts.forEach((element, index) => {
    const contactPath = childPath(listPath, index);
    const contact = problems.object(element, contactPath, ['name', 'phone']);
    if (!contact) return;
    const name = problems.text(contact['name'], childPath(contactPath, 'name'));
    if (name !== undefined && name.length > 50) problems.add(childPath(contactPath, 'name'), `must be at most 50 characters, not ${name.length}`);
    const phone = problems.text(contact['phone'], childPath(contactPath, 'phone'));
    if (phone !== undefined && !PHONE.test(phone)) problems.add(childPath(contactPath, 'phone'), `must be a phone number (digits, with +, - or spaces), got ${describe(phone)}`);
  });
}

/**
 * An optional webhook: an absolute http(s) URL without credentials in it (they would be shown to
 * everyone who reads the catalogue), and the name of its secret, never the secret.
 */
function checkWebhook(problems: ProblemList, { path, value }: Entry): void {
  if (value['webhook'] === undefined) return;
  const webhookPath = childPath(path, 'webhook');
  const webhook = problems.object(value['webhook'], webhookPath, ['url', 'secretRef']);
  if (!webhook) return;
  const urlPath = childPath(webhookPath, 'url');
  const url = problems.text(webhook['url'], urlPath);
  if (url !== undefined) {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) problems.add(urlPath, `must be an absolute http(s) URL, got ${describe(url)}`);
    else if (parsed.username !== '' || parsed.password !== '') problems.add(urlPath, 'must not carry credentials: the secret is named by secretRef and kept out of the catalogue');
  }
  problems.id(webhook['secretRef'], childPath(webhookPath, 'secretRef'));
}

function checkDeadlines(problems: ProblemList, value: unknown): void {
  const deadlines = problems.object(value, 'deadlines', DEADLINE_KEYS);
  if (!deadlines) return;
  // A zero grace, reopening or duplicate window switches that behaviour off; a zero deadline would be missed at once.
  const reportIn = problems.object(deadlines['reportIn'], 'deadlines.reportIn', PER_LEVEL_KEYS);
  const grace = problems.object(deadlines['grace'], 'deadlines.grace', PER_LEVEL_KEYS);
  for (const level of PER_LEVEL_KEYS) {
    if (reportIn) problems.duration(reportIn[level], `deadlines.reportIn.${level}`, { mayBeZero: false });
    if (grace) problems.duration(grace[level], `deadlines.grace.${level}`, { mayBeZero: true });
  }
  // Deadlines in days may count working days (P3WD); report-in, grace and the look-back for duplicates stay on the clock.
  for (const key of ['activity', 'tabling', 'resolutionTasks']) {
    problems.duration(deadlines[key], `deadlines.${key}`, { mayBeZero: false, workingDays: true });
  }
  problems.duration(deadlines['reopenWindow'], 'deadlines.reopenWindow', { mayBeZero: true, workingDays: true });
  problems.duration(deadlines['duplicateWindow'], 'deadlines.duplicateWindow', { mayBeZero: true });
}

function checkPolicies(problems: ProblemList, value: unknown): void {
  const policies = problems.object(value, 'policies', ['quorumShare', 'maxDeferrals']);
  if (!policies) return;
  const share = policies['quorumShare'];
  if (problems.present(share, 'policies.quorumShare') && !(typeof share === 'number' && share > 0 && share < 1)) {
    problems.add('policies.quorumShare', `must be a number greater than 0 and less than 1, got ${describe(share)}`);
  }
  const deferrals = policies['maxDeferrals'];
  if (problems.present(deferrals, 'policies.maxDeferrals') && !(typeof deferrals === 'number' && Number.isInteger(deferrals) && deferrals >= 0)) {
    problems.add('policies.maxDeferrals', `must be a non-negative integer, got ${describe(deferrals)}`);
  }
}
