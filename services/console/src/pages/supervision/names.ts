import { useState } from 'react';
import { useCatalogue } from '../../api/catalogue';
import { useI18n } from '../../i18n/i18n';

/** The catalogue's names of units, stations, communities, compounds and categories in the current language, the id when unknown. */
export function useNames() {
  const catalogue = useCatalogue();
  const { nameOf } = useI18n();
  const of = (entries: readonly { readonly id: string; readonly name: { zh: string; en: string } }[]) => (id: string) => nameOf(entries.find((e) => e.id === id)?.name, id);
  return { unit: of(catalogue.units), station: of(catalogue.stations), community: of(catalogue.communities), compound: of(catalogue.compounds), category: of(catalogue.categories), catalogue };
}

/** A date and time in the user's language. */
export function useWhen(): (at: string) => string {
  const { locale } = useI18n();
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (at) => format.format(new Date(at));
}

/** The time the page was opened: what "this quarter" and "this week" are reckoned from while it stays open. */
export function useOpenedAt(): number {
  const [at] = useState(() => Date.now());
  return at;
}
