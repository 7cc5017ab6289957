import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { MONEY_READERS } from '../../kernel/access.ts';
import { analyticsSchemas, OccupancyQuery, PaceQuery } from './analytics.schemas.ts';
import type { AnalyticsService } from './analytics.service.ts';

export async function analyticsRoutes(app: AppInstance, analytics: AnalyticsService): Promise<void> {
  for (const schema of analyticsSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/analytics/occupancy',
    {
      config: { policy: MONEY_READERS },
      schema: {
        tags: ['analytics'],
        summary:
          'Occupancy, revenue, ADR and RevPAR over [from, to), per month, house or site, as API.md defines them; beyond API.md: groupBy=site, compare=previous-year (previousYear), and per row stays, averageStay, leadTime and the ledger’s income, expense and net',
        operationId: 'getOccupancy',
        querystring: OccupancyQuery,
        response: { 200: Type.Ref('Occupancy') },
      },
    },
    async (request) => analytics.occupancy(memberOf(request), request.query),
  );

  app.get(
    '/api/v1/analytics/pace',
    {
      config: { policy: MONEY_READERS },
      schema: {
        tags: ['analytics'],
        summary:
          'Booking pace: nights and revenue on the books for this month and the next ones, beside the same months a year earlier as they stood on the same day a year earlier',
        operationId: 'getBookingPace',
        querystring: PaceQuery,
        response: { 200: Type.Ref('Pace') },
      },
    },
    async (request) => analytics.pace(memberOf(request), request.query),
  );
}
