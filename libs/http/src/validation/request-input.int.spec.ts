import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, ValidateNested } from 'class-validator';
import { QueryBoolean, QueryInt, QueryList, QueryText } from '../query-params';
import { IsWholeNumber } from '../query-params';
import { PRINCIPAL_ROLES } from '@whistle/auth';
import { Roles } from '../auth/auth.decorators';
import { IsInstant, QueryInstant } from './instant';
import { type Sent, send } from '../testing/http-client';
import { startTestApp, type TestApp } from '../testing/test-app';

class PartyDto {
  @IsString() @IsNotEmpty() name!: string;
}

class NoteDto {
  @IsString() @IsNotEmpty() text!: string;
  @IsOptional() @IsString() remark?: string;
  @IsOptional() @ValidateNested() @Type(() => PartyDto) party?: PartyDto;
  @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[];
}

class ListRequest {
  @QueryList() @IsOptional() @IsIn(['open', 'closed'], { each: true }) status?: string[];
  @QueryInt() @IsOptional() @IsWholeNumber(1, 4) level?: number;
  @QueryBoolean() @IsOptional() @IsBoolean() overdue?: boolean;
  @QueryInstant() @IsOptional() @IsInstant() from?: string;
  @QueryText() @IsOptional() @IsString() @IsNotEmpty() unitId?: string;
}

/** Echoes what passed validation, so a test sees what a handler would have recorded. */
@Roles(...PRINCIPAL_ROLES)
@Controller('api/input')
class InputController {
  @Post('notes')
  @HttpCode(200)
  note(@Body() dto: NoteDto) {
    return dto;
  }

  @Post('anything')
  @HttpCode(200)
  anything(@Body() body: unknown) {
    return { body };
  }

  @Get('list')
  list(@Query() query: ListRequest) {
    return query;
  }
}

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const errorOf = (response: Sent) => response.body as { statusCode: number; message: string; details: { field?: string; message: string }[] };

describe('bad input a request body or query can carry, refused with 400 before any handler', () => {
  let server: TestApp;
  let office: string;
  const post = (path: string, body: unknown, headers?: Record<string, string>): Promise<Sent> =>
    send(server.url, path, { token: office, body, ...(headers ? { headers } : {}) });
  const get = (path: string): Promise<Sent> => send(server.url, path, { token: office });

  beforeAll(async () => {
    server = await startTestApp({ controllers: [InputController] });
    office = server.token({ sub: 'office-1', role: 'office' });
  });
  afterAll(() => server.close());

  describe('nesting', () => {
    it('refuses a body nested 1,300 deep (which overflowed the stack: a 500) with 400 saying how deep it may go', async () => {
      const response = await post('/api/input/notes', `{"text":"a","party":${nested(1300)}}`);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'the JSON body is nested deeper than 32 levels',
        details: [{ field: 'body', message: 'the JSON body is nested deeper than 32 levels' }],
      });
    });

    it('counts brackets only outside strings, so text full of brackets is no nesting', async () => {
      const text = '['.repeat(500) + '{"}'.repeat(100) + '\\"[[';
      const response = await post('/api/input/anything', { text, list: nested(40) });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ body: { text, list: nested(40) } });
    });

    it('takes 32 levels and refuses 33', async () => {
      expect((await post('/api/input/anything', nested(32))).status).toBe(200);
      expect((await post('/api/input/anything', nested(33))).status).toBe(400);
      expect((await post('/api/input/anything', `{"a":${'{"b":'.repeat(32)}1${'}'.repeat(32)}}`)).status).toBe(400);
    });
  });

  describe('encoding', () => {
    it('refuses a body that is not UTF-8 (it was stored with U+FFFD in place of the bytes) and records nothing', async () => {
      const bytes = Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
      const response = await fetch(`${server.url}/api/input/notes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${office}`, 'content-type': 'application/json' },
        body: bytes,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'the request body is not valid UTF-8, the encoding JSON must have (RFC 8259): invalid bytes at offset 12',
        details: [{ field: 'body', message: 'the request body is not valid UTF-8, the encoding JSON must have (RFC 8259): invalid bytes at offset 12' }],
      });
    });

    it('refuses a text with a lone surrogate escaped in JSON, which no encoding can store', async () => {
      const response = await post('/api/input/notes', '{"text":"ok \\ud800 then"}');
      expect(response.status).toBe(400);
      expect(errorOf(response).details).toEqual([{ field: 'text', message: 'text holds a lone UTF-16 surrogate (\\ud800…\\udfff escaped alone), which is no character' }]);
    });

    it('refuses a body declared in another charset with 415', async () => {
      const response = await post('/api/input/notes', '{"text":"a"}', { 'content-type': 'application/json; charset=utf-16' });
      expect(response.status).toBe(415);
      expect(errorOf(response).message).toBe('a JSON body must be UTF-8 (RFC 8259), not utf-16');
    });

    it('keeps valid UTF-8 text, Chinese and emoji included', async () => {
      const response = await post('/api/input/notes', { text: '3号楼消防通道被占 🚒', tags: ['第一行\n第二行\t缩进\r\n'] });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ text: '3号楼消防通道被占 🚒', tags: ['第一行\n第二行\t缩进\r\n'] });
    });
  });

  describe('control characters and invisible text', () => {
    it.each([
      ['NUL', 'a\u0000b'],
      ['a terminal escape sequence', 'red \u001b[31mALERT\u001b[0m'],
      ['a bell', 'ding\u0007'],
      ['backspace', 'ab\bc'],
      ['DEL', 'a\u007f'],
      ['a C1 control (CSI)', 'a\u009b31m'],
    ])('refuses %s in any text field, nested and in arrays too, naming each', async (_what, bad) => {
      const response = await post('/api/input/notes', { text: bad, remark: 'fine', party: { name: bad }, tags: ['ok', bad] });
      expect(response.status).toBe(400);
      const error = errorOf(response);
      expect(error.details.map((d) => d.field)).toEqual(['text', 'party.name', 'tags[1]']);
      expect(error.details[0]?.message).toMatch(/^text holds a control character \(U\+00[0-9A-F]{2}\); only tab, line feed and carriage return may appear in text$/);
      for (const field of ['text', 'party.name', 'tags[1]']) expect(error.message).toContain(field);
    });

    it.each([
      ['spaces', '   '],
      ['zero-width spaces', '\u200b\u200b'],
      ['a word joiner and a byte-order mark', '\u2060\ufeff'],
      ['ideographic spaces and a line feed', '\u3000\u3000\n'],
      ['a Hangul filler', '\u3164'],
    ])('refuses text of only %s as empty', async (_what, blank) => {
      const response = await post('/api/input/notes', { text: blank });
      expect(response.status).toBe(400);
      expect(errorOf(response).details).toEqual([
        { field: 'text', message: 'text is empty: it holds only spaces or invisible characters' },
      ]);
    });

    it('names text problems and the other broken rules together', async () => {
      const response = await post('/api/input/notes', { text: '\u200b', remark: 7 });
      expect(errorOf(response).details).toEqual([
        { field: 'text', message: 'text is empty: it holds only spaces or invisible characters' },
        { field: 'remark', message: 'remark must be a string' },
      ]);
    });

    it('refuses null members, which @IsOptional let through to the handler as if left out', async () => {
      const response = await post('/api/input/notes', { text: 'ok', tags: null });
      expect(response.status).toBe(400);
      expect(errorOf(response).details).toEqual([{ field: 'tags', message: 'tags is null: leave it out or give a value' }]);
    });

    it('keeps a zero-width joiner inside text (emoji and scripts need it)', async () => {
      const family = '👨\u200d👩\u200d👧 家庭纠纷';
      expect((await post('/api/input/notes', { text: family })).body).toEqual({ text: family });
    });

    it('refuses control characters in query parameters, naming the parameter', async () => {
      const response = await get('/api/input/list?unitId=unit%1B%5B2J');
      expect(response.status).toBe(400);
      expect(errorOf(response).details).toEqual([
        { field: 'unitId', message: 'unitId holds a control character (U+001B); only tab, line feed and carriage return may appear in text' },
      ]);
    });
  });

  describe('query encoding', () => {
    it('refuses percent-escapes that are not UTF-8 (the parser made them U+FFFD), naming the parameter', async () => {
      const response = await get('/api/input/list?unitId=%E8%A1%97%FF%FE');
      expect(response.status).toBe(400);
      expect(errorOf(response).details).toEqual([{ field: 'unitId', message: 'unitId is not valid UTF-8 once its percent-escapes are decoded (%E8%A1%97%FF%FE)' }]);
    });

    it('keeps escaped UTF-8, Chinese included', async () => {
      const response = await get('/api/input/list?unitId=%E8%A1%97%E9%81%93');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ unitId: '街道' });
    });
  });

  describe('empty query parameters', () => {
    it.each(['status', 'level', 'overdue', 'from', 'unitId'])('refuses ?%s= (it was taken as not given) naming the parameter', async (name) => {
      const response = await get(`/api/input/list?${name}=`);
      expect(response.status).toBe(400);
      expect(errorOf(response).details).toEqual([{ field: name, message: `${name} is empty: give a value or leave the parameter out` }]);
      expect(errorOf(response).message).toContain(name);
    });

    it('names every empty parameter, a repeated one too', async () => {
      const response = await get('/api/input/list?status=open&status=&level=');
      expect(errorOf(response).details.map((d) => d.field)).toEqual(['status', 'level']);
    });

    it('answers what is given', async () => {
      const response = await get('/api/input/list?status=open,closed&level=2&overdue=false&from=2026-11-21T08:00:00%2B08:00');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: ['open', 'closed'], level: 2, overdue: false, from: '2026-11-21T08:00:00+08:00' });
    });
  });
});
