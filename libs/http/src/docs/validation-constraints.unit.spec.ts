import { ApiProperty, DECORATORS } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsInt, IsISO8601, IsString, Matches, Max, Min } from 'class-validator';
import { textProblemOf } from '../validation/request-text';
import { NON_BLANK_TEXT_PATTERN, REQUEST_TEXT_PATTERN } from './request-text-pattern';
import { declareValidationConstraints } from './validation-constraints';

// What the document declares must be what the server checks: a string the pattern takes is one
// the rule takes, and the reverse, or Schemathesis sends text the server refuses (ST202).

const accepted = (text: string) => textProblemOf('text', text) === null;
const surrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;
const everyCharacter = Array.from({ length: 0x10000 }, (_, code) => code).filter((code) => !surrogate(code)).map((code) => String.fromCharCode(code));

describe('the text rule as the document’s patterns', () => {
  const text = new RegExp(REQUEST_TEXT_PATTERN);
  const nonBlank = new RegExp(NON_BLANK_TEXT_PATTERN);

  it('takes exactly what the rule takes: every character alone, after a letter, twice, around spaces', () => {
    const disagree = everyCharacter
      .flatMap((c) => [c, `a${c}`, `${c}${c}`, ` ${c} `, `${c}\u200B`])
      .filter((sample) => text.test(sample) !== accepted(sample))
      .map((sample) => JSON.stringify(sample));
    expect(disagree).toEqual([]);
  });

  it('refuses what shows as nothing, and takes the empty text and what has a visible character', () => {
    for (const blank of [' ', '\t\n', '\u200B', '\u3000\uFEFF', '\u3164']) expect({ blank, taken: text.test(blank) }).toEqual({ blank, taken: false });
    for (const fine of ['', '张三', ' a ', '😀', 'line\r\nbreak']) expect({ fine, taken: text.test(fine) }).toEqual({ fine, taken: true });
  });

  it('not blank (/\\S/) with the rule: the same, without the empty text', () => {
    const disagree = ['', ...everyCharacter.slice(0, 0x3100)].filter((sample) => nonBlank.test(sample) !== (accepted(sample) && /\S/.test(sample)));
    expect(disagree).toEqual([]);
  });
});

class Sample {
  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMinSize(1)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(100, { each: true })
  scores!: number[];

  @ApiProperty()
  @IsISO8601({ strict: true })
  at!: string;

  @ApiProperty()
  @IsString()
  @Matches(/\S/)
  reason!: string;
}

describe('the rules of a request DTO, declared in its schema', () => {
  const declared = (property: keyof Sample) => Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, Sample.prototype, property) as Record<string, unknown>;
  beforeAll(() => declareValidationConstraints());

  it('bounds of each item keep the item’s type, so null or a string is not offered as an item', () => {
    expect(declared('scores')).toMatchObject({ isArray: true, minItems: 1, items: { type: 'integer', minimum: 0, maximum: 100 } });
  });

  it('an ISO-8601 date-time as format date-time', () => {
    expect(declared('at')).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('not blank as something visible and no control character', () => {
    expect(declared('reason')).toMatchObject({ type: 'string', minLength: 1, pattern: NON_BLANK_TEXT_PATTERN });
  });
});
