import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { CATALOGUE_LISTS } from '@whistle/contracts';
import type { CatalogueIds } from '../validation/catalogue-ids';
import { declareCatalogueEnums } from './catalogue-enums';
import { completeResponses } from './complete-responses';
import { ErrorBody } from './error-body';
import { closeValidatedSchemas, declareValidationConstraints } from './validation-constraints';

export interface ApiDocsOptions {
  readonly version?: string;
  readonly description?: string;
  /**
   * Serves another document than the app's own at /api/docs-json (and in the UI): the distributed
   * mode's read side serves the one merged from every service (merged-api-document.ts).
   */
  readonly document?: (own: OpenAPIObject) => OpenAPIObject | Promise<OpenAPIObject>;
  /** The running catalogue's ids, declared as the enums of the members that name them (catalogue-enums.ts). */
  readonly catalogueIds?: CatalogueIds;
}

export const API_TITLE = '四级吹哨 · Four-level whistle API';
export const API_DOCS_PATH = '/api/docs';
export const API_DOCUMENT_PATH = '/api/docs-json';

/** The app's OpenAPI document: every operation with its responses and the constraints its input is checked against. */
export function createApiDocument(app: INestApplication, options: ApiDocsOptions = {}): OpenAPIObject {
  declareValidationConstraints();
  const config = new DocumentBuilder()
    .setTitle(API_TITLE)
    .setDescription(options.description ?? 'Cases, whistles, tasks, joint meetings and their audit trail.')
    .setVersion(options.version ?? '1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = completeResponses(closeValidatedSchemas(SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody] })));
  return options.catalogueIds ? declareCatalogueEnums(document, options.catalogueIds) : document;
}

/**
 * Serves the generated OpenAPI document at /api/docs (UI) and /api/docs-json. The catalogue's ids
 * are declared per request: the catalogue changes while the system runs (目录变更), and the enums
 * say what the validation pipe checks now, not what it checked at start.
 */
export function setUpApiDocs(app: INestApplication, options: ApiDocsOptions = {}): void {
  const { catalogueIds, ...rest } = options;
  const own = createApiDocument(app, rest);
  const withIds = catalogueIds ? currentEnums(catalogueIds) : (document: OpenAPIObject) => document;
  const serve = options.document;
  SwaggerModule.setup(API_DOCS_PATH.slice(1), app, withIds(own), {
    jsonDocumentUrl: API_DOCUMENT_PATH.slice(1),
    // Asked for each time the JSON or the UI is loaded: a merged document is as current as the services, the enums as the catalogue.
    ...(serve || catalogueIds ? { patchDocumentOnRequest: () => (serve ? serve(withIds(own)) : withIds(own)) } : {}),
  });
}

/**
 * The document with the ids in force as its enums, built again only when a list changed (the
 * index hands out the same arrays until a change is put in force), on a copy of the document
 * without them, so that an id removed leaves the enums and an example naming it is dropped.
 */
function currentEnums(ids: CatalogueIds): (document: OpenAPIObject) => OpenAPIObject {
  let last: { readonly lists: readonly (readonly string[])[]; readonly document: OpenAPIObject } | null = null;
  return (document) => {
    const lists = CATALOGUE_LISTS.map((list) => ids[list]);
    if (last?.lists.every((known, i) => known === lists[i])) return last.document;
    last = { lists, document: declareCatalogueEnums(structuredClone(document), ids) };
    return last.document;
  };
}
