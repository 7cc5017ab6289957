import type { Scenario } from './types.ts';

export const health: Scenario = {
  name: 'health',
  description: 'GET /health: no database, no authentication; the ceiling every other scenario is compared to',
  requests: () => [{ path: '/health' }],
};
