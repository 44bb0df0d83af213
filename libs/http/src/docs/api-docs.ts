import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
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

/** Serves the generated OpenAPI document at /api/docs (UI) and /api/docs-json. */
export function setUpApiDocs(app: INestApplication, options: ApiDocsOptions = {}): void {
  const own = createApiDocument(app, options);
  const serve = options.document;
  SwaggerModule.setup(API_DOCS_PATH.slice(1), app, own, {
    jsonDocumentUrl: API_DOCUMENT_PATH.slice(1),
    // Asked for each time the JSON or the UI is loaded: a merged document is as current as the services.
    ...(serve ? { patchDocumentOnRequest: (_request: unknown, _response: unknown, document: OpenAPIObject) => serve(document) } : {}),
  });
}
