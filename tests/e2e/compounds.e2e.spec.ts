import { ApiClient, roles } from './support/api-client';
import { systemSuite } from './support/system-suite';

/**
 * Compound profiles and liaison (小区档案, 联系小区, issue 12 item 5) through the public API on the
 * system `npm start` runs: the profile recorded and corrected with If-Match, the three withouts
 * derived from it and the firm register, liaisons assigned and ended, the ledger kept by the office
 * and by a department, corrected by new entries; who may do what, and the 404 and 400 answers.
 */
jest.setTimeout(180_000);

const suite = systemSuite();
const C = 'compound-wutong-2';
const PROFILE = {
  ownersCommittee: { present: false },
  partyBranch: { present: false },
  handover: { status: 'handed_over', date: '2015-05-01' },
  grids: [{ name: '一网格', workers: ['赵敏'] }],
  partyMembers: 12,
  households: 430,
  reason: '年度小区档案普查',
};
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('compound profiles and liaison through the public API', () => {
  let office: ApiClient;
  let north: ApiClient;
  let central: ApiClient;
  let chengguan: ApiClient;
  let jiaojing: ApiClient;

  beforeAll(() => {
    const base = suite.system().baseUrl;
    office = suite.steps().office;
    north = suite.steps().station;
    central = new ApiClient(base, roles.station('station-central'));
    chengguan = new ApiClient(base, roles.unit('unit-chengguan'));
    jiaojing = new ApiClient(base, roles.unit('unit-jiaojing'));
  });

  it('records a profile with If-Match; a compound with no firm, committee or branch is a three-withouts one, derived', async () => {
    const before = await north.get(`/api/supervision/compounds/${C}/profile`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ compoundId: C, revision: -1, profile: null, firm: null, threeWithouts: { missing: ['property_firm'], all: false, known: false } });

    expect((await north.request('PUT', `/api/supervision/compounds/${C}/profile`, PROFILE)).status).toBe(403);
    const put = await office.request<{ revision: number; events: string[] }>('PUT', `/api/supervision/compounds/${C}/profile`, PROFILE);
    expect(put).toMatchObject({ status: 200, body: { revision: 0, events: ['supervision.CompoundProfileRecorded.v1'] } });
    const stale = await office.request('PUT', `/api/supervision/compounds/${C}/profile`, { ...PROFILE, households: 431 }, { 'if-match': '7' });
    expect(stale.status).toBe(412);

    const read = await north.get(`/api/supervision/compounds/${C}/profile`);
    expect(read.body).toMatchObject({
      revision: 0,
      profile: { households: 430, handover: { status: 'handed_over', date: '2015-05-01' }, grids: [{ name: '一网格', workers: ['赵敏'] }], reason: '年度小区档案普查' },
      threeWithouts: { missing: ['property_firm', 'owners_committee', 'party_branch'], all: true, known: true },
    });
    const three = await office.get<{ compoundId: string }[]>('/api/supervision/compounds?threeWithout=true');
    expect(three.body.map((c) => c.compoundId)).toEqual([C]);

    // A party branch founded: the compound is no longer a three-withouts one, and the change keeps its reason.
    const branch = await office.request('PUT', `/api/supervision/compounds/${C}/profile`, { ...PROFILE, partyBranch: { present: true, secretary: '刘书记' }, reason: '成立小区党支部' }, { 'if-match': '0' });
    expect(branch).toMatchObject({ status: 200, body: { revision: 1 } });
    const after = await office.get(`/api/supervision/compounds/${C}/profile`);
    expect(after.body).toMatchObject({ threeWithouts: { missing: ['property_firm', 'owners_committee'], all: false }, profileChanges: [{ reason: '年度小区档案普查' }, { reason: '成立小区党支部' }] });
    expect((await office.get('/api/supervision/compounds?threeWithout=true')).body).toEqual([]);
  });

  it('reads the firm from the firm register', async () => {
    const firm = await office.post('/api/supervision/firms', { name: '梧桐物业服务有限公司', creditCode: '91310115MA1K4CMP01', contact: { name: '李经理', phone: '13812345678' }, compoundIds: [C] });
    expect(firm.status).toBe(201);
    const read = await office.get(`/api/supervision/compounds/${C}/profile`);
    expect(read.body).toMatchObject({ firm: { firmId: firm.body.id, name: '梧桐物业服务有限公司' }, threeWithouts: { missing: ['owners_committee'] } });
  });

  it('a station reads only its own communities’ compounds', async () => {
    expect((await central.get(`/api/supervision/compounds/${C}/profile`)).status).toBe(403);
    expect((await central.get(`/api/supervision/compounds/${C}/ledger`)).status).toBe(403);
    const own = await central.get<{ compoundId: string; station: { id: string } }[]>('/api/supervision/compounds');
    expect(own.body.length).toBeGreaterThan(0);
    expect(own.body.every((c) => c.station.id === 'station-central')).toBe(true);
  });

  it('assigns liaisons, keeps their ledger, corrects an entry by a new one, and ends an assignment', async () => {
    const leader = await office.post(`/api/supervision/compounds/${C}/liaisons`, { liaison: { kind: 'leader', name: '王明', post: '副县长' }, reason: '县委联系小区分工' });
    expect(leader).toMatchObject({ status: 201, body: { events: ['supervision.CompoundLiaisonAssigned.v1'] } });
    const department = await office.post(`/api/supervision/compounds/${C}/liaisons`, { liaison: { kind: 'department', unitId: 'unit-chengguan' }, reason: '县直单位联系小区' });
    expect(department.status).toBe(201);
    const twice = await office.post(`/api/supervision/compounds/${C}/liaisons`, { liaison: { kind: 'leader', name: '王明', post: '副县长' }, reason: 'again' });
    expect(twice).toMatchObject({ status: 409, body: { details: [{ code: 'compound.liaison_assigned' }] } });

    // The office records for the leader, who has no sign-in; the department records its own.
    const visit = await office.post(`/api/supervision/compounds/${C}/ledger`, { liaisonId: leader.body.id, kind: 'visit', date: today, found: '消防通道被占用', done: '约谈物业', followUp: '一周后复查' });
    expect(visit.status).toBe(201);
    const help = await chengguan.post(`/api/supervision/compounds/${C}/ledger`, { liaisonId: department.body.id, kind: 'help', date: today, found: '垃圾清运不及时', done: '协调环卫增加班次' });
    expect(help.status).toBe(201);
    expect((await jiaojing.post(`/api/supervision/compounds/${C}/ledger`, { liaisonId: department.body.id, kind: 'help', date: today, found: 'x', done: 'y' })).status).toBe(403);
    expect((await chengguan.post(`/api/supervision/compounds/${C}/ledger`, { liaisonId: leader.body.id, kind: 'visit', date: today, found: 'x', done: 'y' })).status).toBe(403);
    expect((await north.post(`/api/supervision/compounds/${C}/ledger`, { liaisonId: leader.body.id, kind: 'visit', date: today, found: 'x', done: 'y' })).status).toBe(403);

    const correction = await office.post(`/api/supervision/compounds/${C}/ledger`, { liaisonId: leader.body.id, kind: 'visit', date: '2026-11-20', found: '消防通道被占用', done: '约谈物业', corrects: { entryId: visit.body.id, reason: '日期记错' } });
    expect(correction.status).toBe(201);
    const again = await office.post(`/api/supervision/compounds/${C}/ledger`, { liaisonId: leader.body.id, kind: 'visit', date: today, found: 'x', done: 'y', corrects: { entryId: visit.body.id, reason: 'again' } });
    expect(again).toMatchObject({ status: 409, body: { details: [{ code: 'compound.entry_superseded' }] } });

    // A department corrects only its own entries: naming its own liaison does not let it supersede the leader's.
    const takeover = await chengguan.post(`/api/supervision/compounds/${C}/ledger`, { liaisonId: department.body.id, kind: 'visit', date: today, found: 'x', done: 'y', corrects: { entryId: correction.body.id, reason: '改写' } });
    expect(takeover).toMatchObject({ status: 409, body: { details: [{ code: 'compound.entry_of_another_liaison' }] } });
    const byOffice = await office.post(`/api/supervision/compounds/${C}/ledger`, { liaisonId: department.body.id, kind: 'visit', date: today, found: 'x', done: 'y', corrects: { entryId: correction.body.id, reason: '改写' } });
    expect(byOffice).toMatchObject({ status: 409, body: { details: [{ code: 'compound.entry_of_another_liaison' }] } });

    // Unknown ids in the body are bad fields, named.
    const noLiaison = { liaisonId: 'liaison-nowhere', kind: 'visit', date: today, found: 'x', done: 'y' };
    for (const client of [office, chengguan]) {
      expect(await client.post(`/api/supervision/compounds/${C}/ledger`, noLiaison)).toMatchObject({ status: 400, body: { details: [{ field: 'liaisonId' }] } });
    }
    const noEntry = await office.post(`/api/supervision/compounds/${C}/ledger`, { liaisonId: leader.body.id, kind: 'visit', date: today, found: 'x', done: 'y', corrects: { entryId: 'entry-nowhere', reason: 'x' } });
    expect(noEntry).toMatchObject({ status: 400, body: { details: [{ field: 'corrects.entryId' }] } });

    const ledger = await north.get(`/api/supervision/compounds/${C}/ledger`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.entries.map((e: { entryId: string }) => e.entryId).sort()).toEqual([help.body.id, correction.body.id].sort());
    expect(ledger.body.corrected).toMatchObject([{ entryId: visit.body.id, supersededBy: correction.body.id }]);

    // An unknown liaison in the path is a 404 naming it.
    const unknownEnd = await office.post(`/api/supervision/compounds/${C}/liaisons/liaison-nowhere/end`, { reason: '工作调整' });
    expect(unknownEnd).toMatchObject({ status: 404, body: { details: [{ resource: 'liaison', id: 'liaison-nowhere' }] } });

    const ended = await office.post(`/api/supervision/compounds/${C}/liaisons/${department.body.id}/end`, { reason: '工作调整' });
    expect(ended).toMatchObject({ status: 200, body: { events: ['supervision.CompoundLiaisonEnded.v1'] } });
    expect((await chengguan.post(`/api/supervision/compounds/${C}/ledger`, { liaisonId: department.body.id, kind: 'help', date: today, found: 'x', done: 'y' })).status).toBe(403);
    const profile = await chengguan.get(`/api/supervision/compounds/${C}/profile`);
    expect(profile.body.liaisons).toMatchObject([{ liaisonId: leader.body.id, liaison: { kind: 'leader', name: '王明' } }]);
    expect(profile.body.endedLiaisons).toMatchObject([{ liaisonId: department.body.id, liaison: { unitId: 'unit-chengguan', unitName: { zh: expect.any(String) } }, ended: { reason: '工作调整' } }]);
  });

  it('answers 404 naming an unknown compound and 400 naming a bad field', async () => {
    const unknown = await office.get('/api/supervision/compounds/compound-nowhere/profile');
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain('compound-nowhere');
    expect((await office.post('/api/supervision/compounds/compound-nowhere/liaisons', { liaison: { kind: 'leader', name: '王', post: '县长' }, reason: 'x' })).status).toBe(404);

    const cases: [unknown, string][] = [
      [{ ...PROFILE, households: -1 }, 'households'],
      [{ ...PROFILE, handover: { status: 'handed_over' } }, 'handover.date'],
      [{ ...PROFILE, handover: { status: 'handed_over', date: '2099-01-01' } }, 'handover.date'],
      [{ ...PROFILE, ownersCommittee: { present: true, termFrom: '2025-01-01', termTo: '2024-01-01' } }, 'ownersCommittee.termTo'],
      [{ ...PROFILE, partyBranch: { present: true } }, 'partyBranch.secretary'],
      [{ ...PROFILE, reason: undefined }, 'reason'],
    ];
    for (const [body, field] of cases) {
      const refused = await office.request<{ details: { field: string }[] }>('PUT', `/api/supervision/compounds/${C}/profile`, body);
      expect({ field, status: refused.status }).toEqual({ field, status: 400 });
      expect(refused.body.details.map((d) => d.field)).toContain(field);
    }
    const badUnit = await office.post<{ details: { field: string }[] }>(`/api/supervision/compounds/${C}/liaisons`, { liaison: { kind: 'department', unitId: 'unit-nowhere' }, reason: 'x' });
    expect(badUnit.status).toBe(400);
    expect(badUnit.body.details.map((d) => d.field)).toContain('liaison.unitId');
    expect((await office.get('/api/supervision/compounds?threeWithout=maybe')).status).toBe(400);
  });
});
