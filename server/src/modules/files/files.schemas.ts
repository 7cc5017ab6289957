import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { ATTACHMENT_KINDS } from '../../db/tables.ts';
import { Id } from '../../http/inputs.ts';

const AttachmentKindSchema = Type.Enum(ATTACHMENT_KINDS, {
  $id: 'AttachmentKind',
  description: 'photo (the default for images), invoice, receipt or document (the default for PDFs)',
});

export const AttachmentSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.Ref('AttachmentKind'),
    fileName: Type.String({ description: "The name of the user's file, as text (never a path)" }),
    contentType: Type.String({
      description: 'Decided from the bytes: image/jpeg, image/png, image/webp or application/pdf',
    }),
    size: Type.Integer({ description: 'Bytes, as stored (a photo is re-encoded)' }),
    width: Type.Union([Type.Integer(), Type.Null()], { description: 'Pixels, upright; null for a PDF' }),
    height: Type.Union([Type.Integer(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.Union([Type.String(), Type.Null()], { description: 'The user who uploaded it' }),
    url: Type.String({ description: 'Where its bytes are read (with the same credentials)' }),
    thumbnailUrl: Type.Union([Type.String(), Type.Null()], {
      description: 'A small WebP of a photo; null for a PDF',
    }),
  },
  { $id: 'Attachment', additionalProperties: false },
);

export const AttachmentListSchema = Type.Object(
  { items: Type.Array(Type.Ref('Attachment')), nextCursor: Type.Null() },
  { $id: 'AttachmentList', additionalProperties: false },
);

/**
 * The upload's multipart body, for the OpenAPI document: the parts are read
 * and checked while they stream in (files.service.ts), not by the validator,
 * which sees no body for multipart requests (hence `null` is let through).
 */
export const AttachmentUploadBody = Type.Unsafe<null>({
  type: ['object', 'null'],
  properties: {
    file: {
      contentMediaType: 'application/octet-stream',
      description:
        'The file: a JPEG, PNG, WebP or HEIC photo, or a PDF. Its type is read from its bytes, never from its name',
    },
    kind: Type.Enum(ATTACHMENT_KINDS, {
      description: 'photo (the default for images; not for a PDF), invoice, receipt or document',
    }),
  },
  required: ['file'],
  additionalProperties: false,
});

export const AttachmentParams = Type.Object({ attachmentId: Id() }, { additionalProperties: false });

export const ATTACHMENT_VARIANTS = ['original', 'thumbnail'] as const;
export type AttachmentVariant = (typeof ATTACHMENT_VARIANTS)[number];

export const AttachmentContentQuery = Type.Object(
  {
    variant: Type.Enum(ATTACHMENT_VARIANTS, {
      default: 'original',
      description: 'original (the default) or thumbnail (photos only)',
    }),
  },
  { additionalProperties: false },
);

/** The bytes of a file, as their own content type says. */
export const AttachmentContentSchema = Type.Unsafe<Readable | Buffer>({
  type: 'string',
  contentMediaType: 'application/octet-stream',
  description: 'The bytes, with Content-Type, Content-Length and Content-Disposition',
});

/** The path parameters of an owner's attachments route: `{ [name]: id }`. */
export const ownerParams = (name: string) => Type.Object({ [name]: Id() }, { additionalProperties: false });

export const fileSchemas = [AttachmentKindSchema, AttachmentSchema, AttachmentListSchema];
