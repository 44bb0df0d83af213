import { schema as s } from '@whistle/http';

/* What the audit answers, for the API document. */

const ENTRIES = s.list(s.anyObject());

export const HISTORY_ENTRY = s.object({
  service: s.text(),
  streamId: s.text(),
  revision: s.integer(),
  eventId: s.text(),
  type: s.text(),
  occurredAt: s.text(),
  recordedAt: s.text(),
  actor: s.anyObject(),
  correlationId: s.text(),
  causationId: s.nullable(s.text()),
  prevHash: s.text(),
  hash: s.text(),
  data: s.anything('the event’s data exactly as stored: a reporter’s personal data is sealed ciphertext'),
});

export const HISTORY = s.object({ caseId: s.text(), events: s.list(HISTORY_ENTRY) });

export const STATE_AT = s.object({
  id: s.text(),
  status: s.text(),
  asOf: s.object({ at: s.text(), eventsApplied: s.integer(), lastEventId: s.nullable(s.text()) }),
  aggregates: s.anyObject('each aggregate as folded from its events recorded by then'),
  unreadable: ENTRIES,
});

export const VERIFICATION = s.object({
  caseId: s.nullable(s.text()),
  verifiedAt: s.text(),
  checkedStreams: s.integer(),
  checkedEvents: s.integer(),
  ok: s.boolean(),
  breaks: ENTRIES,
  logs: ENTRIES,
});

const CHECKPOINT = s.object({ log: s.text(), treeSize: s.integer(), rootHash: s.text(), timestamp: s.text(), keyFingerprint: s.text(), signature: s.text('Ed25519, base64') });

export const DOSSIER = s.object({
  caseId: s.text(),
  format: s.oneOf(['json']),
  generatedAt: s.text(),
  case: s.nullable(s.anyObject()),
  history: s.list(HISTORY_ENTRY),
  verification: s.anyObject(),
  minutes: ENTRIES,
  openFindings: ENTRIES,
  proof: s.anyObject(),
  digest: s.anything('sha256 over the rest of the body'),
});

export const PUBLIC_KEY = s.object({ algorithm: s.oneOf(['Ed25519']), fingerprint: s.text(), publicKeyPem: s.text() });
export const CHECKPOINTS = s.page(CHECKPOINT);
export const LATEST_CHECKPOINTS = s.mapOf(s.nullable(CHECKPOINT), 'each log’s latest signed checkpoint, null before its first');
export const CONSISTENCY = s.object({ log: s.text(), from: CHECKPOINT, to: CHECKPOINT, proof: s.list(s.text()) });
export const INCLUSION = s.object({ log: s.text(), leafIndex: s.integer(), eventId: s.text(), eventHash: s.text(), leafHash: s.text(), checkpoint: CHECKPOINT, proof: s.list(s.text()) });
export const FINDINGS = s.page(s.anyObject(), { open: s.integer('how many are not acknowledged') });
export const ACKNOWLEDGED = s.object({ acknowledged: ENTRIES });

/** `GET /api/audit/personal-data-access`: who read a reporter's data in full, when and why. */
export const PERSONAL_DATA_ACCESSES = s.page(
  s.object({
    eventId: s.text(),
    caseId: s.text(),
    accessedAt: s.text(),
    actor: s.anyObject('who read it: id, role and scope'),
    reason: s.text(),
    streamId: s.text(),
    revision: s.integer(),
    hash: s.text('the sealed record’s hash in intake’s store'),
  }),
);
