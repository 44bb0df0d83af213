import { BadRequestException } from '@nestjs/common';
import { parseIfMatch } from './if-match.decorator';

describe('parseIfMatch', () => {
  it('reads a bare or quoted revision, and nothing when the header is absent', () => {
    expect(parseIfMatch('7')).toBe(7);
    expect(parseIfMatch('"0"')).toBe(0);
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it('refuses anything but one whole non-negative revision with 400', () => {
    for (const header of ['', '-1', '2.5', 'W/"3"', '*', '1, 2', ['1', '2']]) {
      expect(() => parseIfMatch(header)).toThrow(BadRequestException);
    }
  });
});
