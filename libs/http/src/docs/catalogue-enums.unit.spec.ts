import type { OpenAPIObject } from '@nestjs/swagger';
import { type CatalogueIds, unknownCatalogueIds } from '../validation/catalogue-ids';
import { declareCatalogueEnums } from './catalogue-enums';

// A catalogue of no real town: the enums and the refusals come from the ids handed over, not the bundled pilot's.
const IDS: CatalogueIds = { compounds: ['k1', 'k2'], categories: ['cat'], units: ['u1', 'u2', 'u3'], stations: ['s1'], communities: ['m1'] };

function documentOf(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/meetings': {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Meeting' } } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/View' } } } } },
        },
      },
      '/cases': {
        get: {
          parameters: [
            { name: 'stationId', in: 'query', schema: { type: 'string' }, example: 'station-elsewhere' },
            { name: 'unitId', in: 'header', schema: { type: 'string' } },
            { name: 'page', in: 'query', schema: { type: 'integer' } },
          ],
          responses: {},
        },
      },
    },
    components: {
      schemas: {
        Meeting: {
          type: 'object',
          properties: {
            invitedUnits: { type: 'array', items: { type: 'string' }, example: ['unit-a', 'unit-b'] },
            place: { $ref: '#/components/schemas/Place' },
            title: { type: 'string' },
          },
        },
        Place: { type: 'object', properties: { compoundId: { type: 'string', example: 'k2' } } },
        View: { type: 'object', properties: { unitId: { type: 'string' } } },
      },
    },
  };
}

describe('declareCatalogueEnums', () => {
  const document = declareCatalogueEnums(documentOf(), IDS);
  const schemas = document.components?.schemas as Record<string, { properties: Record<string, Record<string, unknown>> }>;
  const parameters = (document.paths['/cases']?.get?.parameters ?? []) as unknown as { name: string; schema: Record<string, unknown>; example?: unknown }[];

  it('makes a request body’s members, at any depth and in lists, the catalogue’s ids, dropping examples it lacks', () => {
    expect(schemas['Meeting']?.properties['invitedUnits']).toEqual({ type: 'array', items: { type: 'string', enum: ['u1', 'u2', 'u3'] } });
    expect(schemas['Place']?.properties['compoundId']).toEqual({ type: 'string', example: 'k2', enum: ['k1', 'k2'] });
    expect(schemas['Meeting']?.properties['title']).toEqual({ type: 'string' });
  });

  it('makes query parameters the catalogue’s ids, leaves headers, other parameters and responses alone', () => {
    expect(parameters[0]).toEqual({ name: 'stationId', in: 'query', schema: { type: 'string', enum: ['s1'] } });
    expect(parameters[1]?.schema).toEqual({ type: 'string' });
    expect(parameters[2]?.schema).toEqual({ type: 'integer' });
    expect(schemas['View']?.properties['unitId']).toEqual({ type: 'string' });
  });
});

describe('unknownCatalogueIds', () => {
  it('names each id outside its list by its path, at any depth, and leaves values of another type to the DTO', () => {
    const body = { invitedUnits: ['u1', 'u9', 7], place: { compoundId: 'k3' }, category: 'cat', title: 'u9', stationId: 's1' };
    expect(unknownCatalogueIds(body, IDS).map((problem) => problem.field)).toEqual(['invitedUnits[1]', 'place.compoundId']);
    expect(unknownCatalogueIds([{ unitId: 'nope' }], IDS)).toEqual([{ field: '[0].unitId', message: expect.stringContaining('"nope"') as string }]);
    expect(unknownCatalogueIds({ units: ['u1', 'u2'], communityId: 'm1' }, IDS)).toEqual([]);
  });
});
