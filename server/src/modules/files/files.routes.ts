import fastifyMultipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AttachmentOwnerType } from '../../db/tables.ts';
import { memberOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { ALL_ROLES, MANAGERS, MONEY_READERS, type Policy, TEAM } from '../../kernel/access.ts';
import {
  AttachmentContentQuery,
  AttachmentContentSchema,
  AttachmentParams,
  AttachmentUploadBody,
  fileSchemas,
  ownerParams,
} from './files.schemas.ts';
import type { FilesService } from './files.service.ts';
import { multipartOptions } from './upload.ts';

interface OwnerRoutes {
  ownerType: AttachmentOwnerType;
  /** The owner's own address; its last parameter is the owner's id. */
  path: string;
  /** In operation ids: listHouseAttachments, uploadHouseAttachment. */
  name: string;
  /** Who may list and read the files (the owner's policy then decides which owners they see). */
  read: Policy;
  /** Who may add them. */
  write: Policy;
}

/** The owners whose files have routes: an owner's module registers its policy in services.ts, and one line here. */
const OWNERS: readonly OwnerRoutes[] = [
  {
    ownerType: 'maintenance_issue',
    path: '/api/v1/maintenance/issues/:issueId',
    name: 'MaintenanceIssue',
    read: ALL_ROLES,
    write: TEAM,
  },
  { ownerType: 'house', path: '/api/v1/houses/:houseId', name: 'House', read: ALL_ROLES, write: MANAGERS },
  {
    ownerType: 'ledger_entry',
    path: '/api/v1/ledger/:entryId',
    name: 'LedgerEntry',
    read: MONEY_READERS,
    write: MANAGERS,
  },
];

/** What a file served to a browser may do: nothing (no script, no frame, no request), even opened directly. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * `Content-Disposition` with the user's file name: an ASCII approximation for
 * old clients, and the exact name as UTF-8 (RFC 6266, RFC 8187).
 */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%;]/g, '_')
      .trim() || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export async function attachmentRoutes(app: AppInstance, files: FilesService): Promise<void> {
  for (const schema of fileSchemas) app.addSchema(schema);

  for (const owner of OWNERS) {
    const idName = owner.path.match(/:(\w+)$/)?.[1];
    if (!idName) throw new Error(`${owner.path} does not end with its owner's id`);
    const params = ownerParams(idName);
    const ownerId = (request: { params: unknown }) =>
      (request.params as Record<string, string>)[idName] ?? '';

    app.get(
      `${owner.path}/attachments`,
      {
        config: { policy: owner.read },
        schema: {
          tags: ['attachments'],
          summary: 'The files attached, oldest first',
          operationId: `list${owner.name}Attachments`,
          params,
          response: { 200: Type.Ref('AttachmentList') },
        },
      },
      async (request) => files.list(memberOf(request), owner.ownerType, ownerId(request)),
    );

    // The multipart parser only where uploads are taken: everywhere else a multipart body stays a 415.
    await app.register(async (scope) => {
      await scope.register(fastifyMultipart, multipartOptions(app.config.uploads));
      scope.withTypeProvider<TypeBoxTypeProvider>().post(
        `${owner.path}/attachments`,
        {
          config: { policy: owner.write },
          schema: {
            tags: ['attachments'],
            summary:
              'Attach a file (multipart/form-data: "file" and optionally "kind"). Photos are re-encoded ' +
              'upright without metadata; 413 over the size or pixel limit, 415 for any other type',
            operationId: `upload${owner.name}Attachment`,
            params,
            body: { content: { 'multipart/form-data': { schema: AttachmentUploadBody } } },
            response: { 201: Type.Ref('Attachment') },
          },
        },
        async (request, reply) => {
          const attachment = await files.upload(
            memberOf(request),
            owner.ownerType,
            ownerId(request),
            request,
          );
          return reply.code(201).header('Location', `/api/v1/attachments/${attachment.id}`).send(attachment);
        },
      );
    });
  }

  app.get(
    '/api/v1/attachments/:attachmentId',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['attachments'],
        summary: "One file's description",
        operationId: 'getAttachment',
        params: AttachmentParams,
        response: { 200: Type.Ref('Attachment') },
      },
    },
    async (request) => files.get(memberOf(request), request.params.attachmentId),
  );

  app.get(
    '/api/v1/attachments/:attachmentId/content',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['attachments'],
        summary:
          "A file's bytes (or its photo's thumbnail): photos inline, anything else as a download, " +
          'in a sandbox either way',
        operationId: 'getAttachmentContent',
        params: AttachmentParams,
        querystring: AttachmentContentQuery,
        produces: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
        response: { 200: AttachmentContentSchema },
      },
    },
    async (request, reply) => {
      const content = await files.content(
        memberOf(request),
        request.params.attachmentId,
        request.query.variant,
      );
      return (
        reply
          .type(content.contentType)
          .header('Content-Length', content.size)
          .header('Content-Disposition', contentDisposition(content.disposition, content.fileName))
          .header('X-Content-Type-Options', 'nosniff')
          .header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
          // Never served from the browser's cache without asking: access is checked on every read, and a
          // deleted file or a member removed must not keep showing on a shared device.
          .header('Cache-Control', 'private, no-cache')
          .send(content.body)
      );
    },
  );

  app.delete(
    '/api/v1/attachments/:attachmentId',
    {
      config: { policy: TEAM },
      schema: {
        tags: ['attachments'],
        summary: 'Remove a file (staff: only the files they uploaded)',
        operationId: 'deleteAttachment',
        params: AttachmentParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await files.remove(memberOf(request), request.params.attachmentId);
      return reply.code(204).send(null);
    },
  );
}
