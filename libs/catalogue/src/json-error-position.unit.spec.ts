import { jsonErrorPosition } from './json-error-position';

describe('jsonErrorPosition', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, "x\\n\\u00e9", true, false, null, {}], "b": {"c": "杏花"}}\n',
    '0',
  ])('finds nothing wrong in %j', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonErrorPosition(text)).toBeUndefined();
  });

  it.each([
    ['{"a": }', 1, 7],
    ['{\n  "a": 1,\n}', 3, 1],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ["{'a': 1}", 1, 2],
    ['[1, 2', 1, 6],
    ['{"a": "b\nc"}', 1, 9],
    ['{"a": "\\x"}', 1, 8],
    ['{"a": 01}', 1, 8],
    ['{"a": tru}', 1, 7],
    ['{} {}', 1, 4],
    ['', 1, 1],
  ])('places the error in %j at line %d, column %d', (text, line, column) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(jsonErrorPosition(text)).toEqual({ line, column });
  });
});
