import { defaultCatalogueFile, loadCatalogue } from '@whistle/catalogue';
import { readModelStamp } from './read-model-stamp';

describe('readModelStamp', () => {
  const catalogue = loadCatalogue(defaultCatalogueFile);

  it('is the same for the same code and catalogue, so a clean restart keeps the read models', () => {
    expect(readModelStamp(catalogue)).toBe(readModelStamp(loadCatalogue(defaultCatalogueFile)));
    expect(readModelStamp(catalogue)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with the catalogue the views are made with, so they are remade', () => {
    const renamed = { ...catalogue, town: { ...catalogue.town, name: { ...catalogue.town.name, zh: `${catalogue.town.name.zh}（改名）` } } };
    expect(readModelStamp(renamed)).not.toBe(readModelStamp(catalogue));
  });
});
