/**
 * A small YAML writer for the deployment files: block style, two-space indent, comments. It
 * writes the plain data the renderers build (objects, arrays, strings, numbers, booleans, null)
 * and nothing else, so rendering needs no YAML library at run time.
 */

/** One YAML document: its body, a comment above it, and comments above keys inside it. */
export interface YamlDocument {
  readonly body: unknown;
  /** Written above the document, a `# ` line per line. */
  readonly comment?: string;
  /**
   * Comments above keys, by path: the keys and list indices from the body down, joined with dots
   * (`spec.template.spec.containers.0.startupProbe`). Every note must find its key.
   */
  readonly notes?: Readonly<Record<string, string>>;
}

export interface YamlStyle {
  /** Keys whose lists of scalars are written inline: `command: ["npm", "run", "start"]`. */
  readonly flowKeys?: readonly string[];
  /** Paths ('' for the top) whose entries are set apart by a blank line. */
  readonly spacedPaths?: readonly string[];
}

type Dict = Readonly<Record<string, unknown>>;
const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Plain (unquoted) only where every YAML reader, 1.1 or 1.2, takes the text as the same string. */
const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./:@,=+ -]*$/;
const SPECIAL = /^(?:true|false|yes|no|on|off|y|n|null|~|\.inf|\.nan)$/i;
/** Numbers in any notation of YAML 1.1 or 1.2 (sexagesimal 8080:8080, hex, octal, binary), and the lone dot 1.1 reads as NaN. */
const NUMBERISH = /^(?:[-+]?\.?[0-9][0-9_:.eE+-]*|[-+]?0(?:x[0-9a-fA-F_]+|o?[0-7_]+|b[01_]+)|\.)$/;

export function yamlString(text: string): string {
  const plain = PLAIN.test(text) && !text.includes(': ') && !text.includes(' #') && !text.endsWith(':') && !text.endsWith(' ') && !SPECIAL.test(text) && !NUMBERISH.test(text);
  return plain ? text : JSON.stringify(text);
}

function scalar(value: string | number | boolean | null, where: string): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${where}: ${value} has no YAML form here`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (value.includes('\n')) throw new Error(`${where}: a multi-line string goes only under a key`);
  return yamlString(value);
}

const comment = (text: string, pad: string): string[] => text.split('\n').map((line) => (line ? `${pad}# ${line}` : `${pad}#`));

class Writer {
  readonly lines: string[] = [];
  private readonly unused: Set<string>;

  constructor(
    private readonly notes: Readonly<Record<string, string>>,
    private readonly style: YamlStyle,
  ) {
    this.unused = new Set(Object.keys(notes));
  }

  leftOver(): string[] {
    return [...this.unused];
  }

  mapping(dict: Dict, indent: number, path: readonly string[]): void {
    const pad = ' '.repeat(indent);
    const spaced = this.style.spacedPaths?.includes(path.join('.')) ?? false;
    Object.entries(dict)
      .filter(([, v]) => v !== undefined)
      .forEach(([key, value], i) => {
        const at = [...path, key];
        const where = at.join('.');
        if (spaced && i > 0) this.lines.push('');
        const note = this.notes[where];
        if (note !== undefined) {
          this.unused.delete(where);
          this.lines.push(...comment(note, pad));
        }
        const head = `${pad}${yamlString(key)}:`;
        if (typeof value === 'string' && value.includes('\n')) this.block(head, value, indent + 2, where);
        else if (isScalar(value)) this.lines.push(value === null ? head : `${head} ${scalar(value, where)}`);
        else if (Array.isArray(value)) {
          if (value.length === 0) this.lines.push(`${head} []`);
          else if (this.style.flowKeys?.includes(key) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
            this.lines.push(`${head} [${value.map((v) => JSON.stringify(v)).join(', ')}]`);
          } else {
            this.lines.push(head);
            this.sequence(value, indent + 2, at);
          }
        } else if (isDict(value)) {
          if (Object.values(value).every((v) => v === undefined)) this.lines.push(`${head} {}`);
          else {
            this.lines.push(head);
            this.mapping(value, indent + 2, at);
          }
        } else throw new Error(`${where}: ${typeof value} has no YAML form here`);
      });
  }

  private sequence(items: readonly unknown[], indent: number, path: readonly string[]): void {
    const pad = ' '.repeat(indent);
    items.forEach((item, i) => {
      const where = [...path, String(i)].join('.');
      if (isScalar(item)) this.lines.push(`${pad}- ${scalar(item, where)}`);
      else if (isDict(item) && Object.values(item).some((v) => v !== undefined)) {
        const start = this.lines.length;
        this.mapping(item, indent + 2, [...path, String(i)]);
        const first = this.lines[start] ?? '';
        if (!first.startsWith(`${pad}  `) || first.trimStart().startsWith('#')) throw new Error(`${where}: no comment above the first key of a list item`);
        this.lines[start] = `${pad}- ${first.slice(indent + 2)}`;
      } else throw new Error(`${where}: only scalars and mappings go in a list here`);
    });
  }

  /** A literal block (`|`), keeping the text's lines exactly. */
  private block(head: string, text: string, indent: number, where: string): void {
    const chomp = !text.endsWith('\n') ? '-' : text.endsWith('\n\n') ? '+' : '';
    const lines = text.replace(/\n$/, '').split('\n');
    if (/^\s/.test(lines[0] ?? '')) throw new Error(`${where}: a literal block may not start with a space here`);
    const pad = ' '.repeat(indent);
    this.lines.push(`${head} |${chomp}`, ...lines.map((line) => (line ? `${pad}${line}` : '')));
  }
}

/** The documents as YAML text, `---` between them, ending with a newline. */
export function yamlText(documents: readonly YamlDocument[], style: YamlStyle = {}): string {
  const out: string[] = [];
  documents.forEach((doc, i) => {
    if (i > 0) out.push('---');
    if (doc.comment) out.push(...comment(doc.comment, ''));
    if (!isDict(doc.body)) throw new Error('a document is a mapping here');
    const writer = new Writer(doc.notes ?? {}, style);
    writer.mapping(doc.body, 0, []);
    const leftOver = writer.leftOver();
    if (leftOver.length > 0) throw new Error(`notes on keys the document does not have: ${leftOver.join(', ')}`);
    out.push(...writer.lines);
  });
  return `${out.join('\n')}\n`;
}
