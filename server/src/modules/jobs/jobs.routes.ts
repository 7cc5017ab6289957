import { Type } from 'typebox';
import type { AppInstance } from '../../http/types.ts';
import { JobParams, JobQuery, jobsSchemas } from './jobs.schemas.ts';
import type { JobRunner } from './jobs.service.ts';

/** The instance administrator's view of background jobs: what waits, what failed and why. */
export async function jobsRoutes(app: AppInstance, jobs: JobRunner): Promise<void> {
  for (const schema of jobsSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/admin/jobs',
    {
      config: { policy: 'instance-admin' },
      schema: {
        tags: ['admin'],
        summary: 'Background jobs, most recently changed first, and how many are queued, running and failed',
        operationId: 'listJobs',
        querystring: JobQuery,
        response: { 200: Type.Ref('JobList') },
      },
    },
    (request) => jobs.list(request.query),
  );

  app.post(
    '/api/v1/admin/jobs/:jobId/retry',
    {
      config: { policy: 'instance-admin' },
      schema: {
        tags: ['admin'],
        summary: 'Run a failed job again, now, with a new set of attempts (409 when it has not failed)',
        operationId: 'retryJob',
        params: JobParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await jobs.retry(request.params.jobId);
      return reply.code(204).send(null);
    },
  );
}
