import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyMultipartOptions } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { UploadsConfig } from '../../config.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';

/** The fields an upload may carry beside its file. */
const FIELDS = ['kind'];

/**
 * The multipart parser's limits: one file of at most `maxBytes`, and room for
 * only a few small fields, so a request cannot make the parser hold much.
 */
export function multipartOptions(config: UploadsConfig): FastifyMultipartOptions {
  return {
    limits: {
      fileSize: config.maxBytes,
      files: 1,
      fields: 4,
      parts: 6,
      fieldSize: 1024,
      fieldNameSize: 100,
      headerPairs: 20,
    },
  };
}

/** A file received whole into a folder of its own, to be removed by whoever received it. */
export interface ReceivedUpload {
  /** The folder holding the file: remove it when done (`discardUpload`). */
  directory: string;
  file: string;
  /** The name the client gave it: text, never a path. */
  clientName: string | undefined;
  size: number;
  fields: Record<string, string>;
}

export const tooLarge = (maxBytes: number) =>
  new AppError(
    413,
    'file-too-large',
    `The file is larger than the limit of ${maxBytes.toLocaleString('en')} bytes.`,
  );

const malformed = () =>
  badRequest('The body is not valid multipart/form-data: send one part "file" and, optionally, "kind".');

/**
 * Reads a multipart upload: its one part `file` is streamed to a temporary
 * file (never held in memory) while its bytes are counted, its fields are
 * kept. Anything else — no file, a second file, an unknown field, a file over
 * the limit — is refused, and nothing of it is left behind.
 */
export async function receiveUpload(request: FastifyRequest, config: UploadsConfig): Promise<ReceivedUpload> {
  if (!request.isMultipart()) {
    throw new AppError(
      415,
      'unsupported-media-type',
      'Send the file as multipart/form-data, in a part named "file".',
    );
  }
  const directory = await mkdtemp(path.join(tmpdir(), 'staykeep-upload-'));
  const received: ReceivedUpload = {
    directory,
    file: path.join(directory, 'upload'),
    clientName: undefined,
    size: -1,
    fields: {},
  };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw unknownField(part.fieldname);
        }
        let size = 0;
        await pipeline(
          part.file,
          async function* count(source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              size += chunk.length;
              yield chunk;
            }
          },
          createWriteStream(received.file, { flags: 'wx' }),
        );
        if (part.file.truncated || size > config.maxBytes) throw tooLarge(config.maxBytes);
        received.size = size;
        received.clientName = part.filename;
      } else {
        if (!FIELDS.includes(part.fieldname)) throw unknownField(part.fieldname);
        if (part.fieldname in received.fields) {
          throw badRequest(`"${part.fieldname}" is given twice.`, [
            fieldError(`body.${part.fieldname}`, 'too-many', { limit: 1 }),
          ]);
        }
        if (part.valueTruncated || typeof part.value !== 'string') {
          throw badRequest(`"${part.fieldname}" is not valid.`, [
            fieldError(`body.${part.fieldname}`, 'invalid'),
          ]);
        }
        received.fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    await discardUpload(received);
    throw asClientError(error, config);
  }
  if (received.size < 0) {
    await discardUpload(received);
    throw badRequest('No file: send it in a part named "file".', [fieldError('body.file', 'required')]);
  }
  return received;
}

/** Bytes the server already holds (demo data, an import), staged like a received upload. */
export async function stageBytes(
  data: Uint8Array,
  clientName: string,
  fields: Record<string, string>,
  config: UploadsConfig,
): Promise<ReceivedUpload> {
  if (data.length > config.maxBytes) throw tooLarge(config.maxBytes);
  const directory = await mkdtemp(path.join(tmpdir(), 'staykeep-upload-'));
  const staged: ReceivedUpload = {
    directory,
    file: path.join(directory, 'upload'),
    clientName,
    size: data.length,
    fields,
  };
  try {
    await writeFile(staged.file, data, { flag: 'wx' });
  } catch (error) {
    await discardUpload(staged);
    throw error;
  }
  return staged;
}

export async function discardUpload(upload: ReceivedUpload): Promise<void> {
  await rm(upload.directory, { recursive: true, force: true });
}

function unknownField(name: string): AppError {
  const shown = name.slice(0, 100);
  return badRequest(`"${shown}" is not a part this upload takes: send "file" and, optionally, "kind".`, [
    fieldError(`body.${shown}`, 'unknown-property'),
  ]);
}

/** The multipart parser's complaints as problems; a failure of this machine (a full disk) stays one. */
function asClientError(error: unknown, config: UploadsConfig): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(config.maxBytes);
    case 'FST_FILES_LIMIT':
      return badRequest('Send one file per upload.', [fieldError('body.file', 'too-many', { limit: 1 })]);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return badRequest('The upload has too many parts: send "file" and, optionally, "kind".');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError(415, 'unsupported-media-type', 'Send the file as multipart/form-data.');
    default:
      // System errors (ENOSPC, EACCES…) are ours; anything else was thrown by the parser reading the body.
      if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return error;
      return malformed();
  }
}

/**
 * The name a user's file is shown under: its last path segment, without
 * control or invisible formatting characters (a right-to-left override
 * would disguise `invoice‮fdp.exe`), at most 200 characters with its
 * extension kept. `../../etc/passwd` becomes `passwd`; a name with nothing
 * left becomes `fallback`.
 */
export function displayName(clientName: string | undefined, fallback: string): string {
  const lastSegment = (clientName ?? '').toWellFormed().split(/[/\\]/).at(-1) ?? '';
  let name = lastSegment
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .trim();
  if (/^\.*$/.test(name)) return fallback;
  const characters = Array.from(name);
  if (characters.length > 200) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
    const keep = extension.length > 0 && extension.length <= 16 ? extension : [];
    name = characters
      .slice(0, 200 - keep.length)
      .concat(keep)
      .join('');
  }
  return name;
}
