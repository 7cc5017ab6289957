import { Readable } from 'node:stream';
import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { expectedVersion, setEtag } from '../../http/versions.ts';
import { ADMINS, MANAGERS, MONEY_READERS } from '../../kernel/access.ts';
import {
  ClosingCreateBody,
  ClosingParams,
  financeSchemas,
  HouseTaxParams,
  LedgerAdjustmentBody,
  LedgerEntryCreateBody,
  LedgerEntryParams,
  LedgerEntryUpdateBody,
  LedgerExportQuery,
  LedgerListQuery,
  PaymentCreateBody,
  ReservationPaymentsParams,
  StayTouristTaxBody,
  SummaryQuery,
  TouristTaxRuleBody,
} from './finance.schemas.ts';
import type { FinanceService } from './finance.service.ts';

export async function financeRoutes(app: AppInstance, finance: FinanceService): Promise<void> {
  for (const schema of financeSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/ledger',
    {
      config: { policy: MONEY_READERS },
      schema: {
        tags: ['finance'],
        summary: 'Ledger entries, oldest first, with the totals of every entry the filters select',
        operationId: 'listLedgerEntries',
        querystring: LedgerListQuery,
        response: { 200: Type.Ref('LedgerEntryList') },
      },
    },
    async (request) => finance.list(memberOf(request), request.query),
  );

  app.post(
    '/api/v1/ledger',
    {
      config: { policy: MANAGERS, idempotent: true },
      schema: {
        tags: ['finance'],
        summary: 'Enter an income or an expense by hand (409 in a closed month)',
        operationId: 'createLedgerEntry',
        body: LedgerEntryCreateBody,
        response: { 201: Type.Ref('LedgerEntryDetail') },
      },
    },
    async (request, reply) => {
      const entry = await finance.create(memberOf(request), request.body);
      setEtag(reply, entry.version);
      return reply.code(201).header('Location', `/api/v1/ledger/${entry.id}`).send(entry);
    },
  );

  app.get(
    '/api/v1/ledger/export',
    {
      config: { policy: MONEY_READERS },
      schema: {
        tags: ['finance'],
        summary:
          'The entries as CSV for the accountant: UTF-8 with a byte order mark; decimal=comma for French spreadsheets (semicolons between fields)',
        operationId: 'exportLedger',
        querystring: LedgerExportQuery,
        produces: ['text/csv'],
        response: { 200: Type.String() },
      },
    },
    async (request, reply) => {
      const lines = await finance.export(memberOf(request), request.query);
      return (
        reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="ledger.csv"')
          // A stream is sent as it is read; the schema's string is what the document says it is.
          .send(Readable.from(lines) as unknown as string)
      );
    },
  );

  app.get(
    '/api/v1/ledger/:entryId',
    {
      config: { policy: MONEY_READERS },
      schema: {
        tags: ['finance'],
        summary: 'One ledger entry, with the adjustments that correct it',
        operationId: 'getLedgerEntry',
        params: LedgerEntryParams,
        response: { 200: Type.Ref('LedgerEntryDetail') },
      },
    },
    async (request, reply) => {
      const entry = await finance.get(memberOf(request), request.params.entryId);
      setEtag(reply, entry.version);
      return entry;
    },
  );

  app.patch(
    '/api/v1/ledger/:entryId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['finance'],
        summary:
          'Change an entry made by hand (If-Match: its ETag); a system entry is 409: adjust it instead',
        operationId: 'updateLedgerEntry',
        params: LedgerEntryParams,
        body: LedgerEntryUpdateBody,
        response: { 200: Type.Ref('LedgerEntryDetail') },
      },
    },
    async (request, reply) => {
      const entry = await finance.update(
        memberOf(request),
        request.params.entryId,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, entry.version);
      return entry;
    },
  );

  app.delete(
    '/api/v1/ledger/:entryId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['finance'],
        summary: 'Delete an entry made by hand; a system entry is 409',
        operationId: 'deleteLedgerEntry',
        params: LedgerEntryParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await finance.remove(memberOf(request), request.params.entryId, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/ledger/:entryId/history',
    {
      config: { policy: MONEY_READERS },
      schema: {
        tags: ['finance'],
        summary: 'Every change of an entry made by hand: who, when, before and after',
        operationId: 'getLedgerEntryHistory',
        params: LedgerEntryParams,
        response: { 200: Type.Ref('LedgerHistory') },
      },
    },
    async (request) => finance.history(memberOf(request), request.params.entryId),
  );

  app.post(
    '/api/v1/ledger/:entryId/adjustments',
    {
      config: { policy: MANAGERS, idempotent: true },
      schema: {
        tags: ['finance'],
        summary: 'Correct an entry by a new one linked to it (the only way to correct a system entry)',
        operationId: 'adjustLedgerEntry',
        params: LedgerEntryParams,
        body: LedgerAdjustmentBody,
        response: { 201: Type.Ref('LedgerEntryDetail') },
      },
    },
    async (request, reply) => {
      const entry = await finance.adjust(memberOf(request), request.params.entryId, request.body);
      setEtag(reply, entry.version);
      return reply.code(201).header('Location', `/api/v1/ledger/${entry.id}`).send(entry);
    },
  );

  app.get(
    '/api/v1/reservations/:reservationId/payments',
    {
      config: { policy: MONEY_READERS },
      schema: {
        tags: ['finance'],
        summary: "A stay's payments, what is due and the deposit held",
        operationId: 'listReservationPayments',
        params: ReservationPaymentsParams,
        response: { 200: Type.Ref('PaymentList') },
      },
    },
    async (request) => finance.payments(memberOf(request), request.params.reservationId),
  );

  app.post(
    '/api/v1/reservations/:reservationId/payments',
    {
      config: { policy: MANAGERS, idempotent: true },
      schema: {
        tags: ['finance'],
        summary:
          "Record a payment of a stay: posted to the ledger and moved onto the stay's advancePaid and balanceDue in one transaction",
        operationId: 'recordReservationPayment',
        params: ReservationPaymentsParams,
        body: PaymentCreateBody,
        response: { 201: Type.Ref('Payment') },
      },
    },
    async (request, reply) => {
      const payment = await finance.recordPayment(
        memberOf(request),
        request.params.reservationId,
        request.body,
      );
      return reply
        .code(201)
        .header('Location', `/api/v1/reservations/${payment.reservationId}/payments`)
        .send(payment);
    },
  );

  app.get(
    '/api/v1/finance/summary',
    {
      config: { policy: MONEY_READERS },
      schema: {
        tags: ['finance'],
        summary:
          'Income, expense and net per month or per house over [from, to); deposits held are not income',
        operationId: 'getFinanceSummary',
        querystring: SummaryQuery,
        response: { 200: Type.Ref('FinanceSummary') },
      },
    },
    async (request) => finance.summary(memberOf(request), request.query),
  );

  app.get(
    '/api/v1/finance/closings',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['finance'],
        summary: 'The closed months, newest first',
        operationId: 'listFinanceClosings',
        response: { 200: Type.Ref('FinanceClosingList') },
      },
    },
    async (request) => finance.closings(memberOf(request)),
  );

  app.post(
    '/api/v1/finance/closings',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['finance'],
        summary: 'Close a month: any write dated in it is then 409',
        operationId: 'closeFinanceMonth',
        body: ClosingCreateBody,
        response: { 201: Type.Ref('FinanceClosing') },
      },
    },
    async (request, reply) => {
      const closing = await finance.close(memberOf(request), request.body.month);
      return reply.code(201).header('Location', `/api/v1/finance/closings/${closing.month}`).send(closing);
    },
  );

  app.delete(
    '/api/v1/finance/closings/:month',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['finance'],
        summary: 'Reopen a closed month (recorded)',
        operationId: 'reopenFinanceMonth',
        params: ClosingParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await finance.reopen(memberOf(request), request.params.month);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/houses/:houseId/tourist-tax',
    {
      config: { policy: MONEY_READERS },
      schema: {
        tags: ['finance'],
        summary: "The house's tourist tax rule (404 when it has none)",
        operationId: 'getTouristTaxRule',
        params: HouseTaxParams,
        response: { 200: Type.Ref('TouristTaxRule') },
      },
    },
    async (request) => finance.taxRule(memberOf(request), request.params.houseId),
  );

  app.put(
    '/api/v1/houses/:houseId/tourist-tax',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['finance'],
        summary:
          "Set the house's tourist tax: an amount per adult and night, or a percentage of the price per person and night with a cap",
        operationId: 'setTouristTaxRule',
        params: HouseTaxParams,
        body: TouristTaxRuleBody,
        response: { 200: Type.Ref('TouristTaxRule') },
      },
    },
    async (request) => finance.saveTaxRule(memberOf(request), request.params.houseId, request.body),
  );

  app.delete(
    '/api/v1/houses/:houseId/tourist-tax',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['finance'],
        summary: "Remove the house's tourist tax rule",
        operationId: 'deleteTouristTaxRule',
        params: HouseTaxParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await finance.removeTaxRule(memberOf(request), request.params.houseId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/reservations/:reservationId/tourist-tax',
    {
      config: { policy: MANAGERS, idempotent: true },
      schema: {
        tags: ['finance'],
        summary:
          "Record a stay's tourist tax as collected, once: by the manager it is posted to the ledger, by the platform only recorded",
        operationId: 'recordTouristTax',
        params: ReservationPaymentsParams,
        body: StayTouristTaxBody,
        response: { 201: Type.Ref('StayTouristTax') },
      },
    },
    async (request, reply) => {
      const tax = await finance.recordTouristTax(
        memberOf(request),
        request.params.reservationId,
        request.body,
      );
      return reply
        .code(201)
        .header('Location', `/api/v1/reservations/${request.params.reservationId}/payments`)
        .send(tax);
    },
  );
}
