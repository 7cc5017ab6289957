import { Readable } from 'node:stream';
import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { ADMINS } from '../../kernel/access.ts';
import { AuditExportQuery, AuditQuery, auditSchemas } from './audit.schemas.ts';
import type { AuditService } from './audit.service.ts';

/** The audit log, for admins: read and exported, never written or deleted through the API. */
export async function auditRoutes(app: AppInstance, audit: AuditService): Promise<void> {
  for (const schema of auditSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/audit',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['audit'],
        summary: 'Every change to every entity: who, when, what, before and after; newest first',
        operationId: 'listAuditEntries',
        querystring: AuditQuery,
        response: { 200: Type.Ref('AuditList') },
      },
    },
    async (request) => audit.search(memberOf(request), request.query),
  );

  app.get(
    '/api/v1/audit/export',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['audit'],
        summary: 'The matching entries as CSV (UTF-8 with a byte order mark), newest first',
        operationId: 'exportAuditEntries',
        querystring: AuditExportQuery,
        produces: ['text/csv'],
        response: { 200: Type.String() },
      },
    },
    async (request, reply) => {
      const lines = await audit.export(memberOf(request), request.query);
      return (
        reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="audit.csv"')
          // A stream is sent as it is read; the schema's string is what the document says it is.
          .send(Readable.from(lines) as unknown as string)
      );
    },
  );
}
