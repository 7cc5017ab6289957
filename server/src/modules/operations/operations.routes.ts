import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { ALL_ROLES } from '../../kernel/access.ts';
import { DailyQuery, operationSchemas } from './operations.schemas.ts';
import type { OperationsService } from './operations.service.ts';

export async function operationRoutes(app: AppInstance, operations: OperationsService): Promise<void> {
  for (const schema of operationSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/operations/daily',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['operations'],
        summary:
          "The day's arrivals, departures, stays under way, turnovers to do by the next arrival, and houses not ready for a guest arriving within a day (date defaults to today where the organization is)",
        operationId: 'getDailyOperations',
        querystring: DailyQuery,
        response: { 200: Type.Ref('DailyOperations') },
      },
    },
    async (request) => operations.daily(memberOf(request), request.query.date),
  );
}
