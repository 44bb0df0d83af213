import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export interface ApiDocsOptions {
  readonly version?: string;
  readonly description?: string;
}

export const API_TITLE = '四级吹哨 · Four-level whistle API';

/** Serves the generated OpenAPI document at /api/docs (UI) and /api/docs-json. */
export function setUpApiDocs(app: INestApplication, options: ApiDocsOptions = {}): void {
  const config = new DocumentBuilder()
    .setTitle(API_TITLE)
    .setDescription(options.description ?? 'Cases, whistles, tasks, joint meetings and their audit trail.')
    .setVersion(options.version ?? '1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
