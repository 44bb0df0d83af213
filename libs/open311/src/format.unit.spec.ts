import { InvalidRequest } from '@whistle/http';
import { XMLParser } from 'fast-xml-parser';
import { formatOf, formatOfPath, render } from './format';
import { open311ErrorsOf } from './errors';
import { parseForm } from './form-body';

describe('Open311 answers in JSON and XML', () => {
  it('writes a list as the specification’s examples do: <service_requests><request>…, an unknown value an empty element', () => {
    const answer = render('xml', 'service_requests', [{ service_request_id: '293944', service_notice: 'The City will inspect', account_id: null }]);
    expect(answer.contentType).toBe('text/xml; charset=utf-8');
    expect(answer.body).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<service_requests>',
        '  <request>',
        '    <service_request_id>293944</service_request_id>',
        '    <service_notice>The City will inspect</service_notice>',
        '    <account_id/>',
        '  </request>',
        '</service_requests>',
        '',
      ].join('\n'),
    );
    expect(render('json', 'service_requests', [{ service_request_id: '293944', account_id: null }]).body).toBe('[{"service_request_id":"293944","account_id":null}]');
  });

  it('nests the lists of a service definition, and escapes text', () => {
    const body = render('xml', 'service_definition', { service_code: 'a&b', attributes: [{ code: 'compound', values: [{ key: 'c1', name: '<星华>' }] }] }).body;
    expect(new XMLParser().parse(body)).toEqual({ '?xml': '', service_definition: { service_code: 'a&b', attributes: { attribute: { code: 'compound', values: { value: { key: 'c1', name: '<星华>' } } } } } });
  });

  it('takes the format from the extension, and names a wrong one', () => {
    expect(formatOf('xml')).toBe('xml');
    expect(() => formatOf('csv')).toThrow(InvalidRequest);
    expect(formatOfPath('/open311/v2/requests/abc.xml')).toBe('xml');
    expect(formatOfPath('/open311/v2/requests.csv')).toBe('json');
  });

  it('gives each bad field its own error, and any other failure one', () => {
    const details = [{ field: 'service_code', message: 'service_code should not be empty' }, { field: 'lat', message: 'lat must be a latitude in decimal degrees' }];
    expect(open311ErrorsOf({ statusCode: 400, error: 'Bad Request', message: 'x', details })).toEqual([
      { code: 400, description: 'service_code should not be empty' },
      { code: 400, description: 'lat must be a latitude in decimal degrees' },
    ]);
    expect(open311ErrorsOf({ statusCode: 403, error: 'Forbidden', message: 'invalid api_key', details: [] })).toEqual([{ code: 403, description: 'invalid api_key' }]);
  });
});

describe('a posted form', () => {
  it('reads attribute[code] as the attribute’s member, and UTF-8 text', () => {
    expect(parseForm('api_key=k&service_code=001&attribute%5Bcompound%5D=compound-xinghua-1&description=%E6%B6%88%E9%98%B2+%E9%80%9A%E9%81%93')).toEqual({
      api_key: 'k',
      service_code: '001',
      attribute: { compound: 'compound-xinghua-1' },
      description: '消防 通道',
    });
  });

  it('keeps a repeated field as a list, for the validator to name', () => {
    expect(parseForm('service_code=a&service_code=b')).toEqual({ service_code: ['a', 'b'] });
  });

  it('refuses a field given both alone and with members', () => {
    expect(() => parseForm('attribute=x&attribute[compound]=y')).toThrow(InvalidRequest);
    expect(() => parseForm('attribute[compound]=y&attribute=x')).toThrow(InvalidRequest);
  });

  // A form is read before the api_key guard: a name that reaches a prototype would let anyone change every object in the server.
  it.each([
    ['__proto__[polluted]=1', '__proto__'],
    ['constructor[polluted]=1', 'constructor'],
    ['prototype[polluted]=1', 'prototype'],
    ['__proto__=1', '__proto__'],
    ['constructor=1', 'constructor'],
    ['attribute[__proto__]=1', 'attribute[__proto__]'],
    ['attribute[constructor]=1', 'attribute[constructor]'],
    ['attribute[prototype]=1', 'attribute[prototype]'],
  ])('refuses %s, naming the field, and leaves every prototype as it was', (form, field) => {
    let refused: unknown;
    try {
      parseForm(form);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(InvalidRequest);
    expect((refused as InvalidRequest).details).toEqual([{ field, message: expect.stringContaining(field) }]);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('holds fields in objects without a prototype, so a name like toString is just a field', () => {
    const body = parseForm('toString=x&attribute[hasOwnProperty]=y');
    expect(Object.getPrototypeOf(body)).toBeNull();
    expect(body['toString']).toBe('x');
    expect(body['attribute']).toEqual({ hasOwnProperty: 'y' });
  });
});
