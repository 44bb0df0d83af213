import type { EventEnvelope } from '@whistle/kernel';
import { streams } from '@whistle/contracts';
import type { Position } from '@whistle/application';
import { ChangeSignal } from '@whistle/messaging';
import {
  CASE_VIEWS,
  DocumentCache,
  MEETING_VIEWS,
  supervisionStreamView,
  type CaseView,
  type MeetingView,
  type ReadModelDocument,
  type ReadModelStore,
  type StreamRevision,
  type Where,
} from '@whistle/read-models';

/** A case view as the projection just wrote it, with the last event of the batch that changed it. */
export interface CaseChange {
  readonly view: CaseView;
  readonly event: EventEnvelope;
}

/** A meeting view as the projection just wrote it. */
export interface MeetingChange {
  readonly view: MeetingView;
  readonly event: EventEnvelope;
}

export type CaseChangeListener = (changes: readonly CaseChange[]) => void;

/** How often a waiter reads the view again without being told of a change (another replica wrote it, say). */
const LOOK_AGAIN_MS = 1_000;
/** Views written while someone waited, kept for the waiters to look at; older ones go first. */
const RECENT_KEPT = 2_000;
/** How often a wait for a catalogue change looks at the catalogue in force. */
const CATALOGUE_LOOK_MS = 50;

/**
 * What the read side has applied, as far as a request needs to know: whether a position is
 * reflected (its view has applied that stream revision: the view's own record, kept in the read
 * models, so it holds across restarts and rebuilds), a wait for it, and the case views each
 * projected batch changed, for the live stream. The projection tells it what it wrote.
 */
export class ReadSideProgress {
  private readonly written = new ChangeSignal();
  private readonly recent = new DocumentCache(RECENT_KEPT);
  private readonly listeners = new Set<CaseChangeListener>();
  private waiting = 0;

  /** `catalogue`: the catalogue in force here, whose revision says which of its changes (目录变更) the read side serves. */
  constructor(
    private readonly readModels: ReadModelStore,
    private readonly catalogue?: { readonly revision: number },
  ) {}

  /** Whether anybody would hear of changes now: the projection reads back nothing for nobody. */
  get wanted(): boolean {
    return this.listeners.size > 0 || this.waiting > 0;
  }

  /** Called by the projection after it wrote a batch (or one event). */
  applied(cases: readonly CaseChange[], meetings: readonly MeetingChange[]): void {
    if (this.waiting > 0) {
      // A view's revisions only grow, so an older copy that shows a position applied is never wrong.
      for (const { view } of cases) this.recent.set(CASE_VIEWS, view);
      for (const { view } of meetings) this.recent.set(MEETING_VIEWS, view);
      this.written.notify();
    }
    if (cases.length === 0) return;
    for (const listener of this.listeners) {
      // A listener is one client's stream: whatever goes wrong with it must not hold up the projection.
      try {
        listener(cases);
      } catch {
        this.listeners.delete(listener);
      }
    }
  }

  /** Hears every batch's changed case views until the returned function is called. */
  onCases(listener: CaseChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the read models reflect what `position` names: the view it concerns has applied that stream revision. */
  async reflects(position: Position): Promise<boolean> {
    // A change of the catalogue lands in no view: it is reflected once the catalogue in force is that revision or later.
    if (streams.catalogue.owns(position.streamId)) return this.catalogue !== undefined && this.catalogue.revision >= position.revision;
    const target = viewOf(position);
    const views = this.readModels.collection<ReadModelDocument & { readonly revisions: readonly StreamRevision[] }>(target.collection);
    if ('where' in target) return (await views.find({ where: target.where })).items.some((view) => hasApplied(view.revisions, position));
    const view = await views.get(target.id);
    return view !== undefined && hasApplied(view.revisions, position);
  }

  /** Waits until `reflects(position)` or Date.now() passes `deadline`; tells which came first. */
  async waitFor(position: Position, deadline: number): Promise<boolean> {
    if (streams.catalogue.owns(position.streamId)) return this.waitForCatalogue(position, deadline);
    const target = viewOf(position);
    this.waiting += 1;
    try {
      for (let lookedAt = 0; ; ) {
        const now = Date.now();
        const more = this.written.next(Math.min(deadline - now, LOOK_AGAIN_MS));
        if (now - lookedAt >= LOOK_AGAIN_MS || lookedAt === 0) {
          lookedAt = now;
          if (await this.reflects(position)) return true;
        }
        if (Date.now() >= deadline) return lookedAt === now ? false : this.reflects(position);
        await more;
        const written = 'id' in target ? this.recent.get<CaseView | MeetingView>(target.collection, target.id) : undefined;
        if (written && hasApplied(written.revisions, position)) return true;
      }
    } finally {
      this.waiting -= 1;
    }
  }

  /** The catalogue follower tells nobody when it puts a change in force: the wait looks every CATALOGUE_LOOK_MS. */
  private async waitForCatalogue(position: Position, deadline: number): Promise<boolean> {
    for (;;) {
      if (await this.reflects(position)) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, CATALOGUE_LOOK_MS)));
    }
  }
}

/**
 * The view a position's event lands in: a meeting's own events in its meeting view, supervision's
 * in its views (which the projection does not tell of: a wait for one reads again each second),
 * every other event in its case's view.
 */
function viewOf(position: Position): { collection: string; id: string } | { collection: string; where: Where } {
  if (streams.meeting.owns(position.streamId)) return { collection: MEETING_VIEWS, id: streams.meeting.idOf(position.streamId) };
  if (position.service === 'supervision') return supervisionStreamView(position.streamId) ?? { collection: CASE_VIEWS, id: position.caseId };
  return { collection: CASE_VIEWS, id: position.caseId };
}

function hasApplied(revisions: readonly StreamRevision[], position: Position): boolean {
  return revisions.some((r) => r.streamId === position.streamId && r.revision >= position.revision);
}
