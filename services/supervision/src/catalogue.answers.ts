import { schema } from '@whistle/http';

const ACTOR = schema.object({ id: schema.text(), role: schema.text() }, { unitId: schema.text() });

export const CATALOGUE_CHANGE = schema.object(
  {
    revision: schema.integer('its place in the catalogue’s stream of changes'),
    type: schema.oneOf([
      'supervision.CatalogueAdopted.v1',
      'supervision.CatalogueEntryPut.v1',
      'supervision.CatalogueEntryRemoved.v1',
      'supervision.CatalogueDeadlinesRevised.v1',
      'supervision.CataloguePoliciesRevised.v1',
    ]),
    data: schema.anyObject('the change as recorded: the entry and what it was, or the deadlines or policies and what they were, with the reason'),
    recordedAt: schema.instant(),
    actor: ACTOR,
  },
  {},
  'one change of the catalogue (目录变更), with who made it and why',
);

export const CATALOGUE_CHANGES = schema.object({
  revision: schema.integer('the revision in force; -1 while no change was recorded'),
  changes: schema.list(CATALOGUE_CHANGE, 'the latest first'),
});

export const CATALOGUE_AS_OF = schema.object({
  at: schema.instant(),
  revision: schema.integer('the last change recorded by then; -1 before the first'),
  catalogue: schema.anyObject('the catalogue in force then, in the shape of GET /api/catalogue'),
  removed: schema.anyObject('the entries removed by then, list by list'),
});
