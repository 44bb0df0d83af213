import { execFileSync } from 'node:child_process';
import { DECORATORS } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DossierRequest } from './audit.request.dto';

// `since` as the document declares it must be `since` as the server checks it: Schemathesis draws
// from the declared pattern (with Python's re), and the server answers 400 to anything else.

const SAMPLES = [
  'intake@1',
  'intake@1200,escalation@340',
  'escalation@1,intake@2,supervision@3,adjudication@4,enforcement@5',
  'intake@999999999999999',
  'intake@1,intake@2',
  'intake@1,escalation@3,intake@2',
  'intake@1,escalation@2,escalation@9',
  'intake@0',
  'intake@01',
  'intake@1000000000000000',
  'intake@1,',
  ',intake@1',
  'intakes@1',
  'intake@',
  '@1',
  'intake@1;escalation@2',
];

const serverTakes = (since: string) => validateSync(plainToInstance(DossierRequest, { since }), { whitelist: true, forbidNonWhitelisted: true }).length === 0;
const declared = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, DossierRequest.prototype, 'since') as { pattern: string }).pattern;

it('the declared pattern takes what the server takes, in JavaScript and in Python', () => {
  const python = JSON.parse(
    execFileSync('python3', ['-c', 'import json, re, sys; p, samples = json.load(sys.stdin); print(json.dumps([re.search(p, s) is not None for s in samples]))'], { input: JSON.stringify([declared, SAMPLES]), encoding: 'utf8' }),
  ) as boolean[];
  const rows = SAMPLES.map((since, i) => ({ since, server: serverTakes(since), javascript: new RegExp(declared).test(since), python: python[i] }));
  expect(rows.filter((r) => r.server !== r.javascript || r.server !== r.python)).toEqual([]);
  // The samples hold both kinds: each log at most once, each size a whole number of at least 1.
  expect(rows.filter((r) => r.server).map((r) => r.since)).toEqual(SAMPLES.slice(0, 4));
});

it('a repeated parameter is one list: a log in both is named twice', () => {
  expect(serverTakes(['intake@1', 'escalation@2'] as unknown as string)).toBe(true);
  expect(serverTakes(['intake@1', 'intake@2'] as unknown as string)).toBe(false);
});
