import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { Type } from 'typebox';
import { ProblemSchema } from './errors.ts';

export const OPENAPI_PATH = '/api/v1/openapi.json';
export const DOCS_PATH = '/api/docs';

const ProblemRef = Type.Ref('Problem');

/**
 * The OpenAPI 3.1 document is generated from the schemas the routes validate
 * and serialize with. Every API route also documents its error answers as the
 * shared Problem schema, so clients see them without each route repeating it.
 */
export async function registerOpenApi(app: FastifyInstance, options: { version: string }): Promise<void> {
  app.addSchema(ProblemSchema);
  // Must run before @fastify/swagger's own onRoute hook reads the schemas.
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/v1/') || route.schema?.hide) return;
    const response = (route.schema?.response ?? {}) as Record<string, unknown>;
    route.schema = {
      ...route.schema,
      response: { ...response, '4xx': response['4xx'] ?? ProblemRef, '5xx': response['5xx'] ?? ProblemRef },
    };
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Staykeep API',
        version: options.version,
        description:
          'Operations platform for holiday-rental houses. Conventions (errors, pagination, versions, ' +
          'idempotency) are described in the project documentation.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'Access token from /api/v1/auth/login; X-Organization-Id picks the organization.',
          },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => (json.$id as string) ?? `schema${index}`,
    },
  });

  app.get(OPENAPI_PATH, { schema: { hide: true } }, () => app.swagger());

  await app.register(swaggerUi, {
    routePrefix: DOCS_PATH,
    uiConfig: { url: OPENAPI_PATH, deepLinking: true },
    staticCSP: true,
    // Swagger UI sets a few inline styles; scripts stay 'self' only.
    transformStaticCSP: (header) => header.replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'"),
  });
}
