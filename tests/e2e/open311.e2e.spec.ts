import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { XMLParser } from 'fast-xml-parser';
import { apiKeyHash } from '@whistle/open311';
import { SystemProcess } from './support/system-process';
import { ApiClient, eventually, roles } from './support/api-client';

/**
 * Open311 (GeoReport v2) on the system `npm start` starts: the specification's own requests and
 * answers, in JSON and XML, the refusals in its error format, and the filed case in the product's API.
 */
jest.setTimeout(180_000);

const API_KEY = 'hotline-12345-test-key-0123456789abcdef';
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute', 'value'].includes(name) });

let dir: string;
let system: SystemProcess;
let office: ApiClient;
let auditor: ApiClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'open311-clients-'));
  const clients = join(dir, 'clients.json');
  writeFileSync(clients, JSON.stringify([{ id: 'hotline-12345', name: '12345 市民服务热线', apiKeySha256: apiKeyHash(API_KEY) }]));
  system = await SystemProcess.start({ env: { OPEN311_CLIENTS_FILE: clients } });
  office = new ApiClient(system.baseUrl, roles.office());
  auditor = new ApiClient(system.baseUrl, roles.auditor());
});

afterAll(async () => {
  await system?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  readonly status: number;
  readonly type: string | null;
  readonly text: string;
  readonly replayed?: string | null;
}

async function call(method: 'GET' | 'POST', path: string, body?: { form: Record<string, string> } | { json: unknown }, headers: Record<string, string> = {}): Promise<Answer> {
  const init: RequestInit = { method };
  if (body && 'form' in body) init.body = new URLSearchParams(body.form).toString();
  if (body && 'form' in body) init.headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (body && 'json' in body) init.body = JSON.stringify(body.json);
  if (body && 'json' in body) init.headers = { 'content-type': 'application/json' };
  init.headers = { ...(init.headers as Record<string, string> | undefined), ...headers };
  const response = await fetch(`${system.baseUrl}${path}`, init);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text(), replayed: response.headers.get('idempotent-replayed') };
}

const json = (answer: Answer): any => JSON.parse(answer.text);

/** The specification's example POST (a form), with this town's service code and the compound attribute. */
const specExample = (overrides: Record<string, string> = {}): Record<string, string> => ({
  api_key: API_KEY,
  jurisdiction_id: 'city.gov',
  service_code: 'fire_lane_blocked',
  lat: '37.76524078',
  long: '-122.4212043',
  address_string: '1234 5th street',
  email: 'smit333@sfgov.edu',
  device_id: 'tt222111',
  account_id: '123456',
  first_name: 'john',
  last_name: 'smith',
  phone: '111111111',
  description: 'A large sinkhole is destroying the street',
  media_url: 'http://chicagoworks.org/static/images/sinkhole.jpg',
  'attribute[compound]': 'compound-xinghua-1',
  ...overrides,
});

describe('GET services', () => {
  it('lists the catalogue’s categories as services, in JSON', async () => {
    const answer = await call('GET', '/open311/v2/services.json');
    expect(answer).toMatchObject({ status: 200, type: expect.stringContaining('application/json') });
    expect(json(answer)).toContainEqual({
      service_code: 'fire_lane_blocked',
      service_name: expect.stringMatching(/消防通道/),
      description: expect.stringContaining('成员单位'),
      metadata: true,
      type: 'realtime',
      keywords: expect.stringContaining('fire_lane_blocked'),
      group: expect.stringContaining('应急哨'),
    });
  });

  it('and in XML as the specification writes it: <services><service>…', async () => {
    const answer = await call('GET', '/open311/v2/services.xml');
    expect(answer).toMatchObject({ status: 200, type: expect.stringContaining('text/xml') });
    expect(answer.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const services = xml.parse(answer.text).services.service as Record<string, string>[];
    expect(services).toContainEqual(expect.objectContaining({ service_code: 'fire_lane_blocked', metadata: 'true', type: 'realtime' }));
    expect(services.length).toBe(json(await call('GET', '/open311/v2/services.json')).length);
  });

  it('defines a service by the compound it asks for, one of the catalogue’s', async () => {
    const definition = json(await call('GET', '/open311/v2/services/fire_lane_blocked.json'));
    expect(definition).toMatchObject({ service_code: 'fire_lane_blocked', attributes: [{ variable: true, code: 'compound', datatype: 'singlevaluelist', required: true, order: 1 }] });
    expect(definition.attributes[0].values).toContainEqual({ key: 'compound-xinghua-1', name: expect.any(String) });
    const asXml = xml.parse((await call('GET', '/open311/v2/services/fire_lane_blocked.xml')).text);
    expect(asXml.service_definition.attributes.attribute[0]).toMatchObject({ code: 'compound', required: 'true' });
    expect(asXml.service_definition.attributes.attribute[0].values.value).toContainEqual({ key: 'compound-xinghua-1', name: expect.any(String) });
  });

  it('leaves a path under /open311/ that no route takes to the API’s 404, never the console’s page', async () => {
    for (const path of ['/open311/v2/services', '/open311/v2/tokens/abc']) {
      const answer = await call('GET', path);
      expect({ path, status: answer.status, type: answer.type }).toEqual({ path, status: 404, type: expect.stringContaining('application/json') });
    }
    // An extension other than json or xml reaches the route, which names it.
    const other = await call('GET', '/open311/v2/services.json-ld');
    expect(other.status).toBe(400);
    expect(json(other)).toEqual([{ code: 400, description: expect.stringContaining('format must be json or xml') }]);
  });

  it('answers an unknown service 404 in the specification’s error format, in either format', async () => {
    const answer = await call('GET', '/open311/v2/services/no_such_thing.json');
    expect(answer.status).toBe(404);
    expect(json(answer)).toEqual([{ code: 404, description: expect.stringContaining('no_such_thing') }]);
    const asXml = await call('GET', '/open311/v2/services/no_such_thing.xml');
    expect(asXml.status).toBe(404);
    expect(xml.parse(asXml.text).errors.error).toEqual([{ code: '404', description: expect.stringContaining('no_such_thing') }]);
  });
});

describe('POST requests', () => {
  it('files the specification’s example form as a case, and answers its id as the specification does', async () => {
    const answer = await call('POST', '/open311/v2/requests.json', { form: specExample() });
    expect(answer.status).toBe(201);
    const [filed] = json(answer);
    expect(json(answer)).toEqual([{ service_request_id: expect.any(String), service_notice: expect.stringContaining('已受理'), account_id: null }]);

    // The product's own API knows the case: its category, compound, channel and location, filed by the client.
    const seen = await eventually(async () => {
      const read = await office.get(`/api/query/cases/${filed.service_request_id}`);
      if (read.status !== 200 || read.body.status !== 'triaged') throw new Error(`case ${read.status} ${read.body.status}`);
      return read.body;
    });
    expect(seen).toMatchObject({ category: 'fire_lane_blocked', compoundId: 'compound-xinghua-1', channel: 'hotline_12345', location: '1234 5th street' });
    expect(seen.description).toContain('A large sinkhole is destroying the street');
    expect(seen.description).toContain('http://chicagoworks.org/static/images/sinkhole.jpg');
    const history = await auditor.get(`/api/audit/cases/${filed.service_request_id}/history`);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain('open311:hotline-12345');

    // Its reporter is sealed as intake keeps personal data: the office, allowed to, reads it.
    const reporter = await office.post(`/api/intake/cases/${filed.service_request_id}/reporter/disclosures`, { reason: '回访核实' });
    expect(reporter.status).toBe(200);
    expect(reporter.body.reporter).toEqual({ name: 'smithjohn', phone: '111111111' });
  });

  it('answers in XML for requests.xml, and takes JSON as well as a form', async () => {
    const asXml = await call('POST', '/open311/v2/requests.xml', { form: specExample({ description: '2号楼楼道堆放杂物' }) });
    expect(asXml).toMatchObject({ status: 201, type: expect.stringContaining('text/xml') });
    const [request] = xml.parse(asXml.text).service_requests.request;
    expect(request).toMatchObject({ service_request_id: expect.any(String), service_notice: expect.any(String) });
    // The specification's empty element: this system keeps no accounts.
    expect(asXml.text).toContain('<account_id/>');

    const body = { api_key: API_KEY, service_code: 'fire_lane_blocked', description: '消防通道被占', attribute: { compound: 'compound-xinghua-1' } };
    const asJson = await call('POST', '/open311/v2/requests.json', { json: body });
    expect(asJson.status).toBe(201);
    expect(json(asJson)[0].service_request_id).toEqual(expect.any(String));
  });

  it('refuses a wrong api_key (403) and a missing one (400), in the specification’s format', async () => {
    const wrong = await call('POST', '/open311/v2/requests.json', { form: specExample({ api_key: 'not-a-key' }) });
    expect(wrong.status).toBe(403);
    expect(json(wrong)).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    const wrongXml = await call('POST', '/open311/v2/requests.xml', { form: specExample({ api_key: 'not-a-key' }) });
    expect(wrongXml.status).toBe(403);
    expect(xml.parse(wrongXml.text).errors.error[0]).toMatchObject({ code: '403' });
    const { api_key: _key, ...keyless } = specExample();
    const missing = await call('POST', '/open311/v2/requests.json', { form: keyless });
    expect(missing.status).toBe(400);
    expect(json(missing)).toEqual([{ code: 400, description: expect.stringContaining('api_key') }]);
  });

  it('names every missing or bad field, each its own error', async () => {
    const answer = await call('POST', '/open311/v2/requests.json', { form: { api_key: API_KEY, lat: 'north', phone: 'call me' } });
    expect(answer.status).toBe(400);
    const descriptions = (json(answer) as { code: number; description: string }[]).map((e) => e.description).join('\n');
    for (const field of ['service_code', 'description', 'attribute[compound]', 'lat', 'phone']) expect(descriptions).toContain(field);
    expect(json(answer).every((e: { code: number }) => e.code === 400)).toBe(true);
  });

  it('files a form sent again with its Idempotency-Key once, and refuses the key with another form', async () => {
    const form = specExample({ service_code: 'late_night_noise', 'attribute[compound]': 'compound-wanghu-1', description: '夜间装修噪音' });
    const first = await call('POST', '/open311/v2/requests.xml', { form }, { 'idempotency-key': 'open311-retry-1' });
    const again = await call('POST', '/open311/v2/requests.xml', { form }, { 'idempotency-key': 'open311-retry-1' });
    expect(first.status).toBe(201);
    expect(again).toEqual({ ...first, replayed: 'true' });
    const other = await call('POST', '/open311/v2/requests.json', { form: { ...form, description: '另一件事' } }, { 'idempotency-key': 'open311-retry-1' });
    expect(other.status).toBe(422);
    expect(json(other)).toEqual([{ code: 422, description: expect.stringContaining('open311-retry-1') }]);
  });

  // The form is read before the api_key guard: were `__proto__[description]` written into Object.prototype, every later form would seem to carry a description.
  it('refuses a form naming __proto__, constructor or prototype, keyless, and later forms still lack what they lack', async () => {
    for (const [name, field] of [
      ['__proto__[description]', '__proto__'],
      ['constructor[description]', 'constructor'],
      ['attribute[__proto__]', 'attribute[__proto__]'],
    ] as const) {
      const answer = await call('POST', '/open311/v2/requests.json', { form: { [name]: 'polluted' } });
      expect({ name, status: answer.status, body: json(answer) }).toEqual({ name, status: 400, body: [{ code: 400, description: expect.stringContaining(field) }] });
    }
    const { description: _description, ...undescribed } = specExample();
    const later = await call('POST', '/open311/v2/requests.json', { form: undescribed });
    expect(later.status).toBe(400);
    expect(json(later)).toContainEqual({ code: 400, description: 'description should not be empty' });
    expect(json(later).every((e: { description: string }) => e.description.includes('description'))).toBe(true);
  });

  it('refuses a service or compound the catalogue lacks, naming the field', async () => {
    const answer = await call('POST', '/open311/v2/requests.json', { form: specExample({ service_code: 'potholes', 'attribute[compound]': 'compound-atlantis' }) });
    expect(answer.status).toBe(400);
    const descriptions = json(answer).map((e: { description: string }) => e.description);
    expect(descriptions).toEqual([expect.stringContaining('service_code potholes'), expect.stringContaining('attribute[compound] compound-atlantis')]);
  });
});

describe('GET requests', () => {
  let id: string;
  beforeAll(async () => {
    // Another compound and category: a report like the ones above would be linked to them as a duplicate.
    const form = specExample({ service_code: 'flying_wire_charging', 'attribute[compound]': 'compound-wutong-1', description: '5号楼飞线充电', address_string: '5号楼东侧' });
    id = json(await call('POST', '/open311/v2/requests.json', { form }))[0].service_request_id;
    await eventually(async () => {
      const read = await office.get(`/api/query/cases/${id}`);
      if (read.body.status !== 'triaged') throw new Error(`case ${read.status} ${read.body.status}`);
    });
  });

  it('follows one request: open while the station handles it, and nothing of its reporter', async () => {
    const answer = await call('GET', `/open311/v2/requests/${id}.json`);
    expect(answer.status).toBe(200);
    const [request] = json(answer);
    expect(request).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: expect.stringContaining('待吹哨'),
      service_code: 'flying_wire_charging',
      service_name: expect.any(String),
      agency_responsible: expect.stringContaining('工作站'),
      requested_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      updated_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    // The reporter's own text and the location may name people: the public reads carry neither.
    expect(request).not.toHaveProperty('description');
    expect(request).not.toHaveProperty('address');
    for (const personal of ['smith', 'john', '111111111', 'smit333', '5号楼飞线充电', '5号楼东侧']) expect(answer.text).not.toContain(personal);
    const xmlAnswer = await call('GET', `/open311/v2/requests/${id}.xml`);
    const asXml = xml.parse(xmlAnswer.text);
    expect(asXml.service_requests.request[0]).toMatchObject({ service_request_id: id, status: 'open' });
    expect(asXml.service_requests.request[0]).not.toHaveProperty('description');
    expect(asXml.service_requests.request[0]).not.toHaveProperty('address');
    const listed = await call('GET', `/open311/v2/requests.json?service_request_id=${id}`);
    for (const text of ['5号楼飞线充电', '5号楼东侧']) expect(listed.text).not.toContain(text);
  });

  it('shows the whistle’s units as the agency responsible and its report-in deadline as expected', async () => {
    const station = new ApiClient(system.baseUrl, roles.station('station-north'));
    expect((await station.post(`/api/escalation/cases/${id}/whistle`, { level: 2 })).status).toBe(200);
    const request = await eventually(async () => {
      const [found] = json(await call('GET', `/open311/v2/requests/${id}.json`));
      if (found.expected_datetime === null) throw new Error('no deadline yet');
      return found;
    });
    expect(request.agency_responsible).toMatch(/消防/);
    expect(Date.parse(request.expected_datetime)).toBeGreaterThan(Date.parse(request.requested_datetime));
  });

  it('lists requests by id, service and status, in the last 90 days', async () => {
    const byId = json(await call('GET', `/open311/v2/requests.json?service_request_id=${id},unknown-id`));
    expect(byId.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([id]);
    const open = json(await call('GET', '/open311/v2/requests.json?service_code=fire_lane_blocked,flying_wire_charging&status=open'));
    expect(open.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    const closed = json(await call('GET', '/open311/v2/requests.json?status=closed'));
    expect(closed.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
    const older = json(await call('GET', '/open311/v2/requests.json?end_date=2020-01-01T00:00:00Z'));
    expect(older).toEqual([]);
    const asXml = xml.parse((await call('GET', '/open311/v2/requests.xml?status=open')).text);
    expect(asXml.service_requests.request.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
  });

  it('refuses a window longer than 90 days and a status the specification lacks, naming the parameter', async () => {
    const long = await call('GET', '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z');
    expect(long.status).toBe(400);
    expect(json(long)).toEqual([{ code: 400, description: expect.stringContaining('90 days') }]);
    const status = await call('GET', '/open311/v2/requests.xml?status=pending');
    expect(status.status).toBe(400);
    expect(xml.parse(status.text).errors.error[0].description).toContain('status');
  });

  it('answers an unknown request 404', async () => {
    const answer = await call('GET', '/open311/v2/requests/no-such-case.json');
    expect(answer.status).toBe(404);
    expect(json(answer)).toEqual([{ code: 404, description: expect.stringContaining('no-such-case') }]);
  });
});
