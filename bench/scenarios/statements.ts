import type { BenchContext, Scenario } from './types.ts';

const auth = (context: BenchContext) => ({ authorization: `Bearer ${context.data.token}` });

export const ownerStatement: Scenario = {
  name: 'owner-statement',
  description:
    "GET /api/v1/owner-statements?houseId=…&month=2025-07: one house's owner statement of an open month (its stays split by nights, its entries, the commission of its contract), every house in turn",
  requests: (context) =>
    context.data.houseIds.map((houseId) => ({
      path: `/api/v1/owner-statements?houseId=${houseId}&month=2025-07`,
      headers: auth(context),
    })),
};

export const ownerStatementPdf: Scenario = {
  name: 'owner-statement-pdf',
  description:
    'GET /api/v1/owner-statements?houseId=…&month=2025-07&format=pdf&lang=fr: the same statement printed as a PDF (pdfmake), every house in turn; meant for --connections 1',
  requests: (context) =>
    context.data.houseIds.map((houseId) => ({
      path: `/api/v1/owner-statements?houseId=${houseId}&month=2025-07&format=pdf&lang=fr`,
      headers: auth(context),
    })),
};
