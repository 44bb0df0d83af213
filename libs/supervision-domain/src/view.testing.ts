import { fold, type DomainEvent } from '@whistle/kernel';
import { aggregateOwning, type StateIndexDefinition, type StateView, type StreamKind } from '@whistle/contracts';
import { supervisionContext } from './supervision.context';

/** The states of supervision's streams after these events, read as the service's StateView reads them (for specs). */
export function viewOf(history: Readonly<Record<string, readonly DomainEvent[]>>): StateView {
  const states = new Map<string, unknown>(
    Object.entries(history).map(([streamId, events]) => [streamId, fold(aggregateOwning(supervisionContext, streamId).decider, events)]),
  );
  return {
    get: <S>(streamId: string) => states.get(streamId) as S | undefined,
    entries: <S>(kind: StreamKind) => [...states].filter(([id]) => kind.owns(id)) as [string, S][],
    indexed: <S>(index: StateIndexDefinition<S>, key: string) =>
      [...states].filter(([id, state]) => index.stream.owns(id) && index.keysOf(state as S).includes(key)) as [string, S][],
  };
}
