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
