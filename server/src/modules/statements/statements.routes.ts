import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { MANAGERS, MONEY_READERS } from '../../kernel/access.ts';
import {
  HouseContractsParams,
  OwnerContractCreateBody,
  OwnerContractParams,
  OwnerStatementQuery,
  statementsSchemas,
} from './statements.schemas.ts';
import type { StatementsService } from './statements.service.ts';

export async function statementsRoutes(app: AppInstance, statements: StatementsService): Promise<void> {
  for (const schema of statementsSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/houses/:houseId/owner-contracts',
    {
      config: { policy: MONEY_READERS },
      schema: {
        tags: ['statements'],
        summary: 'The owner contracts of a house (the manager’s commission), oldest first',
        operationId: 'listOwnerContracts',
        params: HouseContractsParams,
        response: { 200: Type.Ref('OwnerContractList') },
      },
    },
    async (request) => statements.contracts(memberOf(request), request.params.houseId),
  );

  app.post(
    '/api/v1/houses/:houseId/owner-contracts',
    {
      config: { policy: MANAGERS, idempotent: true },
      schema: {
        tags: ['statements'],
        summary:
          'A contract from a month on (409 month-closed when it would change a closed month, contract-exists for the same month)',
        operationId: 'createOwnerContract',
        params: HouseContractsParams,
        body: OwnerContractCreateBody,
        response: { 201: Type.Ref('OwnerContract') },
      },
    },
    async (request, reply) => {
      const contract = await statements.createContract(
        memberOf(request),
        request.params.houseId,
        request.body,
      );
      return reply.code(201).header('Location', `/api/v1/owner-contracts/${contract.id}`).send(contract);
    },
  );

  app.get(
    '/api/v1/owner-contracts/:id',
    {
      config: { policy: MONEY_READERS },
      schema: {
        tags: ['statements'],
        summary: 'One owner contract',
        operationId: 'getOwnerContract',
        params: OwnerContractParams,
        response: { 200: Type.Ref('OwnerContract') },
      },
    },
    async (request) => statements.contract(memberOf(request), request.params.id),
  );

  app.delete(
    '/api/v1/owner-contracts/:id',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['statements'],
        summary: 'Remove a contract (409 month-closed when a month it is in force in is closed)',
        operationId: 'deleteOwnerContract',
        params: OwnerContractParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await statements.removeContract(memberOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/owner-statements',
    {
      config: { policy: MONEY_READERS },
      schema: {
        tags: ['statements'],
        summary:
          'A house’s owner statement of a month: JSON, or a PDF (Accept: application/pdf or format=pdf), or CSV (format=csv); a closed month’s is the same every time',
        operationId: 'getOwnerStatement',
        querystring: OwnerStatementQuery,
        response: {
          200: {
            description: 'The statement',
            content: {
              'application/json': { schema: Type.Ref('OwnerStatement') },
              'application/pdf': { schema: Type.String({ format: 'binary' }) },
              'text/csv': {
                schema: Type.String({ description: 'UTF-8 with a byte order mark, semicolons' }),
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const member = memberOf(request);
      const { houseId, month, lang } = request.query;
      const format = request.query.format ?? (prefersPdf(request.headers.accept) ? 'pdf' : 'json');
      // The answer depends on Accept: a cache must not give the PDF to who asked for JSON.
      reply.header('Vary', 'Accept');
      if (format === 'json') return statements.statement(member, houseId, month);
      const { houseCode, file } =
        format === 'pdf'
          ? await statements.pdf(member, houseId, month, lang)
          : await statements.csv(member, houseId, month, lang);
      return (
        reply
          .type(format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8')
          .header(
            'Content-Disposition',
            `attachment; filename="statement-${fileSafe(houseCode)}-${month}.${format}"`,
          )
          // A file, not the JSON the schema describes: Fastify sends a buffer or a string as it is.
          .send(file as unknown as never)
      );
    },
  );
}

/**
 * Whether an Accept header asks for the PDF rather than JSON: `application/pdf`
 * named with a quality above zero, and not below the quality JSON gets (that
 * of `application/json`, else of `application/*`, else of the wildcard of all
 * types). A PDF refused (`q=0`) or preferred less than JSON is JSON.
 */
export function prefersPdf(accept: string | undefined): boolean {
  if (!accept) return false;
  const quality = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='))?.slice(2);
    const value = q === undefined ? 1 : Number(q);
    quality.set(range, Math.max(quality.get(range) ?? 0, Number.isFinite(value) ? value : 0));
  }
  const pdf = quality.get('application/pdf') ?? 0;
  const json = quality.get('application/json') ?? quality.get('application/*') ?? quality.get('*/*') ?? 0;
  return pdf > 0 && pdf >= json;
}

/** A house code as it may stand in a quoted file name. */
const fileSafe = (code: string) => code.replace(/[^A-Za-z0-9._-]/g, '_');
