import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

/**
 * The OpenAPI document of the current code, without a running server: builds
 * the app on an in-memory SQLite database and asks it. The web app's typed
 * client is generated from this (`npm run api:generate`).
 */
export async function buildOpenApiDocument(): Promise<object> {
  const config = {
    ...loadConfig({ NODE_ENV: 'test', SECRET_KEY: 'x'.repeat(32), LOG_LEVEL: 'silent' }),
    database: { kind: 'sqlite', file: ':memory:' } as const,
    webDistDir: null,
  };
  const app = await buildApp(config);
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
  }
}
