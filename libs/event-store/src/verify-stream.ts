import { chainHolds, verifyStream, type ChainVerification, type EventEnvelope } from '@whistle/kernel';

/**
 * A stream's verification from its stored texts (body and hash, in revision order) when the chain
 * holds on them; otherwise from its events, read to name every break.
 */
export async function verifySealed(
  streamId: string,
  sealed: Iterable<readonly [body: string, hash: string]>,
  readEvents: () => Promise<EventEnvelope[]>,
): Promise<ChainVerification> {
  const { holds, checked } = chainHolds(streamId, sealed);
  if (holds) return { streamId, checked, ok: true, firstBreak: null, breaks: [] };
  return verifyStream(streamId, await readEvents());
}

