import type { BenchContext, Scenario } from './types.ts';

const auth = (context: BenchContext) => ({ authorization: `Bearer ${context.data.token}` });

export const houseLedgerMonth: Scenario = {
  name: 'ledger-month',
  description:
    "GET /api/v1/ledger?houseId=…&from=2025-07-01&to=2025-08-01: one house's entries of a month with their totals (about 18 of 208,000), every house in turn",
  requests: (context) =>
    context.data.houseIds.map((houseId) => ({
      path: `/api/v1/ledger?houseId=${houseId}&from=2025-07-01&to=2025-08-01`,
      headers: auth(context),
    })),
};

export const yearSummary: Scenario = {
  name: 'finance-year',
  description:
    'GET /api/v1/finance/summary?from=2025-01-01&to=2026-01-01 (by month) and &groupBy=house: income, expense and net of 100 houses over a year (about 21,000 entries), in turn',
  requests: (context) => [
    { path: '/api/v1/finance/summary?from=2025-01-01&to=2026-01-01', headers: auth(context) },
    { path: '/api/v1/finance/summary?from=2025-01-01&to=2026-01-01&groupBy=house', headers: auth(context) },
  ],
};
