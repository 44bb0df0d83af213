import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { editableDefault } from './testing';
import { CatalogueError } from './catalogue-error';
import { defaultCatalogueFile, loadCatalogue } from './load-catalogue';

describe('loadCatalogue', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const errorOf = (load: () => unknown): CatalogueError => {
    try {
      load();
    } catch (error) {
      if (error instanceof CatalogueError) return error;
      throw error;
    }
    throw new Error('expected a CatalogueError');
  };

  it('loads the bundled file by an absolute path beside the module', () => {
    expect(isAbsolute(defaultCatalogueFile)).toBe(true);
    expect(existsSync(defaultCatalogueFile)).toBe(true);
    expect(loadCatalogue().town.id).toBe('town-wutong');
  });

  it('treats an empty setting as no setting', () => {
    expect(loadCatalogue('')).toEqual(loadCatalogue());
  });

  it('loads a valid replacement file, relative to the working directory', () => {
    const catalogue = editableDefault();
    catalogue.town.name = { zh: '试点街道', en: 'Pilot Sub-district' };
    const file = write('town.json', JSON.stringify(catalogue));
    expect(loadCatalogue(file).town.name.en).toBe('Pilot Sub-district');
    expect(loadCatalogue(relative(process.cwd(), file)).town.name.en).toBe('Pilot Sub-district');
  });

  it('names CATALOGUE_FILE, the file and every problem, one per line', () => {
    const catalogue = editableDefault();
    catalogue.categories[3]!.unitIds[1] = 'unit-x';
    catalogue.deadlines.reportIn['2'] = '30 minutes';
    const file = write('bad.json', JSON.stringify(catalogue));

    const error = errorOf(() => loadCatalogue(file));
    expect(error.file).toBe(file);
    expect(error.problems).toHaveLength(2);
    expect(error.message.split('\n')).toEqual([
      `CATALOGUE_FILE=${file} is not a valid catalogue:`,
      '  categories[3].unitIds[1]: unknown unit "unit-x"',
      '  deadlines.reportIn.2: "30 minutes" is not an ISO-8601 duration (e.g. PT30M, PT2H, P3D)',
    ]);
  });

  it('says clearly that a file is missing', () => {
    const file = join(dir, 'nowhere.json');
    const error = errorOf(() => loadCatalogue(file));
    expect(error.message).toContain(`CATALOGUE_FILE=${file} is not a valid catalogue:`);
    expect(error.message).toMatch(/cannot read the file: ENOENT/);
  });

  it('gives the line and column of malformed JSON', () => {
    const file = write('broken.json', '{\n  "version": 1,\n  "town": }\n');
    const error = errorOf(() => loadCatalogue(file));
    expect(error.message).toContain(`CATALOGUE_FILE=${file}`);
    expect(error.message).toMatch(/malformed JSON at line 3, column 11: /);
  });

  it('places truncated JSON at its end', () => {
    const file = write('truncated.json', '{\n  "version": 1,');
    expect(errorOf(() => loadCatalogue(file)).message).toMatch(/malformed JSON at line 2, column 16: /);
  });

  it('accepts a byte-order mark', () => {
    const file = write('bom.json', `\uFEFF${JSON.stringify(editableDefault())}`);
    expect(loadCatalogue(file).version).toBe(1);
  });
});
