import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import Fastify from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeApp, type TestContext, testConfig } from '../../../test/app.ts';
import {
  addMember,
  bearer,
  createHouse,
  createReservation,
  type House,
  registerUser,
  type TestSession,
} from '../../../test/factories.ts';
import {
  fileUpload,
  HTML_PAGE,
  jpeg,
  jpegFromPhone,
  multipart,
  noisyJpeg,
  pdfWithJavaScript,
  pngDeclaring,
  pngZipPolyglot,
  truncatedJpeg,
} from '../../../test/upload-files.ts';
import { AppError, registerErrorHandling } from '../../http/errors.ts';
import { type Member, TEAM } from '../../kernel/access.ts';
import { contentDisposition } from './files.routes.ts';
import { FilesService } from './files.service.ts';
import { heicSupported } from './images.ts';
import { displayName, multipartOptions } from './upload.ts';

const PROBLEM = 'application/problem+json; charset=utf-8';

type Actor = TestSession | { headers: Record<string, string> };
const headersOf = (actor: Actor) => ('headers' in actor ? actor.headers : bearer(actor));

/** Every file under a folder, relative to it. */
function filesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The temporary folders uploads are received into, while they are checked. */
const receivingFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('staykeep-upload-'));

async function stored(get: () => TestContext) {
  const { db } = get().app;
  const rows = await db
    .selectFrom('attachments')
    .select(db.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const contents = await db
    .selectFrom('attachment_contents')
    .select(db.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows: Number(rows.n), contents: Number(contents.n) };
}

function uploadTo(get: () => TestContext, actor: Actor, houseId: string, body: ReturnType<typeof multipart>) {
  return get().app.inject({
    method: 'POST',
    url: `/api/v1/houses/${houseId}/attachments`,
    headers: { ...headersOf(actor), ...body.headers },
    payload: body.payload,
  });
}

function read(get: () => TestContext, actor: Actor, url: string) {
  return get().app.inject({ method: 'GET', url, headers: headersOf(actor) });
}

/**
 * Checks that a refused upload left nothing: no row, no bytes in the
 * database, no file in the uploads folder, no temporary folder.
 */
async function expectNothingStored<Response extends { statusCode: number; body: string; headers: object }>(
  get: () => TestContext,
  attempt: () => Promise<Response>,
  status: number,
  directory?: string,
): Promise<Response> {
  const before = await stored(get);
  const filesBefore = directory ? filesUnder(directory) : [];
  const receivingBefore = receivingFolders().length;
  const response = await attempt();
  expect(response.statusCode, response.body).toBe(status);
  expect((response.headers as Record<string, unknown>)['content-type']).toBe(PROBLEM);
  expect(await stored(get)).toEqual(before);
  if (directory) expect(filesUnder(directory)).toEqual(filesBefore);
  expect(receivingFolders().length).toBeLessThanOrEqual(receivingBefore);
  return response;
}

describe('file names and headers', () => {
  it('keeps only the last segment of a name, without control or invisible characters, 200 at most', () => {
    expect(displayName('../../etc/passwd', 'file.jpg')).toBe('passwd');
    expect(displayName('..\\..\\Windows\\win.ini', 'file.jpg')).toBe('win.ini');
    expect(displayName('..', 'file.jpg')).toBe('file.jpg');
    expect(displayName('', 'file.pdf')).toBe('file.pdf');
    expect(displayName(undefined, 'file.pdf')).toBe('file.pdf');
    expect(displayName('in\u0000voice\u202Efdp.exe\r\n', 'file.pdf')).toBe('invoicefdp.exe');
    const long = displayName(`${'é'.repeat(300)}.jpg`, 'file.jpg');
    expect(Array.from(long)).toHaveLength(200);
    expect(long.endsWith('.jpg')).toBe(true);
  });

  it('writes Content-Disposition with an ASCII name and the exact UTF-8 one', () => {
    expect(contentDisposition('attachment', 'Facture été "2026".pdf')).toBe(
      `attachment; filename="Facture ete _2026_.pdf"; filename*=UTF-8''Facture%20%C3%A9t%C3%A9%20%222026%22.pdf`,
    );
    expect(contentDisposition('inline', "l'été (1).jpg")).toBe(
      `inline; filename="l'ete (1).jpg"; filename*=UTF-8''l%27%C3%A9t%C3%A9%20%281%29.jpg`,
    );
  });
});

describeApp('attachments kept in the database', (get) => {
  let admin: TestSession;
  let house: House;

  beforeAll(async () => {
    admin = await registerUser(get().app);
    house = await createHouse(get().app, admin);
  });

  async function upload(
    data: Uint8Array,
    options: Parameters<typeof fileUpload>[1] = {},
    houseId = house.id,
  ) {
    const response = await uploadTo(get, admin, houseId, fileUpload(data, options));
    expect(response.statusCode, response.body).toBe(201);
    return response;
  }

  it('re-encodes a photo upright, without its EXIF and GPS position, with a thumbnail', async () => {
    const original = await jpegFromPhone(400, 200);
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);

    const response = await upload(original, { fileName: 'IMG_0001.jpg' });
    const attachment = response.json();
    expect(response.headers.location).toBe(`/api/v1/attachments/${attachment.id}`);
    expect(attachment).toMatchObject({
      kind: 'photo',
      fileName: 'IMG_0001.jpg',
      contentType: 'image/jpeg',
      width: 200,
      height: 400,
      createdBy: admin.user.id,
      url: `/api/v1/attachments/${attachment.id}/content`,
      thumbnailUrl: `/api/v1/attachments/${attachment.id}/content?variant=thumbnail`,
    });

    const served = await read(get, admin, attachment.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['content-length']).toBe(String(attachment.size));
    expect(served.headers['content-disposition']).toBe(
      `inline; filename="IMG_0001.jpg"; filename*=UTF-8''IMG_0001.jpg`,
    );
    const bytes = served.rawPayload;
    expect(bytes.length).toBe(attachment.size);
    const after = await sharp(bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect([after.width, after.height]).toEqual([200, 400]);
    expect(bytes.includes('StaykeepTestCam')).toBe(false);

    const thumbnail = await read(get, admin, attachment.thumbnailUrl);
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    const small = await sharp(thumbnail.rawPayload).metadata();
    expect(small.format).toBe('webp');
    expect([small.width, small.height]).toEqual([160, 320]);

    const listed = await read(get, admin, `/api/v1/houses/${house.id}/attachments`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toContainEqual(attachment);
    expect(listed.json().nextCursor).toBeNull();
  });

  it('re-encodes a PNG that is also a ZIP archive: the archive is gone', async () => {
    const polyglot = await pngZipPolyglot();
    expect(polyglot.includes('PK\x03\x04')).toBe(true);
    const attachment = (await upload(polyglot, { fileName: 'map.png', contentType: 'image/png' })).json();
    expect(attachment.contentType).toBe('image/png');
    const served = (await read(get, admin, attachment.url)).rawPayload;
    expect(served.includes('PK\x03\x04')).toBe(false);
    expect(served.includes('<script>')).toBe(false);
    expect(served.equals(polyglot)).toBe(false);
    expect((await sharp(served).metadata()).format).toBe('png');
  });

  it('refuses an HTML page named photo.jpg and declared image/jpeg (415), and stores nothing', async () => {
    const response = await expectNothingStored(
      get,
      () =>
        uploadTo(
          get,
          admin,
          house.id,
          fileUpload(HTML_PAGE, { fileName: 'photo.jpg', contentType: 'image/jpeg' }),
        ),
      415,
    );
    expect(response.json().type).toBe('urn:staykeep:problem:unsupported-media-type');
  });

  it('refuses an image declaring 20000 × 20000 pixels from its header (413), without decoding it', async () => {
    const bomb = pngDeclaring(20_000, 20_000);
    expect(bomb.length).toBeLessThan(2_000);
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const response = await expectNothingStored(
      get,
      () =>
        uploadTo(get, admin, house.id, fileUpload(bomb, { fileName: 'bomb.png', contentType: 'image/png' })),
      413,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    expect(response.json().detail).toContain('pixel limit');
  });

  it('refuses an empty file (400, on the field file)', async () => {
    const response = await expectNothingStored(
      get,
      () => uploadTo(get, admin, house.id, fileUpload(Buffer.alloc(0))),
      400,
    );
    expect(response.json().errors).toEqual([
      expect.objectContaining({ path: 'body.file', code: 'required' }),
    ]);
  });

  it('refuses a truncated JPEG as a client error, not a 500', async () => {
    const response = await expectNothingStored(
      get,
      async () => uploadTo(get, admin, house.id, fileUpload(await truncatedJpeg())),
      400,
    );
    expect(response.json().errors).toEqual([expect.objectContaining({ path: 'body.file' })]);
  });

  it('keeps a PDF as it came, served only as a download in a sandbox', async () => {
    const pdf = pdfWithJavaScript();
    const response = await upload(pdf, {
      fileName: 'facture été.pdf',
      contentType: 'application/pdf',
      kind: 'invoice',
    });
    const attachment = response.json();
    expect(attachment).toMatchObject({
      kind: 'invoice',
      contentType: 'application/pdf',
      fileName: 'facture été.pdf',
      size: pdf.length,
      width: null,
      height: null,
      thumbnailUrl: null,
    });
    const served = await read(get, admin, attachment.url);
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(pdf)).toBe(true);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['content-disposition']).toBe(
      `attachment; filename="facture ete.pdf"; filename*=UTF-8''facture%20%C3%A9t%C3%A9.pdf`,
    );
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toContain('sandbox');
    expect(served.headers['content-security-policy']).toContain("default-src 'none'");
    expect(served.headers['cache-control']).toMatch(/^private/);
    // A PDF has no thumbnail.
    expect((await read(get, admin, `${attachment.url}?variant=thumbnail`)).statusCode).toBe(404);
    // Not a photo, whatever it says.
    await expectNothingStored(
      get,
      () => uploadTo(get, admin, house.id, fileUpload(pdf, { fileName: 'a.pdf', kind: 'photo' })),
      415,
    );
  });

  it('takes documents as documents by default, and photos of receipts as receipts', async () => {
    const pdf = (await upload(pdfWithJavaScript(), { fileName: 'manual.pdf' })).json();
    expect(pdf.kind).toBe('document');
    const receipt = (await upload(await jpeg(), { kind: 'receipt' })).json();
    expect(receipt.kind).toBe('receipt');
  });

  it('refuses a malformed upload with a 400 or 415 naming what is wrong', async () => {
    const photo = await jpeg();
    const noFile = await expectNothingStored(
      get,
      () => uploadTo(get, admin, house.id, multipart([{ name: 'kind', value: 'photo' }])),
      400,
    );
    expect(noFile.json().errors).toEqual([expect.objectContaining({ path: 'body.file', code: 'required' })]);

    const twoFiles = await expectNothingStored(
      get,
      () =>
        uploadTo(
          get,
          admin,
          house.id,
          multipart([
            { name: 'file', fileName: 'a.jpg', contentType: 'image/jpeg', data: photo },
            { name: 'file', fileName: 'b.jpg', contentType: 'image/jpeg', data: photo },
          ]),
        ),
      400,
    );
    expect(twoFiles.json().errors).toEqual([
      expect.objectContaining({ path: 'body.file', code: 'too-many' }),
    ]);

    const unknownField = await expectNothingStored(
      get,
      () =>
        uploadTo(
          get,
          admin,
          house.id,
          multipart([
            { name: 'owner', value: 'someone else' },
            { name: 'file', fileName: 'a.jpg', contentType: 'image/jpeg', data: photo },
          ]),
        ),
      400,
    );
    expect(unknownField.json().errors).toEqual([
      expect.objectContaining({ path: 'body.owner', code: 'unknown-property' }),
    ]);

    const wrongPart = await expectNothingStored(
      get,
      () =>
        uploadTo(
          get,
          admin,
          house.id,
          multipart([{ name: 'picture', fileName: 'a.jpg', contentType: 'image/jpeg', data: photo }]),
        ),
      400,
    );
    expect(wrongPart.json().errors).toEqual([
      expect.objectContaining({ path: 'body.picture', code: 'unknown-property' }),
    ]);

    const badKind = await expectNothingStored(
      get,
      () => uploadTo(get, admin, house.id, fileUpload(photo, { kind: 'selfie' })),
      400,
    );
    expect(badKind.json().errors).toEqual([
      expect.objectContaining({ path: 'body.kind', code: 'not-allowed' }),
    ]);

    const json = await expectNothingStored(
      get,
      () =>
        get().app.inject({
          method: 'POST',
          url: `/api/v1/houses/${house.id}/attachments`,
          headers: bearer(admin),
          payload: { file: 'aGVsbG8=' },
        }),
      415,
    );
    expect(json.json().detail).toContain('multipart/form-data');

    const raw = await expectNothingStored(
      get,
      () =>
        get().app.inject({
          method: 'POST',
          url: `/api/v1/houses/${house.id}/attachments`,
          headers: { ...bearer(admin), 'content-type': 'image/jpeg' },
          payload: photo,
        }),
      415,
    );
    expect(raw.json().status).toBe(415);

    const cutShort = fileUpload(photo);
    await expectNothingStored(
      get,
      () =>
        uploadTo(get, admin, house.id, {
          headers: cutShort.headers,
          payload: cutShort.payload.subarray(0, cutShort.payload.length - 300),
        }),
      400,
    );
  });

  it('hides another organization’s files and houses (404), and what an owner is not assigned', async () => {
    const attachment = (await upload(await jpeg())).json();
    const stranger = await registerUser(get().app);
    for (const url of [
      attachment.url,
      `/api/v1/attachments/${attachment.id}`,
      `/api/v1/houses/${house.id}/attachments`,
    ]) {
      const response = await read(get, stranger, url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toBe(PROBLEM);
    }
    const deleted = await get().app.inject({
      method: 'DELETE',
      url: `/api/v1/attachments/${attachment.id}`,
      headers: bearer(stranger),
    });
    expect(deleted.statusCode).toBe(404);
    await expectNothingStored(
      get,
      async () => uploadTo(get, stranger, house.id, fileUpload(await jpeg())),
      404,
    );

    // An owner (of houses, a role) sees only the houses assigned to them.
    const owner = await addMember(get().app, admin, 'owner');
    expect((await read(get, owner, attachment.url)).statusCode).toBe(404);
    expect((await read(get, owner, `/api/v1/houses/${house.id}/attachments`)).statusCode).toBe(404);
    const assigned = await get().app.inject({
      method: 'PUT',
      url: `/api/v1/members/${owner.user.id}/houses`,
      headers: bearer(admin),
      payload: { houseIds: [house.id] },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await read(get, owner, attachment.url)).statusCode).toBe(200);
    await expectNothingStored(get, async () => uploadTo(get, owner, house.id, fileUpload(await jpeg())), 403);

    // Staff work in the houses but do not change their files.
    const staff = await addMember(get().app, admin, 'staff');
    expect((await read(get, staff, attachment.url)).statusCode).toBe(200);
    await expectNothingStored(get, async () => uploadTo(get, staff, house.id, fileUpload(await jpeg())), 403);
    const staffDelete = await get().app.inject({
      method: 'DELETE',
      url: `/api/v1/attachments/${attachment.id}`,
      headers: staff.headers,
    });
    expect(staffDelete.statusCode).toBe(403);
    expect((await read(get, admin, attachment.url)).statusCode).toBe(200);

    // No credentials: 401, never the bytes.
    const anonymous = await get().app.inject({ method: 'GET', url: attachment.url });
    expect(anonymous.statusCode).toBe(401);
  });

  it('keeps the bytes in the database and removes them with the file', async () => {
    const photo = await jpeg(80, 60);
    const attachment = (await upload(photo)).json();
    const row = await get()
      .app.db.selectFrom('attachments')
      .selectAll()
      .where('id', '=', attachment.id)
      .executeTakeFirstOrThrow();
    expect(row.storage).toBe('database');
    expect(row.content_key).toMatch(/^[0-9a-f-]{36}\.jpg$/);
    const keys = [row.content_key, row.thumbnail_key ?? ''];
    const contents = () =>
      get().app.db.selectFrom('attachment_contents').select('key').where('key', 'in', keys).execute();
    expect(await contents()).toHaveLength(2);

    const served = await read(get, admin, attachment.url);
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.length).toBe(attachment.size);

    const deleted = await get().app.inject({
      method: 'DELETE',
      url: `/api/v1/attachments/${attachment.id}`,
      headers: bearer(admin),
    });
    expect(deleted.statusCode).toBe(204);
    expect(await contents()).toHaveLength(0);
    expect((await read(get, admin, attachment.url)).statusCode).toBe(404);
    expect(
      (await read(get, admin, `/api/v1/houses/${house.id}/attachments`)).json().items,
    ).not.toContainEqual(attachment);
  });

  it('removes the files of a deleted house with it', async () => {
    const doomed = await createHouse(get().app, admin);
    const first = (await upload(await jpeg(), {}, doomed.id)).json();
    const second = (await upload(pdfWithJavaScript(), { fileName: 'plan.pdf' }, doomed.id)).json();
    const before = await stored(get);

    const deleted = await get().app.inject({
      method: 'DELETE',
      url: `/api/v1/houses/${doomed.id}`,
      headers: bearer(admin),
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    // Two rows, and three contents (a photo, its thumbnail, a PDF).
    expect(await stored(get)).toEqual({ rows: before.rows - 2, contents: before.contents - 3 });
    for (const attachment of [first, second]) {
      expect((await read(get, admin, attachment.url)).statusCode).toBe(404);
    }
  });

  it('keeps the files of a house whose deletion is refused', async () => {
    const busy = await createHouse(get().app, admin);
    await createReservation(get().app, admin, { houseId: busy.id });
    const attachment = (await upload(await jpeg(), {}, busy.id)).json();
    const refused = await get().app.inject({
      method: 'DELETE',
      url: `/api/v1/houses/${busy.id}`,
      headers: bearer(admin),
    });
    expect(refused.statusCode).toBe(409);
    expect((await read(get, admin, attachment.url)).statusCode).toBe(200);
  });

  it('documents the upload as multipart/form-data in the OpenAPI document', async () => {
    const document = (await get().app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const operation = document.paths['/api/v1/houses/{houseId}/attachments'].post;
    expect(operation.operationId).toBe('uploadHouseAttachment');
    const body = operation.requestBody.content['multipart/form-data'].schema;
    expect(body.required).toEqual(['file']);
    expect(Object.keys(body.properties)).toEqual(['file', 'kind']);
    expect(document.paths['/api/v1/maintenance/issues/{issueId}/attachments'].get.operationId).toBe(
      'listMaintenanceIssueAttachments',
    );
    expect(operation['x-policy']).toEqual(['admin', 'manager']);
  });
});

const uploadsDirectory = mkdtempSync(path.join(tmpdir(), 'staykeep-uploads-test-'));
afterAll(() => {
  rmSync(uploadsDirectory, { recursive: true, force: true });
});

describeApp(
  'attachments kept on disk',
  (get) => {
    let admin: TestSession;
    let house: House;

    beforeAll(async () => {
      admin = await registerUser(get().app);
      house = await createHouse(get().app, admin);
    });

    async function storedFiles(attachmentId: string) {
      const row = await get()
        .app.db.selectFrom('attachments')
        .selectAll()
        .where('id', '=', attachmentId)
        .executeTakeFirstOrThrow();
      expect(row.storage).toBe('disk');
      return [row.content_key, row.thumbnail_key]
        .filter((key) => key !== null)
        .map((key) => path.join(uploadsDirectory, key.slice(0, 2), key));
    }

    it('keeps a file named ../../etc/passwd under a generated name inside the uploads folder', async () => {
      const outside = path.resolve(uploadsDirectory, '../../etc/passwd');
      const outsideBefore = existsSync(outside) ? readFileSync(outside) : null;
      const response = await uploadTo(
        get,
        admin,
        house.id,
        fileUpload(await jpeg(), { fileName: '../../etc/passwd', contentType: 'image/jpeg' }),
      );
      expect(response.statusCode, response.body).toBe(201);
      const attachment = response.json();
      expect(attachment.fileName).toBe('passwd');
      const [file, thumbnail] = await storedFiles(attachment.id);
      expect(path.basename(file ?? '')).toMatch(/^[0-9a-f-]{36}\.jpg$/);
      expect(path.basename(thumbnail ?? '')).toMatch(/^[0-9a-f-]{36}\.thumb\.webp$/);
      for (const stored of filesUnder(uploadsDirectory)) {
        expect(stored).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}(\.thumb)?\.(jpg|png|webp|pdf)$/);
      }
      expect(filesUnder(uploadsDirectory).some((name) => name.includes('passwd'))).toBe(false);
      expect(existsSync(outside) ? readFileSync(outside) : null).toEqual(outsideBefore);
      expect(existsSync(path.join(tmpdir(), 'passwd'))).toBe(false);
    });

    it('stores, serves and deletes a file on disk', async () => {
      const photo = await jpeg(120, 90);
      const response = await uploadTo(get, admin, house.id, fileUpload(photo));
      expect(response.statusCode, response.body).toBe(201);
      const attachment = response.json();
      const [file, thumbnail] = await storedFiles(attachment.id);
      expect(existsSync(file ?? '')).toBe(true);
      expect(existsSync(thumbnail ?? '')).toBe(true);

      const served = await read(get, admin, attachment.url);
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-length']).toBe(String(attachment.size));
      expect(served.rawPayload.equals(readFileSync(file ?? ''))).toBe(true);
      const head = await get().app.inject({ method: 'HEAD', url: attachment.url, headers: bearer(admin) });
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-length']).toBe(String(attachment.size));
      expect(head.rawPayload.length).toBe(0);

      const deleted = await get().app.inject({
        method: 'DELETE',
        url: `/api/v1/attachments/${attachment.id}`,
        headers: bearer(admin),
      });
      expect(deleted.statusCode).toBe(204);
      // Files go once the row's deletion has committed.
      await vi.waitFor(() => {
        expect(existsSync(file ?? '')).toBe(false);
        expect(existsSync(thumbnail ?? '')).toBe(false);
      });
      expect((await read(get, admin, attachment.url)).statusCode).toBe(404);
    });

    it('leaves no file behind when an upload is refused', async () => {
      await expectNothingStored(
        get,
        () => uploadTo(get, admin, house.id, fileUpload(HTML_PAGE, { fileName: 'index.jpg' })),
        415,
        uploadsDirectory,
      );
      await expectNothingStored(
        get,
        async () => uploadTo(get, admin, house.id, fileUpload(await truncatedJpeg())),
        400,
        uploadsDirectory,
      );
      await expectNothingStored(
        get,
        () =>
          uploadTo(
            get,
            admin,
            house.id,
            fileUpload(pngDeclaring(20_000, 20_000), { contentType: 'image/png' }),
          ),
        413,
        uploadsDirectory,
      );
    });

    it('removes the files of a deleted house from the disk', async () => {
      const doomed = await createHouse(get().app, admin);
      const response = await uploadTo(get, admin, doomed.id, fileUpload(await jpeg()));
      expect(response.statusCode, response.body).toBe(201);
      const files = await storedFiles(response.json().id);
      const deleted = await get().app.inject({
        method: 'DELETE',
        url: `/api/v1/houses/${doomed.id}`,
        headers: bearer(admin),
      });
      expect(deleted.statusCode, deleted.body).toBe(204);
      await vi.waitFor(() => {
        for (const file of files) expect(existsSync(file)).toBe(false);
      });
    });
  },
  { config: { uploads: { ...testConfig().uploads, storage: 'disk', directory: uploadsDirectory } } },
);

const smallUploadsDirectory = mkdtempSync(path.join(tmpdir(), 'staykeep-uploads-small-'));
afterAll(() => {
  rmSync(smallUploadsDirectory, { recursive: true, force: true });
});

describeApp(
  'an upload over the size limit',
  (get) => {
    it('is refused with 413, and nothing of it is kept on disk or in the database', async () => {
      const admin = await registerUser(get().app);
      const house = await createHouse(get().app, admin);
      const big = await noisyJpeg(256, 256);
      expect(big.length).toBeGreaterThan(64 * 1024);
      const response = await expectNothingStored(
        get,
        () => uploadTo(get, admin, house.id, fileUpload(big)),
        413,
        smallUploadsDirectory,
      );
      expect(response.json().detail).toContain('65,536 bytes');

      // Just under the limit is taken.
      const fits = await noisyJpeg(96, 96);
      expect(fits.length).toBeLessThan(64 * 1024);
      expect((await uploadTo(get, admin, house.id, fileUpload(fits))).statusCode).toBe(201);
    });
  },
  {
    config: {
      uploads: {
        ...testConfig().uploads,
        storage: 'disk',
        directory: smallUploadsDirectory,
        maxBytes: 64 * 1024,
      },
    },
  },
);

describeApp('staff and the files they uploaded', (get) => {
  it('lets staff remove the files they uploaded, not those of others', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const house = await createHouse(app, admin);
    const staff = await addMember(app, admin, 'staff');
    const organizationId = staff.organizationId;
    const members: Record<string, Member> = {
      admin: { userId: admin.user.id, organizationId, role: 'admin' },
      staff: { userId: staff.user.id, organizationId, role: 'staff' },
    };
    // An owner whose files the whole team adds, as a work order's are, on a service of its own.
    const files = new FilesService({
      db: app.db,
      config: testConfig().uploads,
      now: () => new Date(),
      log: app.log,
    });
    files.registerOwner('house', {
      readable: async () => {},
      writable: async (member) => {
        if (!TEAM.includes(member.role)) throw new AppError(403, 'forbidden', 'Not the team.');
      },
    });
    const uploads = Fastify();
    registerErrorHandling(uploads);
    await uploads.register(fastifyMultipart, multipartOptions(testConfig().uploads));
    uploads.post<{ Params: { as: string } }>('/as/:as', async (request, reply) => {
      const member = members[request.params.as] as Member;
      return reply.code(201).send(await files.upload(member, 'house', house.id, request));
    });
    try {
      const uploadAs = async (as: string) => {
        const body = fileUpload(await jpeg());
        const response = await uploads.inject({ method: 'POST', url: `/as/${as}`, ...body });
        expect(response.statusCode, response.body).toBe(201);
        return response.json();
      };
      const byAdmin = await uploadAs('admin');
      const byStaff = await uploadAs('staff');
      expect(byStaff.createdBy).toBe(staff.user.id);

      await expect(files.remove(members.staff as Member, byAdmin.id)).rejects.toMatchObject({ status: 403 });
      expect((await files.list(members.staff as Member, 'house', house.id)).items).toHaveLength(2);
      await files.remove(members.staff as Member, byStaff.id);
      await files.remove(members.admin as Member, byAdmin.id);
      expect((await files.list(members.staff as Member, 'house', house.id)).items).toEqual([]);

      // Bytes the server holds (the demo data) go through the same checks as an upload.
      const attached = await files.attach(members.admin as Member, 'house', house.id, {
        data: pdfWithJavaScript(),
        fileName: '../../invoice.pdf',
        kind: 'invoice',
      });
      expect(attached).toMatchObject({
        kind: 'invoice',
        fileName: 'invoice.pdf',
        contentType: 'application/pdf',
      });
      await expect(
        files.attach(members.admin as Member, 'house', house.id, { data: HTML_PAGE, fileName: 'a.jpg' }),
      ).rejects.toMatchObject({ status: 415 });
    } finally {
      await uploads.close();
    }
  });
});

/** The start of a HEIC photo, as an iPhone writes it: an ISO media file of brand `heic`. */
const HEIC_START = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypheic', 'latin1'),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('mif1heic', 'latin1'),
  Buffer.alloc(256),
]);

describeApp('HEIC photos', (get) => {
  it('are refused with 415 when the image library cannot read them (its prebuilt binaries read AVIF only)', async () => {
    const admin = await registerUser(get().app);
    const house = await createHouse(get().app, admin);
    const response = await expectNothingStored(
      get,
      () =>
        uploadTo(
          get,
          admin,
          house.id,
          fileUpload(HEIC_START, { fileName: 'IMG_0002.HEIC', contentType: 'image/heic' }),
        ),
      // Where the library reads HEIC, these few bytes are no image it can decode.
      heicSupported() ? 400 : 415,
    );
    if (!heicSupported()) expect(response.json().detail).toContain('HEIC');
  });
});
