import { Type } from 'typebox';
import { pingDatabase } from '../../db/database.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { serviceUnavailable } from '../../http/errors.ts';
import type { AppInstance } from '../../http/types.ts';

const HealthSchema = Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false });
const ReadySchema = Type.Object(
  {
    status: Type.Literal('ready'),
    database: Type.String(),
    jobs: Type.Object(
      {
        overdue: Type.Integer({
          description: 'Jobs due more than 5 minutes ago and still waiting or running, on every instance',
        }),
        oldestOverdueSeconds: Type.Union([Type.Integer(), Type.Null()], {
          description: 'How long ago the oldest of them was due',
        }),
      },
      { additionalProperties: false },
    ),
    channelFeeds: Type.Object(
      {
        inError: Type.Integer({ description: 'Channel feeds whose last sync failed, in every organization' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** A job due longer ago than this and not done says the job runners are down or behind. */
const JOBS_OVERDUE_MS = 5 * 60_000;

/** What `/ready` reports without being unready for it: work that waits too long, feeds that fail. */
export interface ReadinessReport {
  overdueJobs(lateMs: number): Promise<{ count: number; oldestSeconds: number | null }>;
  feedsInError(): Promise<number>;
}

/**
 * `/health` answers as long as the process runs (a liveness probe);
 * `/ready` only when the database answers and every migration is applied
 * (a load balancer's readiness probe). Overdue jobs and feeds in error are
 * reported in its body for whoever looks, without taking the instance out:
 * another instance would not do better.
 */
export async function healthRoutes(app: AppInstance, report: ReadinessReport): Promise<void> {
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
        summary: 'The database is reachable and migrated (with overdue jobs and feeds in error)',
        response: { 200: ReadySchema, 503: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      let overdue: Awaited<ReturnType<ReadinessReport['overdueJobs']>>;
      let feedsInError: number;
      try {
        await pingDatabase(app.db);
        const pending = await pendingMigrations(app.db);
        if (pending.length > 0) {
          return serviceUnavailable(reply, `${pending.length} database migration(s) not applied yet.`);
        }
        // Read only once the tables are known to be there.
        [overdue, feedsInError] = await Promise.all([
          report.overdueJobs(JOBS_OVERDUE_MS),
          report.feedsInError(),
        ]);
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return serviceUnavailable(reply, 'The database is not reachable.');
      }
      return {
        status: 'ready' as const,
        database: app.databaseKind,
        jobs: { overdue: overdue.count, oldestOverdueSeconds: overdue.oldestSeconds },
        channelFeeds: { inError: feedsInError },
      };
    },
  );
}
