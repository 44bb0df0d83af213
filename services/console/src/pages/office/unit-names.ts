import { useCatalogue } from '../../api/catalogue';
import { useI18n } from '../../i18n/i18n';

/** A unit's name from the catalogue in the current language, its id when the catalogue lost it. */
export function useUnitName(): (unitId: string) => string {
  const catalogue = useCatalogue();
  const { nameOf } = useI18n();
  return (unitId) => nameOf(catalogue.units.find((u) => u.id === unitId)?.name, unitId);
}

/** Units' and stations' names, for telling who recorded an event. */
export function useActorNames(): { unit: (id: string) => string; station: (id: string) => string } {
  const catalogue = useCatalogue();
  const { nameOf } = useI18n();
  return {
    unit: useUnitName(),
    station: (id) => nameOf(catalogue.stations.find((s) => s.id === id)?.name, id),
  };
}
