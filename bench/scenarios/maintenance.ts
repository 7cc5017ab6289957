import type { BenchContext, Scenario } from './types.ts';

const auth = (context: BenchContext) => ({ authorization: `Bearer ${context.data.token}` });

export const workOrdersOpen: Scenario = {
  name: 'work-orders',
  description:
    'GET /api/v1/maintenance/issues?status=open&status=in_progress&status=on_hold&limit=50: the first 50 of 500 work orders to do (1,000 in all, 10 per house), with reporter, assignee and block',
  requests: (context) => [
    {
      path: '/api/v1/maintenance/issues?status=open&status=in_progress&status=on_hold&limit=50',
      headers: auth(context),
    },
  ],
};

export const houseWorkOrders: Scenario = {
  name: 'house-work-orders',
  description:
    "GET /api/v1/maintenance/issues?houseId=…&status=…: one house's work orders to do, every house in turn",
  requests: (context) =>
    context.data.houseIds.map((houseId) => ({
      path: `/api/v1/maintenance/issues?houseId=${houseId}&status=open&status=in_progress&status=on_hold`,
      headers: auth(context),
    })),
};
