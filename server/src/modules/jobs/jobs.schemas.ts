import { Type } from 'typebox';
import { JOB_STATUSES } from '../../db/tables.ts';
import { Id, Line } from '../../http/inputs.ts';

export const JobStatusSchema = Type.Enum(JOB_STATUSES, { $id: 'JobStatus' });

const Instant = Type.String({ format: 'date-time' });

export const JobSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.String({ description: 'What the job does, e.g. email.send, turnovers.open' }),
    status: Type.Ref('JobStatus'),
    attempts: Type.Integer({ description: 'Attempts started so far' }),
    maxAttempts: Type.Integer(),
    runAt: Type.String({ format: 'date-time', description: 'When it runs next (queued), or ran last' }),
    lastError: Type.Union([Type.String(), Type.Null()], {
      description: 'The error of the last failed attempt',
    }),
    createdAt: Instant,
    updatedAt: Instant,
    finishedAt: Type.Union([Instant, Type.Null()]),
  },
  { $id: 'Job', additionalProperties: false },
);

export const JobListSchema = Type.Object(
  {
    items: Type.Array(Type.Ref('Job')),
    counts: Type.Object(
      { queued: Type.Integer(), running: Type.Integer(), failed: Type.Integer() },
      { additionalProperties: false, description: 'Every job kept, whatever the filter' },
    ),
  },
  { $id: 'JobList', additionalProperties: false },
);

export const JobQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(JOB_STATUSES)),
    kind: Type.Optional(Line(100, { minLength: 1, description: 'Only jobs of this kind' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

export const JobParams = Type.Object({ jobId: Id() });

export const jobsSchemas = [JobStatusSchema, JobSchema, JobListSchema];
