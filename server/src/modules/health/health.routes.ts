import { Type } from 'typebox';
import { pingDatabase } from '../../db/database.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { serviceUnavailable } from '../../http/errors.ts';
import type { AppInstance } from '../../http/types.ts';

const HealthSchema = Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false });
const ReadySchema = Type.Object(
  { status: Type.Literal('ready'), database: Type.String() },
  { additionalProperties: false },
);

/**
 * `/health` answers as long as the process runs (a liveness probe);
 * `/ready` only when the database answers and every migration is applied
 * (a load balancer's readiness probe).
 */
export async function healthRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/health',
    {
      config: { policy: 'public' },
      schema: { tags: ['health'], summary: 'The process is up', response: { 200: HealthSchema } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['health'],
        summary: 'The database is reachable and migrated',
        response: { 200: ReadySchema, 503: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      try {
        await pingDatabase(app.db);
        const pending = await pendingMigrations(app.db);
        if (pending.length > 0) {
          return serviceUnavailable(reply, `${pending.length} database migration(s) not applied yet.`);
        }
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return serviceUnavailable(reply, 'The database is not reachable.');
      }
      return { status: 'ready' as const, database: app.databaseKind };
    },
  );
}
