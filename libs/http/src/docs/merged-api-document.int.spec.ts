import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpenAPIObject } from '@nestjs/swagger';
import { mergedApiDocument } from './merged-api-document';

const documentOf = (paths: Record<string, string[]>, schemas: string[], tag: string): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 'API', version: '1', description: 'the API' },
  paths: Object.fromEntries(
    Object.entries(paths).map(([path, methods]) => [path, Object.fromEntries(methods.map((m) => [m, { responses: { '200': { description: `${tag} ${m} ${path}` } } }]))]),
  ),
  components: { schemas: Object.fromEntries(schemas.map((name) => [name, { type: 'object', description: `${tag} ${name}` }])) },
  tags: [{ name: tag }],
});

/** A service's base URL answering /api/docs-json with `document` while `up` says so. */
async function serviceServing(document: OpenAPIObject): Promise<{ url: string; up: boolean; server: Server }> {
  const service = { url: '', up: true, server: createServer() };
  service.server.on('request', (request, response) => {
    if (!service.up) response.writeHead(503).end();
    else if (request.url !== '/api/docs-json') response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
  });
  await new Promise<void>((resolve) => service.server.listen(0, '127.0.0.1', resolve));
  service.url = `http://127.0.0.1:${(service.server.address() as AddressInfo).port}`;
  return service;
}

const silent = { warn: () => undefined };
const operations = (document: OpenAPIObject) => Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)).sort();

describe('the document merged from the services', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it('holds every path, operation, component and tag of each service, the serving one’s own kept where two have the same', async () => {
    const query = documentOf({ '/api/query/cases': ['get'], '/api/health': ['get'], '/api/adjudication/meetings': ['get'] }, ['ErrorBody', 'CaseView'], 'query');
    const intake = await serviceServing(documentOf({ '/api/intake/cases': ['post'], '/api/health': ['get'] }, ['ErrorBody', 'ReportCaseRequest'], 'intake'));
    const adjudication = await serviceServing(documentOf({ '/api/adjudication/meetings': ['post'] }, ['ScheduleMeetingRequest'], 'adjudication'));
    servers.push(intake.server, adjudication.server);

    const merged = await mergedApiDocument([intake.url, adjudication.url], silent)(query);

    expect(operations(merged)).toEqual(['GET /api/adjudication/meetings', 'GET /api/health', 'GET /api/query/cases', 'POST /api/adjudication/meetings', 'POST /api/intake/cases']);
    expect(merged.paths['/api/health']?.get?.responses['200']).toEqual({ description: 'query get /api/health' });
    expect(Object.keys(merged.components?.schemas ?? {}).sort()).toEqual(['CaseView', 'ErrorBody', 'ReportCaseRequest', 'ScheduleMeetingRequest']);
    expect(merged.components?.schemas?.['ErrorBody']).toEqual({ type: 'object', description: 'query ErrorBody' });
    expect(merged.tags?.map((t) => t.name)).toEqual(['query', 'intake', 'adjudication']);
    expect(merged.info.description).toBe('the API');
    expect(operations(query)).toEqual(['GET /api/adjudication/meetings', 'GET /api/health', 'GET /api/query/cases']);
  });

  it('names a service that never answered, and merges one that stopped answering from its last document', async () => {
    const query = documentOf({ '/api/query/cases': ['get'] }, [], 'query');
    const audit = await serviceServing(documentOf({ '/api/audit/verify': ['post'] }, [], 'audit'));
    const intake = await serviceServing(documentOf({ '/api/intake/cases': ['post'] }, [], 'intake'));
    servers.push(audit.server, intake.server);
    intake.up = false;
    const merge = mergedApiDocument([audit.url, intake.url], silent);

    const first = await merge(query);
    expect(operations(first)).toEqual(['GET /api/query/cases', 'POST /api/audit/verify']);
    expect(first.info.description).toContain(`Not merged (no answer yet): ${intake.url}`);

    intake.up = true;
    audit.up = false;
    const second = await merge(query);
    expect(operations(second)).toEqual(['GET /api/query/cases', 'POST /api/audit/verify', 'POST /api/intake/cases']);
    expect(second.info.description).toBe('the API');
  });
});
