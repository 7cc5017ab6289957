import type { Scenario } from './types.ts';

export const instance: Scenario = {
  name: 'instance',
  description: 'GET /api/v1/instance: a small unauthenticated read, one SELECT on SQLite',
  requests: () => [{ path: '/api/v1/instance' }],
};
