/**
 * Where the first JSON syntax error in `text` is, as an editor shows it. V8's parse errors give an
 * offset for some mistakes and only a snippet for others (`Unexpected token '}'`), so the position
 * comes from this small scanner instead. Returns undefined for valid JSON.
 */
export function jsonErrorPosition(text: string): { line: number; column: number } | undefined {
  const offset = firstErrorOffset(text);
  if (offset === undefined) return undefined;
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: (lines.at(-1) ?? '').length + 1 };
}

class SyntaxErrorAt {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

function firstErrorOffset(text: string): number | undefined {
  let at = 0;
  const fail = (): never => {
    throw new SyntaxErrorAt(at);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at++;
  };
  const expect = (token: string) => {
    if (!text.startsWith(token, at)) fail();
    at += token.length;
  };
  const sticky = (pattern: RegExp) => {
    pattern.lastIndex = at;
    if (!pattern.test(text)) fail();
    at = pattern.lastIndex;
  };
  const string = () => {
    expect('"');
    for (let char = text.charAt(at); char !== '"'; char = text.charAt(at)) {
      if (char === '\\') sticky(ESCAPE);
      else if (char === '' || char < ' ') fail();
      else at++;
    }
    at++;
  };
  const members = (close: string, member: () => void) => {
    at++;
    space();
    if (text.charAt(at) !== close) {
      for (;;) {
        member();
        space();
        if (text.charAt(at) !== ',') break;
        at++;
      }
    }
    expect(close);
  };
  const value = (): void => {
    space();
    const char = text.charAt(at);
    if (char === '{') {
      members('}', () => {
        space();
        string();
        space();
        expect(':');
        value();
      });
    } else if (char === '[') members(']', value);
    else if (char === '"') string();
    else if (char === 't') expect('true');
    else if (char === 'f') expect('false');
    else if (char === 'n') expect('null');
    else sticky(NUMBER);
  };

  try {
    value();
    space();
    if (at < text.length) fail();
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxErrorAt) return error.offset;
    throw error;
  }
}
