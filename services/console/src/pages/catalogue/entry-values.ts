import type { AnyEntry, CatalogueListName, PerLevel } from '../../api/catalogue-admin-types';
import type { Level, Name } from '../../api/types';

type Optional<T> = { [K in keyof T]?: T[K] | undefined };

export interface EntryValues {
  id: string;
  name: Name;
  defaultLevel?: Level;
  unitIds?: string[];
  deadlines?: { reportIn?: Optional<PerLevel>; grace?: Optional<PerLevel>; activity?: string };
  webhook?: { url?: string; secretRef?: string };
  contacts?: { name: string; phone: string }[];
  communityId?: string;
  stationId?: string;
  reason: string;
}

/** The form's values of an entry (blank for a new one). */
export function valuesOf(entry: AnyEntry | undefined): Partial<EntryValues> {
  if (!entry) return { unitIds: [], contacts: [] };
  return { ...(entry as unknown as Partial<EntryValues>), contacts: 'contacts' in entry ? [...(entry.contacts ?? [])] : [] };
}

/**
 * The entry whole as it is to stand: what the form edits over what the entry had (a member this
 * console does not know stays as it was). An optional part left blank is left out; one half
 * filled is sent as it is, and the server names what is missing.
 */
export function entryOf(list: CatalogueListName, previous: AnyEntry | undefined, v: EntryValues): Record<string, unknown> {
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const webhook = () => (text(v.webhook?.url) || text(v.webhook?.secretRef) ? { url: text(v.webhook?.url) ?? '', secretRef: text(v.webhook?.secretRef) ?? '' } : undefined);
  const perLevel = (p: Optional<PerLevel> | undefined) => (text(p?.['2']) || text(p?.['3']) ? { '2': text(p?.['2']) ?? '', '3': text(p?.['3']) ?? '' } : undefined);
  const { id: _id, ...kept } = (previous ?? {}) as Record<string, unknown>;
  const own: Record<string, unknown> = { name: { zh: v.name.zh.trim(), en: v.name.en.trim() } };
  switch (list) {
    case 'categories': {
      const deadlines = withoutBlanks({ reportIn: perLevel(v.deadlines?.reportIn), grace: perLevel(v.deadlines?.grace), activity: text(v.deadlines?.activity) });
      Object.assign(own, { defaultLevel: v.defaultLevel, unitIds: v.unitIds ?? [], deadlines: Object.keys(deadlines).length ? deadlines : undefined });
      break;
    }
    case 'units': {
      const contacts = (v.contacts ?? []).map((c) => ({ name: c.name.trim(), phone: c.phone.trim() }));
      Object.assign(own, { webhook: webhook(), contacts: contacts.length ? contacts : undefined });
      break;
    }
    case 'compounds':
      own['communityId'] = v.communityId;
      break;
    case 'communities':
      own['stationId'] = v.stationId;
      break;
    case 'stations':
      own['webhook'] = webhook();
      break;
  }
  return withoutBlanks({ ...kept, ...own });
}

function withoutBlanks(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
