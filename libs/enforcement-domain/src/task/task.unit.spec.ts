import { runWorkflow } from '@whistle/kernel';
import { specFor } from '@whistle/kernel/testing';
import type { ActionKind, ActionRecorded, TaskAssigned, TaskEvent } from '@whistle/contracts';
import { taskDecider, type AssignTask, type RecordAction, type TaskCommand } from './task.decide';

const spec = specFor(taskDecider);

const T0 = '2026-11-21T08:00:00.000Z';
/** T0 plus some minutes. */
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const RESOLUTION_DUE = '2026-12-21T08:00:00.000Z';
const ids = { taskId: 'task-1', caseId: 'case-1', whistleId: 'whistle-1', unitId: 'unit-police' };
const leadIds = { ...ids, whistleId: 'resolution-1', unitId: 'unit-urban' };

const summonedAssignment: AssignTask = {
  type: 'AssignTask',
  ...ids,
  whistleId: 'whistle-1',
  unitId: 'unit-police',
  level: 2,
  role: 'summoned',
  reportInDueAt: at(30),
  now: T0,
};
const leadAssignment: AssignTask = {
  type: 'AssignTask',
  ...ids,
  whistleId: 'resolution-1',
  unitId: 'unit-urban',
  level: 4,
  role: 'lead',
  dueAt: RESOLUTION_DUE,
  now: T0,
};

const assigned = (data: Partial<TaskAssigned['data']> = {}): TaskEvent => ({
  type: 'enforcement.TaskAssigned.v1',
  data: { ...ids, whistleId: 'whistle-1', unitId: 'unit-police', level: 2, role: 'summoned', reportInDueAt: at(30), assignedAt: T0, ...data },
});
const assignedLead = (role: 'lead' | 'supporting' = 'lead'): TaskEvent =>
  assigned({ whistleId: 'resolution-1', unitId: 'unit-urban', level: 4, role, reportInDueAt: undefined, dueAt: RESOLUTION_DUE });
const reportedIn = (minutes = 10, onTime = true): TaskEvent => ({
  type: 'enforcement.TaskReportedIn.v1',
  data: { ...ids, onTime, reportedInAt: at(minutes) },
});
const accepted = (minutes = 20): TaskEvent => ({ type: 'enforcement.TaskAccepted.v1', data: { ...ids, acceptedAt: at(minutes) } });
const declined = (): TaskEvent => ({
  type: 'enforcement.TaskDeclined.v1',
  data: { ...ids, reason: 'parking is the traffic police', notOurResponsibility: true, declinedAt: at(15) },
});
const action = (actionId: string, kind: ActionKind, minutes: number, extra: Partial<ActionRecorded['data']> = {}): TaskEvent => ({
  type: 'enforcement.ActionRecorded.v1',
  data: { ...ids, actionId, kind, note: `${kind} on site`, takenAt: at(minutes), ...extra },
});
const ORDER_DEADLINE = at(60 * 24 * 3);
const order = (actionId = 'a-order', deadline = ORDER_DEADLINE) => action(actionId, 'rectification_order', 40, { deadline });
const outcome = (): TaskEvent => ({
  type: 'enforcement.OutcomeRecorded.v1',
  data: { ...ids, result: 'persuasion_failed', note: 'owner refuses', recordedAt: at(90) },
});
const superseded = (): TaskEvent => ({
  type: 'enforcement.TaskSuperseded.v1',
  data: { ...ids, reason: 'raised to level 3', supersededAt: at(50) },
});
const working = [assigned(), reportedIn(), accepted()];
const done = [...working, action('a-1', 'persuasion', 30), outcome()];

const recordAction = (fields: Partial<RecordAction> = {}): RecordAction => ({
  type: 'RecordAction',
  actionId: 'a-1',
  kind: 'persuasion',
  note: 'asked the owner to move the car',
  now: at(30),
  ...fields,
});
const reportIn: TaskCommand = { type: 'ReportIn', now: at(10) };
const accept: TaskCommand = { type: 'AcceptTask', now: at(20) };
const decline = (reason = 'parking is the traffic police'): TaskCommand => ({
  type: 'DeclineTask',
  reason,
  notOurResponsibility: true,
  now: at(15),
});
const recordOutcome = (result: string, minutes = 100): TaskCommand => ({
  type: 'RecordOutcome',
  result: result as never,
  note: 'checked on site',
  now: at(minutes),
});

describe('AssignTask', () => {
  it('assigns a summoned unit its task with the report-in deadline', () => {
    spec.given().when(summonedAssignment).then(assigned());
  });

  it('assigns a resolution task to its lead unit with the resolution deadline', () => {
    spec.given().when(leadAssignment).then(assignedLead());
  });

  it.each([
    ['assigned', [assigned()]],
    ['reported in', [assigned(), reportedIn()]],
    ['done', done],
  ])('ignores a redelivered assignment of a task that is %s', (_status, history) => {
    spec.given(...history).when(summonedAssignment).thenNothing();
  });

  it('refuses another task id on a stream that holds a task', () => {
    spec
      .given(assigned())
      .when({ ...summonedAssignment, taskId: 'task-2' })
      .thenRefused('task.already_assigned', /already holds task task-1; task task-2 needs a stream of its own/);
  });

  it('refuses the same task id with another unit', () => {
    spec
      .given(assigned())
      .when({ ...summonedAssignment, unitId: 'unit-fire' })
      .thenRefused('task.assignment_conflict', /task task-1 .* is already assigned \(now assigned\) with another unitId/);
  });

  it.each([
    ['level', { level: 4 } as const, /levels 2 and 3, not at level 4/],
    ['role', { role: 'observer' as never }, /role must be one of summoned, lead, supporting/],
    ['unitId', { unitId: '  ' }, /unitId must not be empty/],
    ['reportInDueAt', { reportInDueAt: 'soon' }, /"soon" is not an ISO-8601 instant/],
  ])('rejects a summoned assignment with a bad %s: %j', (field, fields, reason) => {
    spec.given().when({ ...summonedAssignment, ...fields }).thenInvalid(field, reason);
  });

  it('rejects a lead task outside level 4', () => {
    spec.given().when({ ...leadAssignment, level: 3 }).thenInvalid('level', /lead unit's task comes from a joint-meeting resolution at level 4/);
  });

  it('rejects a supporting task without the resolution deadline', () => {
    spec
      .given()
      .when({ ...leadAssignment, role: 'supporting', dueAt: undefined })
      .thenInvalid('dueAt', /supporting unit's task needs the resolution's deadline/);
  });
});

describe('ReportIn (报到)', () => {
  it('reports in on time up to and including the deadline', () => {
    spec.given(assigned()).when({ type: 'ReportIn', now: at(30) }).then(reportedIn(30, true));
  });

  it('reports in late after the deadline', () => {
    spec.given(assigned()).when({ type: 'ReportIn', now: at(31) }).then(reportedIn(31, false));
  });

  it('is on time when the task has no report-in deadline', () => {
    spec
      .given(assignedLead())
      .when({ type: 'ReportIn', now: at(60 * 24 * 40) })
      .then({ type: 'enforcement.TaskReportedIn.v1', data: { ...leadIds, onTime: true, reportedInAt: at(60 * 24 * 40) } });
  });

  it('keeps when and whether on time the unit reported in', () => {
    expect(spec.given(assigned(), reportedIn(31, false)).state()).toMatchObject({
      status: 'reported_in',
      reportedInAt: at(31),
      onTime: false,
      unitId: 'unit-police',
      reportInDueAt: at(30),
    });
  });

  it.each([
    ['reported_in', [assigned(), reportedIn()]],
    ['accepted', working],
    ['done', done],
  ])('refuses a second report-in on a task that is %s', (status, history) => {
    spec
      .given(...history)
      .when(reportIn)
      .thenRefused('task.already_reported_in', new RegExp(`already reported in \\(报到\\) at ${at(10)} and is ${status}`));
  });

  it('refuses a superseded task: the case moved on', () => {
    spec
      .given(assigned(), superseded())
      .when(reportIn)
      .thenRefused('task.superseded', /superseded at .* because the case moved on \("raised to level 3"\), so it cannot report in/);
  });

  it('refuses when no task was assigned', () => {
    spec.given().when(reportIn).thenRefused('task.not_assigned', /no task has been assigned/);
  });
});

describe('AcceptTask', () => {
  it('accepts a task that reported in', () => {
    spec.given(assigned(), reportedIn()).when(accept).then(accepted());
  });

  it('refuses a task that has not reported in', () => {
    spec.given(assigned()).when(accept).thenRefused('task.not_reported_in', /is assigned but not reported in: report in \(报到\) first/);
  });

  it.each([
    ['accepted', working],
    ['done', done],
  ])('refuses a task that is already %s', (status, history) => {
    spec
      .given(...history)
      .when(accept)
      .thenRefused('task.already_accepted', new RegExp(`already accepted at ${at(20)} and is ${status}`));
  });
});

describe('DeclineTask', () => {
  it('declines a reported-in task with its reason', () => {
    spec.given(assigned(), reportedIn()).when(decline('  parking is the traffic police ')).then(declined());
  });

  it('keeps the decline in the state', () => {
    expect(spec.given(assigned(), reportedIn(), declined()).state()).toMatchObject({
      status: 'declined',
      decline: { reason: 'parking is the traffic police', notOurResponsibility: true, declinedAt: at(15) },
    });
  });

  it('rejects a blank reason', () => {
    spec.given(assigned(), reportedIn()).when(decline('   ')).thenInvalid('reason', /reason must not be empty/);
  });

  it.each(['lead', 'supporting'] as const)('refuses to let the %s unit of a resolution decline', (role) => {
    spec
      .given(assignedLead(role), reportedIn())
      .when(decline())
      .thenRefused('task.resolution_binding', /a joint-meeting resolution binds its lead and supporting units; raise objections at the joint meeting/);
  });

  it('refuses a task that has not reported in', () => {
    spec.given(assigned()).when(decline()).thenRefused('task.not_reported_in', /report in \(报到\) first, then accept or decline/);
  });

  it('refuses an accepted task', () => {
    spec.given(...working).when(decline()).thenRefused('task.already_accepted', /was accepted at .* and is accepted; it can no longer be declined/);
  });

  const afterDecline: [string, TaskCommand][] = [
    ['ReportIn', reportIn],
    ['AcceptTask', accept],
    ['DeclineTask', decline()],
    ['RecordAction', recordAction()],
    ['RecordOutcome', recordOutcome('unresolved')],
  ];
  it.each(afterDecline)('refuses %s after the decline', (_name, command) => {
    spec
      .given(assigned(), reportedIn(), declined())
      .when(command)
      .thenRefused('task.declined', /was declined at .* \("parking is the traffic police"\), so it cannot/);
  });

  it('ignores a stale Supersede after the decline', () => {
    spec.given(assigned(), reportedIn(), declined()).when({ type: 'Supersede', reason: 'raised to level 4', now: at(60) }).thenNothing();
  });
});

describe('RecordAction', () => {
  it('records an on-site persuasion (劝导)', () => {
    spec
      .given(...working)
      .when(recordAction({ note: ' asked the owner to move the car ' }))
      .then(action('a-1', 'persuasion', 30, { note: 'asked the owner to move the car' }));
  });

  it('records a rectification order (限期整改) with its deadline', () => {
    spec
      .given(...working)
      .when(recordAction({ actionId: 'a-order', kind: 'rectification_order', note: 'rectification_order on site', deadline: ORDER_DEADLINE, now: at(40) }))
      .then(order());
  });

  it('records a penalty (处罚) with its legal basis and amount', () => {
    spec
      .given(...working)
      .when(recordAction({ kind: 'penalty', note: 'fined', legalBasis: 'Dog Management Regulations art. 12', amount: 200 }))
      .then(action('a-1', 'penalty', 30, { note: 'fined', legalBasis: 'Dog Management Regulations art. 12', amount: 200 }));
  });

  it('ignores a redelivered action, even after the outcome', () => {
    spec.given(...working, action('a-1', 'persuasion', 30)).when(recordAction({ note: 'another note' })).thenNothing();
    spec.given(...done).when(recordAction()).thenNothing();
  });

  it.each([
    ['assigned', [assigned()]],
    ['reported in', [assigned(), reportedIn()]],
  ])('refuses a task that is %s and not accepted', (status, history) => {
    spec
      .given(...history)
      .when(recordAction())
      .thenRefused('task.not_accepted', new RegExp(`is ${status} and not accepted: accept it before you record an action`));
  });

  it('refuses a new action after the outcome', () => {
    spec
      .given(...done)
      .when(recordAction({ actionId: 'a-2' }))
      .thenRefused('task.outcome_recorded', /is done: its outcome \(persuasion_failed\) was recorded at .*, so you cannot record an action/);
  });

  it.each<[string, Partial<RecordAction>, RegExp]>([
    ['kind', { kind: 'arrest' as never }, /kind must be one of inspection, persuasion, warning, rectification_order, penalty, removal, not "arrest"/],
    ['note', { note: ' ' }, /note must not be empty/],
    ['actionId', { actionId: '' }, /actionId must not be empty/],
    ['deadline', { kind: 'rectification_order' }, /a rectification order \(限期整改\) needs a deadline/],
    ['deadline', { kind: 'rectification_order', deadline: 'next week' }, /needs a deadline as an ISO-8601 instant/],
    ['deadline', { kind: 'rectification_order', deadline: at(30) }, /the rectification deadline .* must be later than now/],
    ['deadline', { kind: 'warning', deadline: ORDER_DEADLINE }, /only a rectification order has a deadline, not a warning/],
    ['legalBasis', { kind: 'penalty', amount: 200 }, /the legal basis \(法律依据\) of a penalty must not be empty/],
    ['legalBasis', { kind: 'penalty', legalBasis: ' ', amount: 200 }, /legal basis .* must not be empty/],
    ['amount', { kind: 'penalty', legalBasis: 'art. 12' }, /a penalty needs an amount in yuan greater than 0, not undefined/],
    ['amount', { kind: 'penalty', legalBasis: 'art. 12', amount: 0 }, /greater than 0, not 0/],
    ['amount', { kind: 'penalty', legalBasis: 'art. 12', amount: Number.POSITIVE_INFINITY }, /greater than 0, not Infinity/],
    ['legalBasis', { kind: 'warning', legalBasis: 'art. 12' }, /only a penalty has a legal basis, not a warning/],
    ['amount', { kind: 'removal', amount: 50 }, /only a penalty has an amount, not a removal/],
  ])('rejects a bad %s in %j', (field, fields, reason) => {
    spec.given(...working).when(recordAction(fields)).thenInvalid(field, reason);
  });
});

describe('RecordOutcome', () => {
  it('records the outcome after an action and the task is done', () => {
    spec
      .given(...working, action('a-1', 'persuasion', 30))
      .when({ type: 'RecordOutcome', result: 'persuasion_failed', note: ' owner refuses ', now: at(90) })
      .then(outcome());
    expect(spec.given(...done).state()).toMatchObject({
      status: 'done',
      outcome: { result: 'persuasion_failed', note: 'owner refuses', recordedAt: at(90) },
    });
  });

  it('refuses an outcome before any action', () => {
    spec.given(...working).when(recordOutcome('resolved')).thenRefused('task.no_actions', /record the on-site actions before the outcome/);
  });

  it.each(['resolved', 'rectified', 'unresolved'])('refuses to close as %s while a rectification order is unchecked, naming it and its deadline', (result) => {
    spec
      .given(...working, order())
      .when(recordOutcome(result))
      .thenRefused(
        'task.rectification_unchecked',
        new RegExp(`cannot close as "${result}" while rectification order a-order \\(deadline ${ORDER_DEADLINE}\\) is unchecked`),
      );
  });

  it('refuses unresolved even after the check fell due unchecked: an inspection must still check the order', () => {
    const checkDue: TaskEvent = {
      type: 'enforcement.RectificationCheckDue.v1',
      data: { ...ids, actionId: 'a-order', deadline: ORDER_DEADLINE, dueAt: at(60 * 24 * 3 + 1) },
    };
    spec
      .given(...working, order(), checkDue)
      .when(recordOutcome('unresolved', 60 * 24 * 4))
      .thenRefused('task.rectification_unchecked', /rectification order a-order/);
  });

  it.each(['resolved', 'unresolved'])('does not count an inspection before the deadline as the check for %s', (result) => {
    spec
      .given(...working, order(), action('a-early', 'inspection', 60))
      .when(recordOutcome(result))
      .thenRefused('task.rectification_unchecked', /rectification order a-order/);
  });

  it('records unresolved when no rectification order was made', () => {
    spec
      .given(...working, action('a-1', 'inspection', 30))
      .when(recordOutcome('unresolved'))
      .then({ type: 'enforcement.OutcomeRecorded.v1', data: { ...ids, result: 'unresolved', note: 'checked on site', recordedAt: at(100) } });
  });

  it('names every unchecked order', () => {
    spec
      .given(...working, order('a-1'), order('a-2', at(60 * 24 * 5)), action('a-3', 'inspection', 60 * 24 * 4))
      .when(recordOutcome('rectified', 60 * 24 * 4))
      .thenRefused('task.rectification_unchecked', /order a-2 \(deadline .*\) is unchecked/);
  });

  it.each(['resolved', 'rectified', 'unresolved'] as const)('records %s once an inspection at the deadline checked the order', (result) => {
    spec
      .given(...working, order(), action('a-check', 'inspection', 60 * 24 * 3))
      .when(recordOutcome(result, 60 * 24 * 3 + 5))
      .then({ type: 'enforcement.OutcomeRecorded.v1', data: { ...ids, result, note: 'checked on site', recordedAt: at(60 * 24 * 3 + 5) } });
  });

  it('refuses rectified when nothing was ordered to be rectified', () => {
    spec
      .given(...working, action('a-1', 'inspection', 30))
      .when(recordOutcome('rectified'))
      .thenRefused('task.nothing_to_rectify', /has no rectification order \(限期整改\), so its outcome cannot be "rectified"/);
  });

  it.each(['persuasion_failed', 'needs_joint_action'] as const)('records %s without checking the orders: it escalates the case', (result) => {
    spec
      .given(...working, order())
      .when(recordOutcome(result))
      .then({ type: 'enforcement.OutcomeRecorded.v1', data: { ...ids, result, note: 'checked on site', recordedAt: at(100) } });
  });

  it('rejects an unknown result and a blank note', () => {
    spec.given(...working, action('a-1', 'inspection', 30)).when(recordOutcome('fixed')).thenInvalid('result', /result must be one of .*not "fixed"/);
    spec
      .given(...working, action('a-1', 'inspection', 30))
      .when({ type: 'RecordOutcome', result: 'resolved', note: '', now: at(100) })
      .thenInvalid('note', /note must not be empty/);
  });

  it('refuses a task that is not accepted, and a second outcome', () => {
    spec.given(assigned(), reportedIn()).when(recordOutcome('resolved')).thenRefused('task.not_accepted', /accept it before you record an outcome/);
    spec.given(...done).when(recordOutcome('resolved')).thenRefused('task.outcome_recorded', /is done: its outcome/);
  });
});

describe('Supersede', () => {
  const supersede: TaskCommand = { type: 'Supersede', reason: ' raised to level 3 ', now: at(50) };

  it.each([
    ['assigned', [assigned()]],
    ['reported_in', [assigned(), reportedIn()]],
    ['accepted', working],
  ])('supersedes a task that is %s', (status, history) => {
    spec.given(...history).when(supersede).then(superseded());
    expect(spec.given(...history, superseded()).state()).toMatchObject({
      status: 'superseded',
      supersededFrom: status,
      supersession: { reason: 'raised to level 3', supersededAt: at(50) },
    });
  });

  it.each([
    ['unassigned', []],
    ['done', done],
    ['declined', [assigned(), reportedIn(), declined()]],
    ['superseded', [assigned(), superseded()]],
  ])('ignores a task that is %s', (_status, history) => {
    spec.given(...history).when(supersede).thenNothing();
  });

  it('rejects a blank reason', () => {
    spec.given(assigned()).when({ type: 'Supersede', reason: '', now: at(50) }).thenInvalid('reason', /reason must not be empty/);
  });
});

describe('deadlines', () => {
  const deadlines = (...history: TaskEvent[]) => taskDecider.deadlines(spec.given(...history).state());
  const taskDue = { id: 'task_due', kind: 'task_due', dueAt: RESOLUTION_DUE };
  const orderCheck = { id: 'rectification:a-order', kind: 'rectification_check', dueAt: ORDER_DEADLINE };

  it('has none for a summoned task without orders', () => {
    expect(deadlines(...working)).toEqual([]);
  });

  it('wakes a resolution task at its deadline while it is open', () => {
    expect(deadlines(assignedLead())).toEqual([taskDue]);
    expect(deadlines(assignedLead(), reportedIn(), accepted())).toEqual([taskDue]);
  });

  it('wakes an accepted task at each rectification deadline', () => {
    expect(deadlines(assignedLead(), reportedIn(), accepted(), order())).toEqual([orderCheck, taskDue]);
  });

  it('drops an order once an inspection at or after its deadline checked it', () => {
    const history = [...working, order(), action('a-check', 'inspection', 60 * 24 * 3 + 1)];
    expect(deadlines(...history)).toEqual([]);
    expect(spec.given(...history).state()).toMatchObject({
      actions: [
        { actionId: 'a-order', rectification: { checked: true, checkedBy: 'a-check', checkDueAt: null } },
        { actionId: 'a-check', kind: 'inspection' },
      ],
    });
  });

  it('has none once the task is done or superseded', () => {
    expect(deadlines(assignedLead(), reportedIn(), accepted(), order(), outcome())).toEqual([]);
    expect(deadlines(assignedLead(), superseded())).toEqual([]);
  });

  it('schedules the check when the order is recorded, through the workflow step', () => {
    const state = spec.given(...working).state();
    const { outputs } = runWorkflow(
      taskDecider,
      recordAction({ actionId: 'a-order', kind: 'rectification_order', note: 'rectification_order on site', deadline: ORDER_DEADLINE, now: at(40) }),
      state,
    );
    expect(outputs).toEqual([{ kind: 'record', event: order() }, { kind: 'schedule', deadline: orderCheck }]);
  });
});

describe('DeadlineReached', () => {
  const due = (deadlineId: string, now: string): TaskCommand => ({ type: 'DeadlineReached', deadlineId, now });
  const overdue: TaskEvent = {
    type: 'enforcement.TaskOverdue.v1',
    data: { ...leadIds, dueAt: RESOLUTION_DUE, overdueAt: RESOLUTION_DUE },
  };

  it('marks an open resolution task overdue at its deadline', () => {
    spec.given(assignedLead(), reportedIn()).when(due('task_due', RESOLUTION_DUE)).then(overdue);
    expect(spec.given(assignedLead(), overdue).state()).toMatchObject({ status: 'assigned', overdueAt: RESOLUTION_DUE });
    expect(taskDecider.deadlines(spec.given(assignedLead(), overdue).state())).toEqual([]);
  });

  it('records the check due when a rectification deadline passes unchecked', () => {
    const checkDue: TaskEvent = {
      type: 'enforcement.RectificationCheckDue.v1',
      data: { ...ids, actionId: 'a-order', deadline: ORDER_DEADLINE, dueAt: at(60 * 24 * 3 + 1) },
    };
    spec.given(...working, order()).when(due('rectification:a-order', at(60 * 24 * 3 + 1))).then(checkDue);
    const state = spec.given(...working, order(), checkDue).state();
    expect(state).toMatchObject({ actions: [{ actionId: 'a-order', rectification: { checked: false, checkDueAt: at(60 * 24 * 3 + 1) } }] });
    expect(taskDecider.deadlines(state)).toEqual([]);
  });

  it.each<[string, TaskEvent[], TaskCommand]>([
    ['early', [assignedLead()], due('task_due', at(60))],
    ['already overdue', [assignedLead(), overdue], due('task_due', at(60 * 24 * 31))],
    ['for a done task', [assignedLead(), reportedIn(), accepted(), action('a-1', 'persuasion', 30), outcome()], due('task_due', RESOLUTION_DUE)],
    ['for a task without a due date', working, due('task_due', RESOLUTION_DUE)],
    ['for an order already checked', [...working, order(), action('a-check', 'inspection', 60 * 24 * 3)], due('rectification:a-order', at(60 * 24 * 3))],
    ['for an unknown order', [...working, order()], due('rectification:a-other', at(60 * 24 * 3))],
    ['for an order before its deadline', [...working, order()], due('rectification:a-order', at(60))],
    ['for an unassigned task', [], due('task_due', RESOLUTION_DUE)],
  ])('ignores a timeout that is %s', (_why, history, command) => {
    spec.given(...history).when(command).thenNothing();
  });
});
