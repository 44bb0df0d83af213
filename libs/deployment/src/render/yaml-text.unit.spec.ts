import { parseAllDocuments } from 'yaml';
import { renderDeploymentFiles } from './deployment-files';
import { yamlText } from './yaml-text';

/** What a YAML 1.1 reader (compose's older parsers, some kubectl paths) and a 1.2 reader both make of it. */
const readBoth = (text: string): unknown[][] =>
  (['1.1', '1.2'] as const).map((version) =>
    parseAllDocuments(text, { version }).map((doc) => {
      if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('; '));
      return doc.toJS() as unknown;
    }),
  );

describe('the YAML writer', () => {
  it('writes text every reader takes back as the same strings, numbers and booleans', () => {
    const body = {
      looksLikeData: ['3101', '8080:8080', 'true', 'no', 'None', 'null', '~', '1e3', '0x1F', '.inf', '', ' padded', 'a: b', 'a #b', 'end:'],
      meansText: ['kafka:9092', 'mongodb://mongo:27017/db', 'kurrentdb://k:2113?tls=false', '${JWT_ISSUER:?set it}', "fetch('x').then(r=>1)", '100m', '1@kafka:9093', '中文'],
      values: { port: 3101, on: false, nothing: null, empty: {}, none: [] },
      block: 'line one\n  indented\n\nafter a blank line\n',
      blockWithoutNewline: 'a\nb',
      nested: [{ name: 'a', env: [{ name: 'X', value: '1' }] }, 'scalar'],
    };
    const text = yamlText([{ body, comment: 'a comment\n\nwith a blank line' }, { body: { second: 'document' } }], { flowKeys: ['meansText'] });
    for (const docs of readBoth(text)) expect(docs).toEqual([body, { second: 'document' }]);
    expect(text).toContain('meansText: ["kafka:9092", ');
    expect(text).toContain('  port: 3101\n');
    expect(text).toContain('block: |\n  line one\n    indented\n\n  after a blank line\n');
    expect(text).toContain('blockWithoutNewline: |-\n');
  });

  it('puts notes above their keys and refuses a note that finds no key', () => {
    const text = yamlText([{ body: { spec: { items: [{ a: 1, b: 2 }] } }, notes: { 'spec.items.0.b': 'about b' } }]);
    expect(text).toBe('spec:\n  items:\n    - a: 1\n      # about b\n      b: 2\n');
    expect(() => yamlText([{ body: { a: 1 }, notes: { b: 'lost' } }])).toThrow('notes on keys the document does not have: b');
  });

  it('writes every rendered deployment file as YAML that parses, in 1.1 and 1.2 alike', () => {
    for (const [path, text] of Object.entries(renderDeploymentFiles()).filter(([p]) => /\.ya?ml$/.test(p))) {
      const [v11, v12] = readBoth(text);
      expect({ path, docs: v11 }).toEqual({ path, docs: v12 });
    }
  });
});
