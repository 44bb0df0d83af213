import type { HistoryEntry } from '../../api/audit-types';
import { isMessageKey, type Translate } from '../../i18n/i18n';

/** An event type in words; a type this console does not know yet, as it is recorded. */
export function eventLabel(t: Translate, type: string): string {
  const key = `audit.event.${type}`;
  return isMessageKey(key) ? t(key) : type;
}

/** Who recorded an event: the role in words and the actor's id (a unit's or station's scope beside it). */
export function actorLabel(t: Translate, actor: HistoryEntry['actor'], names: { unit: (id: string) => string; station: (id: string) => string }): string {
  const roleKey = `role.${actor.role}`;
  const role = actor.role === 'system' ? t('audit.actor.system') : isMessageKey(roleKey) ? t(roleKey) : actor.role;
  const scope = actor.unitId ? ` · ${names.unit(actor.unitId)}` : actor.stationId ? ` · ${names.station(actor.stationId)}` : '';
  return `${role}${scope} (${actor.id})`;
}
