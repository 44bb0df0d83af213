import type { Catalogue, Level } from '../api/types';
import type { Translate } from '../i18n/i18n';

type NameOf = (name: { zh: string; en: string } | null | undefined, fallback?: string) => string;

/** The compounds grouped under their communities, each option searchable by its name. */
export function compoundOptions(compounds: Catalogue['compounds'], catalogue: Catalogue, nameOf: NameOf) {
  return catalogue.communities
    .map((community) => ({
      label: nameOf(community.name),
      title: nameOf(community.name),
      options: compounds.filter((c) => c.communityId === community.id).map((c) => ({ value: c.id, label: nameOf(c.name) })),
    }))
    .filter((group) => group.options.length > 0);
}

/** The categories grouped by the level the catalogue proposes for them (1 宣传哨 … 4 攻坚哨). */
export function categoryOptions(catalogue: Catalogue, nameOf: NameOf, t: Translate) {
  return ([1, 2, 3, 4] as const satisfies readonly Level[])
    .map((level) => ({
      label: t(`level.${level}`),
      title: t(`level.${level}`),
      options: catalogue.categories.filter((c) => c.defaultLevel === level).map((c) => ({ value: c.id, label: nameOf(c.name) })),
    }))
    .filter((group) => group.options.length > 0);
}
