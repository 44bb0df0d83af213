import { InMemoryReadModelStore, CASE_VIEWS, MEETING_VIEWS, type ReadModelDocument } from '@whistle/read-models';
import { queryProjection, rebuildReadModels } from './query.projection';
import { queryScenario } from './testing/query-scenario.fixture';

async function everything(store: InMemoryReadModelStore): Promise<{ cases: ReadModelDocument[]; meetings: ReadModelDocument[] }> {
  return {
    cases: (await store.collection(CASE_VIEWS).find({ sort: [{ field: 'id', order: 'asc' }] })).items,
    meetings: (await store.collection(MEETING_VIEWS).find({ sort: [{ field: 'id', order: 'asc' }] })).items,
  };
}

describe('the read side’s projection and rebuild', () => {
  it('rebuilt from the stores, store by store, equals what live projection built in the bus’s order', async () => {
    const town = await queryScenario();
    const live = new InMemoryReadModelStore();
    const project = queryProjection({ readModels: live });
    for (const event of town.recorded) await project(event);

    const rebuilt = new InMemoryReadModelStore();
    const result = await rebuildReadModels({ readModels: rebuilt, stores: Object.values(town.stores) });

    expect(result).toEqual({ events: town.recorded.length, ms: expect.any(Number) });
    const views = await everything(rebuilt);
    expect(views.cases.map((v) => v.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(views.meetings.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(views).toEqual(await everything(live));
  });

  it('changes nothing when every event arrives again', async () => {
    const town = await queryScenario();
    const once = new InMemoryReadModelStore();
    const twice = new InMemoryReadModelStore();
    for (const event of town.recorded) await queryProjection({ readModels: once })(event);
    for (const event of [...town.recorded, ...town.recorded]) await queryProjection({ readModels: twice })(event);
    expect(await everything(twice)).toEqual(await everything(once));
  });

  it('drops what the read models held before rebuilding', async () => {
    const town = await queryScenario();
    const readModels = new InMemoryReadModelStore();
    await readModels.collection(CASE_VIEWS).put({ id: 'stale', version: 1 });
    await rebuildReadModels({ readModels, stores: Object.values(town.stores) });
    expect(await readModels.collection(CASE_VIEWS).get('stale')).toBeUndefined();
  });
});
