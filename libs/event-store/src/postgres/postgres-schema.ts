import { envelopeOfBody, type EventEnvelope } from '@whistle/kernel';
import type { PositionedEvent } from '../event-store.port';

/**
 * A PostgreSQL event store lives in one schema of its own (a service's name: `intake`, …), so one
 * database can hold every service's store and a reader role is granted one schema at a time.
 * `events` is the record: each event's sealed body exactly as the hash covers it, in a TEXT column
 * (jsonb would reorder and reformat it and break the hash), beside its hash and the columns the
 * store looks things up by. `subscription_checkpoints` says how far each subscription got.
 * `idempotency_keys` names, per caller and Idempotency-Key, the batch an HTTP command recorded,
 * inserted in the batch's own transaction; nothing of the request's body is kept there, since the
 * record is kept for ever.
 */
export const SCHEMA_VERSION = 1;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,47}$/;

/** A schema name is spliced into SQL: only plain lower-case identifiers, short enough to name a channel after. */
export function assertSchemaName(schema: string): void {
  if (!IDENTIFIER.test(schema)) {
    throw new Error(`event store schema "${schema}" is not a plain identifier (lower-case letters, digits and _, at most 48, not starting with a digit)`);
  }
}

export function assertRoleName(role: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`role "${role}" is not a plain identifier (lower-case letters, digits and _)`);
}

/** The LISTEN/NOTIFY channel appends to this schema's store are announced on. */
export function channelOf(schema: string): string {
  return `event_store_${schema}`;
}

/**
 * Creates what is missing, idempotently. The trigger makes the record append-only even for the
 * role that owns it: no code path of the system updates or deletes an event (corrections are new
 * events), and the hash chain names whatever gets past this guard (a superuser can disable it).
 */
export function schemaDdl(schema: string): string {
  const s = `"${schema}"`;
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.events (
  position   bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_id  text    NOT NULL,
  revision   integer NOT NULL,
  event_id   text    NOT NULL,
  type       text    NOT NULL,
  case_id    text    NOT NULL,
  prev_hash  text    NOT NULL,
  body       text    NOT NULL,
  hash       text    NOT NULL,
  CONSTRAINT events_stream_revision UNIQUE (stream_id, revision),
  CONSTRAINT events_event_id UNIQUE (event_id)
);
CREATE TABLE IF NOT EXISTS ${s}.subscription_checkpoints (
  subscription_id text   PRIMARY KEY,
  position        bigint NOT NULL,
  updated_at      text   NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.idempotency_keys (
  scope          text    NOT NULL,
  key            text    NOT NULL,
  stream_id      text    NOT NULL,
  first_revision integer NOT NULL,
  event_count    integer NOT NULL,
  CONSTRAINT idempotency_keys_scope_key PRIMARY KEY (scope, key, stream_id)
);
CREATE TABLE IF NOT EXISTS ${s}.store_version (version integer NOT NULL);
INSERT INTO ${s}.store_version (version) SELECT ${SCHEMA_VERSION} WHERE NOT EXISTS (SELECT 1 FROM ${s}.store_version);
CREATE OR REPLACE FUNCTION ${s}.events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event record is append-only: % on %.events refused (corrections are new events)', TG_OP, TG_TABLE_SCHEMA;
END $$;
-- Made only when missing: creating a trigger locks the table exclusively, which at every start
-- would queue the running instances' appends and reads behind any long read.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '${s}.events'::regclass AND tgname = 'events_append_only') THEN
    CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON ${s}.events FOR EACH ROW EXECUTE FUNCTION ${s}.events_are_append_only();
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '${s}.events'::regclass AND tgname = 'events_append_only_truncate') THEN
    CREATE TRIGGER events_append_only_truncate BEFORE TRUNCATE ON ${s}.events FOR EACH STATEMENT EXECUTE FUNCTION ${s}.events_are_append_only();
  END IF;
  -- A case's streams without reading the record (the audit's reads of one case). Building it on a
  -- store that predates it holds its appends back once, for as long as the build takes.
  IF to_regclass('${s}.events_by_case') IS NULL THEN
    CREATE INDEX events_by_case ON ${s}.events (case_id, stream_id);
  END IF;
END $$;
`;
}

/** Lets a reader role (the audit's, the query side's) read the store and nothing else. */
export function readGrantsDdl(schema: string, role: string): string {
  return `GRANT USAGE ON SCHEMA "${schema}" TO "${role}";
GRANT SELECT ON "${schema}".events, "${schema}".store_version TO "${role}";`;
}

/** Every statement the store runs, named so each connection prepares it once. */
export function statementsOf(schema: string) {
  const s = `"${schema}"`;
  const columns = 'position, stream_id, revision, event_id, type, case_id, prev_hash, body, hash';
  return {
    tail: { name: `${schema}.tail`, text: `SELECT revision, hash FROM ${s}.events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1` },
    insert: {
      name: `${schema}.insert`,
      text: `INSERT INTO ${s}.events (stream_id, revision, event_id, type, case_id, prev_hash, body, hash)
             SELECT $1, revision, event_id, type, case_id, prev_hash, body, hash
             FROM unnest($2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                  AS batch (revision, event_id, type, case_id, prev_hash, body, hash)
             RETURNING position, revision`,
    },
    stream: {
      name: `${schema}.stream`,
      text: `SELECT ${columns} FROM ${s}.events WHERE stream_id = $1 AND revision >= $2::bigint ORDER BY revision LIMIT $3::bigint`,
    },
    sealed: { name: `${schema}.sealed`, text: `SELECT body, hash FROM ${s}.events WHERE stream_id = $1 ORDER BY revision`, rowMode: 'array' as const },
    all: { name: `${schema}.all`, text: `SELECT ${columns} FROM ${s}.events WHERE position > $1 ORDER BY position LIMIT $2` },
    head: { name: `${schema}.head`, text: `SELECT max(position) AS position FROM ${s}.events` },
    caseStreams: {
      name: `${schema}.case-streams`,
      text: `SELECT DISTINCT stream_id FROM ${s}.events WHERE case_id = $1 ORDER BY stream_id`,
      rowMode: 'array' as const,
    },
    streams: { name: `${schema}.streams`, text: `SELECT ${columns} FROM ${s}.events WHERE stream_id = ANY($1::text[]) ORDER BY position` },
    locate: { name: `${schema}.locate`, text: `SELECT stream_id, revision FROM ${s}.events WHERE event_id = $1` },
    locateAny: {
      name: `${schema}.locate-any`,
      text: `SELECT event_id, stream_id, revision FROM ${s}.events WHERE event_id = ANY($1::text[])`,
    },
    insertKey: {
      name: `${schema}.insert-key`,
      text: `INSERT INTO ${s}.idempotency_keys (scope, key, stream_id, first_revision, event_count) VALUES ($1, $2, $3, $4, $5)`,
    },
    keyed: {
      name: `${schema}.keyed`,
      text: `SELECT stream_id, first_revision, event_count FROM ${s}.idempotency_keys WHERE scope = $1 AND key = $2`,
    },
    checkpoint: { name: `${schema}.checkpoint`, text: `SELECT position FROM ${s}.subscription_checkpoints WHERE subscription_id = $1` },
    saveCheckpoint: {
      name: `${schema}.save-checkpoint`,
      text: `INSERT INTO ${s}.subscription_checkpoints (subscription_id, position, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (subscription_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    },
  } as const;
}

export type Statements = ReturnType<typeof statementsOf>;

export interface EventRow {
  /** bigint comes back as text: pg leaves it to the caller rather than lose precision. */
  readonly position: string;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly case_id: string;
  readonly prev_hash: string;
  readonly body: string;
  readonly hash: string;
}

/**
 * The envelope from its stored text. Only for a body that is no longer JSON do the columns stand
 * in, with empty values for what only the body held: verification then names that event.
 */
export function envelopeOf(row: EventRow): EventEnvelope {
  const { event_id: eventId, type, case_id: caseId, stream_id: streamId, revision, prev_hash: prevHash } = row;
  return envelopeOfBody(row.body, row.hash, { eventId, type, caseId, streamId, revision, prevHash });
}

export function positioned(row: EventRow): PositionedEvent {
  return { position: BigInt(row.position), event: envelopeOf(row) };
}
