import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { UploadsConfig } from '../../config.ts';
import { type Db, inTransaction, type Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import {
  ATTACHMENT_KINDS,
  type AttachmentKind,
  type AttachmentOwnerType,
  type AttachmentStorage,
} from '../../db/tables.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';
import { MANAGERS, type Member } from '../../kernel/access.ts';
import {
  type AttachmentRow,
  deleteAttachment,
  deleteAttachmentsOf,
  deleteAttachmentsOfDeletedIssues,
  findAttachment,
  insertAttachment,
  listAttachments,
  type StoredKeys,
} from './files.repository.ts';
import type { AttachmentVariant } from './files.schemas.ts';
import { type DecidedType, decideType, OUTPUT_TYPES, processImage } from './images.ts';
import {
  DatabaseStorage,
  DiskStorage,
  type FileContent,
  type FileSource,
  type FileStorage,
} from './storage.ts';
import { discardUpload, displayName, type ReceivedUpload, receiveUpload, stageBytes } from './upload.ts';

/**
 * Who may see and change the files of one kind of owner (a work order, a
 * ledger entry, a house), as the module that owns them decides. Registered
 * at composition, so this module knows none of them.
 */
export interface AttachmentOwnerPolicy {
  /** Throws the AppError (404) when the member may not see the owner. */
  readable(member: Member, ownerId: string): Promise<void>;
  /** Throws 404/403/409 when the member may not add or remove files. */
  writable(member: Member, ownerId: string): Promise<void>;
}

/** What the content route sends. */
export interface AttachmentContent extends FileContent {
  contentType: string;
  fileName: string;
  /** Photos are shown; anything else is only ever downloaded. */
  disposition: 'inline' | 'attachment';
}

const noSuchFile = () => notFound('No such file.');
const forbidden = (detail: string) => new AppError(403, 'forbidden', detail);

function attachmentView(row: AttachmentRow) {
  const url = `/api/v1/attachments/${row.id}/content`;
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size,
    width: row.width,
    height: row.height,
    createdAt: row.created_at,
    createdBy: row.created_by,
    url,
    thumbnailUrl: row.thumbnail_key === null ? null : `${url}?variant=thumbnail`,
  };
}

export type Attachment = ReturnType<typeof attachmentView>;

/** The kind asked for, or the default for the type; a PDF is never a photo. */
function kindOf(requested: string | undefined, type: DecidedType): AttachmentKind {
  if (requested === undefined) return type.image ? 'photo' : 'document';
  const kind = ATTACHMENT_KINDS.find((candidate) => candidate === requested);
  if (!kind) {
    throw badRequest('kind is not one of the accepted kinds.', [
      fieldError('body.kind', 'not-allowed', { allowed: [...ATTACHMENT_KINDS] }),
    ]);
  }
  if (kind === 'photo' && !type.image) {
    throw new AppError(415, 'unsupported-media-type', 'A photo must be a JPEG, PNG, WebP or HEIC image.');
  }
  return kind;
}

/** The name of a file whose user's name left nothing to show (before its extension). */
const ATTACHMENT_FALLBACK_NAME = 'file';

/** The user's name for a file stored in another format (HEIC kept as JPEG) takes that format's extension. */
function storedName(clientName: string | undefined, extension: string, converted: boolean): string {
  const name = displayName(clientName, `${ATTACHMENT_FALLBACK_NAME}.${extension}`);
  if (!converted) return name;
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.${extension}`;
}

/**
 * Files attached to work orders, ledger entries and houses: received as
 * multipart uploads, checked from their bytes, photos re-encoded without
 * their metadata, kept on disk or in the database, and served only to
 * members who may see what they are attached to.
 */
export class FilesService {
  readonly #db: Db;
  readonly #config: UploadsConfig;
  readonly #now: () => Date;
  readonly #log: FastifyBaseLogger;
  readonly #owners = new Map<AttachmentOwnerType, AttachmentOwnerPolicy>();
  readonly #storages: Record<AttachmentStorage, FileStorage>;

  constructor(options: { db: Db; config: UploadsConfig; now: () => Date; log: FastifyBaseLogger }) {
    this.#db = options.db;
    this.#config = options.config;
    this.#now = options.now;
    this.#log = options.log;
    this.#storages = {
      disk: new DiskStorage({ directory: options.config.directory, log: options.log }),
      database: new DatabaseStorage({ now: options.now }),
    };
  }

  /** Declares who may see and change the files of `ownerType`; once per type, at composition. */
  registerOwner(ownerType: AttachmentOwnerType, policy: AttachmentOwnerPolicy): void {
    if (this.#owners.has(ownerType))
      throw new Error(`The owner ${ownerType} of attachments is registered twice`);
    this.#owners.set(ownerType, policy);
  }

  #owner(ownerType: AttachmentOwnerType): AttachmentOwnerPolicy {
    const policy = this.#owners.get(ownerType);
    if (!policy) {
      // A route without its owner's policy is a wiring mistake (services.ts); nothing is shown meanwhile.
      this.#log.error({ ownerType }, 'no attachment policy is registered for this owner');
      throw notFound();
    }
    return policy;
  }

  async upload(
    member: Member,
    ownerType: AttachmentOwnerType,
    ownerId: string,
    request: FastifyRequest,
  ): Promise<Attachment> {
    // Who may add files is known before a byte of the body is read.
    await this.#owner(ownerType).writable(member, ownerId);
    return this.#accept(member, ownerType, ownerId, await receiveUpload(request, this.#config));
  }

  /**
   * Attaches bytes the server already holds (the demonstration data, an
   * import), with the same checks and processing as an upload.
   */
  async attach(
    member: Member,
    ownerType: AttachmentOwnerType,
    ownerId: string,
    input: { data: Uint8Array; fileName: string; kind?: AttachmentKind },
  ): Promise<Attachment> {
    await this.#owner(ownerType).writable(member, ownerId);
    const fields: Record<string, string> = input.kind === undefined ? {} : { kind: input.kind };
    return this.#accept(
      member,
      ownerType,
      ownerId,
      await stageBytes(input.data, input.fileName, fields, this.#config),
    );
  }

  /** Decides, processes and stores a received file; the temporary copy is removed whatever happens. */
  async #accept(
    member: Member,
    ownerType: AttachmentOwnerType,
    ownerId: string,
    upload: ReceivedUpload,
  ): Promise<Attachment> {
    try {
      if (upload.size === 0) {
        throw badRequest('The file is empty.', [fieldError('body.file', 'required')]);
      }
      const type = await decideType(upload.file);
      const kind = kindOf(upload.fields.kind, type);
      const stem = randomUUID();
      const id = newId();
      const base = {
        id,
        organization_id: member.organizationId,
        owner_type: ownerType,
        owner_id: ownerId,
        kind,
        storage: this.#config.storage,
        created_by: member.userId,
        created_at: this.#now().toISOString(),
      };
      if (type.image) {
        const image = await processImage(upload.file, type, this.#config.maxPixels);
        const output = OUTPUT_TYPES[type.output];
        const contentKey = `${stem}.${output.extension}`;
        const thumbnailKey = `${stem}.thumb.webp`;
        await this.#store(
          [
            { key: contentKey, source: image.data },
            { key: thumbnailKey, source: image.thumbnail },
          ],
          {
            ...base,
            file_name: storedName(upload.clientName, output.extension, type.input !== type.output),
            content_type: output.contentType,
            size: image.data.length,
            width: image.width,
            height: image.height,
            content_key: contentKey,
            thumbnail_key: thumbnailKey,
          },
        );
      } else {
        // A PDF is kept as it came; it is only ever served as a download, in a sandbox.
        const contentKey = `${stem}.${type.extension}`;
        await this.#store([{ key: contentKey, source: { path: upload.file } }], {
          ...base,
          file_name: storedName(upload.clientName, type.extension, false),
          content_type: type.contentType,
          size: upload.size,
          width: null,
          height: null,
          content_key: contentKey,
          thumbnail_key: null,
        });
      }
      const row = await findAttachment(this.#db, member.organizationId, id);
      if (!row) throw noSuchFile();
      return attachmentView(row);
    } finally {
      await discardUpload(upload);
    }
  }

  /**
   * Writes the bytes and the row so that both hold or neither: bytes kept in
   * the database are written in the row's transaction; files are written
   * first, and removed again if the row's transaction fails.
   */
  async #store(
    files: { key: string; source: FileSource }[],
    row: Parameters<typeof insertAttachment>[1] & { storage: AttachmentStorage },
  ): Promise<void> {
    const storage = this.#storages[row.storage];
    const putAll = async (db: Db | Tx) => {
      for (const file of files) await storage.put(db, file.key, file.source);
    };
    try {
      if (!storage.transactional) await putAll(this.#db);
      await inTransaction(this.#db, async (tx) => {
        if (storage.transactional) await putAll(tx);
        await insertAttachment(tx, row);
      });
    } catch (error) {
      // Bytes written in the transaction went with it; files written before it are removed now.
      if (!storage.transactional) {
        await storage.remove(
          this.#db,
          files.map((file) => file.key),
        );
      }
      throw error;
    }
  }

  async list(member: Member, ownerType: AttachmentOwnerType, ownerId: string) {
    await this.#owner(ownerType).readable(member, ownerId);
    const rows = await listAttachments(this.#db, member.organizationId, ownerType, ownerId);
    return { items: rows.map(attachmentView), nextCursor: null };
  }

  /** One of the organization's files whose owner the member may see; 404 otherwise. */
  async #readable(member: Member, attachmentId: string): Promise<AttachmentRow> {
    const row = await findAttachment(this.#db, member.organizationId, attachmentId);
    if (!row) throw noSuchFile();
    await this.#owner(row.owner_type).readable(member, row.owner_id);
    return row;
  }

  async get(member: Member, attachmentId: string): Promise<Attachment> {
    return attachmentView(await this.#readable(member, attachmentId));
  }

  async content(
    member: Member,
    attachmentId: string,
    variant: AttachmentVariant,
  ): Promise<AttachmentContent> {
    const row = await this.#readable(member, attachmentId);
    const thumbnail = variant === 'thumbnail';
    const key = thumbnail ? row.thumbnail_key : row.content_key;
    if (key === null) throw notFound('This file has no thumbnail.');
    const content = await this.#storages[row.storage].open(this.#db, key);
    if (!content) {
      this.#log.error(
        { attachmentId: row.id, key, storage: row.storage },
        "an attachment's bytes are missing",
      );
      throw notFound("This file's content is missing.");
    }
    const stem = row.file_name.includes('.')
      ? row.file_name.slice(0, row.file_name.lastIndexOf('.'))
      : row.file_name;
    return {
      ...content,
      contentType: thumbnail ? 'image/webp' : row.content_type,
      fileName: thumbnail ? `${stem || ATTACHMENT_FALLBACK_NAME}.webp` : row.file_name,
      disposition: row.content_type.startsWith('image/') ? 'inline' : 'attachment',
    };
  }

  /**
   * Removes a file: whoever may change its owner's files, except that staff
   * remove only the files they uploaded themselves.
   */
  async remove(member: Member, attachmentId: string): Promise<void> {
    const row = await this.#readable(member, attachmentId);
    await this.#owner(row.owner_type).writable(member, row.owner_id);
    if (!MANAGERS.includes(member.role) && row.created_by !== member.userId) {
      throw forbidden('You may remove only the files you uploaded.');
    }
    await inTransaction(this.#db, async (tx) => {
      if (!(await deleteAttachment(tx, member.organizationId, attachmentId))) throw noSuchFile();
      await this.#forget(tx, [row]);
    });
  }

  /**
   * Removes every file of an owner, in the transaction that removes the
   * owner: the rows and the bytes kept in the database go with it, files on
   * disk once it has committed.
   */
  async removeAllOf(
    tx: Tx,
    organizationId: string,
    ownerType: AttachmentOwnerType,
    ownerId: string,
  ): Promise<void> {
    await this.#forget(tx, await deleteAttachmentsOf(tx, organizationId, ownerType, ownerId));
  }

  /**
   * Removes the files of work orders that are gone without saying so: a
   * house's work orders are deleted with it by the database.
   */
  async removeOfDeletedIssues(tx: Tx, organizationId: string): Promise<void> {
    await this.#forget(tx, await deleteAttachmentsOfDeletedIssues(tx, organizationId));
  }

  /** Removes the bytes of deleted rows, each from the storage that holds them. */
  async #forget(tx: Tx, rows: readonly StoredKeys[]): Promise<void> {
    for (const kind of Object.keys(this.#storages) as AttachmentStorage[]) {
      const keys = rows
        .filter((row) => row.storage === kind)
        .flatMap((row) =>
          row.thumbnail_key === null ? [row.content_key] : [row.content_key, row.thumbnail_key],
        );
      await this.#storages[kind].remove(tx, keys);
    }
  }
}
