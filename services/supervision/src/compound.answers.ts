import { schema } from '@whistle/http';

const NAME = schema.object({ zh: schema.text(), en: schema.text() });
const PLACE = schema.object({ id: schema.text(), name: NAME });

const LIAISON = schema.object(
  {
    liaisonId: schema.text(),
    liaison: schema.object({ kind: schema.oneOf(['leader', 'department']) }, { name: schema.text('leader'), post: schema.text('leader'), unitId: schema.text('department'), unitName: NAME }),
    reason: schema.text(),
    assignedAt: schema.instant(),
    ended: schema.nullable(schema.object({ reason: schema.text(), endedAt: schema.instant() })),
  },
  {},
  'a leader or department liaising with the compound (联系小区)',
);

const THREE_WITHOUTS = schema.object(
  {
    missing: schema.list(schema.oneOf(['property_firm', 'owners_committee', 'party_branch'])),
    all: schema.boolean('lacks all three: a three-withouts compound (三无小区)'),
    known: schema.boolean('false while no profile was recorded: only the firm register is known'),
  },
  {},
  'derived from the firm register and the profile, never entered',
);

const SUMMARY_MEMBERS = {
  compoundId: schema.text(),
  name: NAME,
  community: PLACE,
  station: PLACE,
  firm: schema.nullable(schema.object({ firmId: schema.text(), name: schema.text() }, {}, 'the registered firm that serves it (the firm register)')),
  profileRecorded: schema.boolean(),
  threeWithouts: THREE_WITHOUTS,
  liaisons: schema.list(LIAISON, 'assigned now'),
};

export const COMPOUND_SUMMARY = schema.object(SUMMARY_MEMBERS);

export const COMPOUND_PROFILE = schema.object({
  ...SUMMARY_MEMBERS,
  revision: schema.integer('the compound’s revision, -1 before anything was recorded: send it as If-Match'),
  profile: schema.nullable(
    schema.object({
      ownersCommittee: schema.object({ present: schema.boolean() }, { termFrom: schema.text(), termTo: schema.text() }),
      partyBranch: schema.object({ present: schema.boolean() }, { secretary: schema.text() }),
      handover: schema.object({ status: schema.oneOf(['not_handed_over', 'handed_over']) }, { date: schema.text() }),
      grids: schema.list(schema.object({ name: schema.text(), workers: schema.list(schema.text()) })),
      partyMembers: schema.integer(),
      households: schema.integer(),
      reason: schema.text(),
      recordedAt: schema.instant(),
    }),
  ),
  profileChanges: schema.list(schema.object({ reason: schema.text(), recordedAt: schema.instant() })),
  endedLiaisons: schema.list(LIAISON),
});

const ENTRY = schema.object({
  entryId: schema.text(),
  liaisonId: schema.text(),
  kind: schema.oneOf(['visit', 'help']),
  date: schema.text(),
  found: schema.text(),
  done: schema.text(),
  followUp: schema.text(),
  corrects: schema.nullable(schema.object({ entryId: schema.text(), reason: schema.text() })),
  recordedAt: schema.instant(),
  supersededBy: schema.nullable(schema.text('the entry that corrected this one')),
});

export const COMPOUND_LEDGER = schema.object({
  compoundId: schema.text(),
  entries: schema.list(ENTRY, 'the ledger as it stands, the latest visit first'),
  corrected: schema.list(ENTRY, 'entries later ones corrected'),
});
