import { positionOf, type Position } from '@whistle/application';
import { InMemoryReadModelStore } from '@whistle/read-models';
import { supervisionScenario } from '@whistle/read-models/testing';
import { queryProjection } from '../query.projection';
import { ReadSideProgress } from '../read-side-progress';

describe('a read after a supervision command (After-Position)', () => {
  const { supervision } = supervisionScenario();
  const last = (type: string): Position => {
    const event = supervision.envelopes.filter((e) => e.type === type).at(-1);
    const position = event && positionOf(event);
    if (!position) throw new Error(`no ${type} in the scenario`);
    return position;
  };
  const positions = [
    last('supervision.UnitResponseRated.v1'),
    last('supervision.PropertyFirmChanged.v1'),
    last('supervision.AssessmentCompleted.v1'),
    last('supervision.WeightingSet.v1'),
    last('supervision.NoticePublished.v1'),
  ];

  it('is reflected once supervision’s view of the stream has applied that revision, and not before', async () => {
    const readModels = new InMemoryReadModelStore();
    const progress = new ReadSideProgress(readModels);
    for (const position of positions) expect(await progress.reflects(position)).toBe(false);
    const project = queryProjection({ readModels, progress });
    for (const event of supervision.envelopes) await project(event);
    for (const position of positions) {
      expect(await progress.reflects(position)).toBe(true);
      expect(await progress.reflects({ ...position, revision: position.revision + 1 })).toBe(false);
    }
  });

  it('is waited for until the projection applies it', async () => {
    const readModels = new InMemoryReadModelStore();
    const progress = new ReadSideProgress(readModels);
    const project = queryProjection({ readModels, progress });
    const waited = Promise.all(positions.map((position) => progress.waitFor(position, Date.now() + 5_000)));
    for (const event of supervision.envelopes) await project(event);
    expect(await waited).toEqual(positions.map(() => true));
  });
});

describe('a read after a change of the catalogue (目录变更, After-Position)', () => {
  const position: Position = { service: 'supervision', streamId: 'catalogue-town-wutong', revision: 2, eventId: 'e-2', caseId: 'catalogue-town-wutong' };

  it('is reflected once the catalogue in force here is that revision or later, and waited for until then', async () => {
    const catalogue = { revision: -1 };
    const progress = new ReadSideProgress(new InMemoryReadModelStore(), catalogue);
    expect(await progress.reflects(position)).toBe(false);
    expect(await progress.waitFor(position, Date.now() + 100)).toBe(false);
    const waited = progress.waitFor(position, Date.now() + 5_000);
    catalogue.revision = 2;
    expect(await waited).toBe(true);
    expect(await progress.reflects({ ...position, revision: 3 })).toBe(false);
  });

  it('is never reflected by a read side that holds no catalogue', async () => {
    expect(await new ReadSideProgress(new InMemoryReadModelStore()).reflects(position)).toBe(false);
  });
});
