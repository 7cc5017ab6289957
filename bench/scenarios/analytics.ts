import type { BenchContext, Scenario } from './types.ts';

const auth = (context: BenchContext) => ({ authorization: `Bearer ${context.data.token}` });

export const occupancyYear: Scenario = {
  name: 'occupancy-year',
  description:
    'GET /api/v1/analytics/occupancy?from=2025-01-01&to=2026-01-01 (by month) and &groupBy=house: occupancy, revenue, ADR, RevPAR, stays and net of 100 houses over a year (about 10,400 stays, 36,500 nights), in turn',
  requests: (context) => [
    { path: '/api/v1/analytics/occupancy?from=2025-01-01&to=2026-01-01', headers: auth(context) },
    {
      path: '/api/v1/analytics/occupancy?from=2025-01-01&to=2026-01-01&groupBy=house',
      headers: auth(context),
    },
  ],
};

export const occupancyDecade: Scenario = {
  name: 'occupancy-decade',
  description:
    'GET /api/v1/analytics/occupancy over ten years of 100 houses by month (120 rows, 104,000 stays): whole months (2016-01-01 to 2026-01-01) and a range cut mid-month at both ends (2016-01-10 to 2025-12-20), in turn',
  requests: (context) => [
    { path: '/api/v1/analytics/occupancy?from=2016-01-01&to=2026-01-01', headers: auth(context) },
    { path: '/api/v1/analytics/occupancy?from=2016-01-10&to=2025-12-20', headers: auth(context) },
  ],
};

export const pace: Scenario = {
  name: 'pace',
  description:
    'GET /api/v1/analytics/pace?months=12: nights and revenue on the books for the next 12 months of 100 houses, beside the same months a year earlier',
  requests: (context) => [{ path: '/api/v1/analytics/pace?months=12', headers: auth(context) }],
};
