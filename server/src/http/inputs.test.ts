import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeApp } from '../../test/app.ts';
import { bearer, registerUser, type TestSession } from '../../test/factories.ts';
import { INPUT_FORMATS } from './inputs.ts';

const PROBLEM = 'application/problem+json; charset=utf-8';

// The web app's files, so the static file server is part of the routes under test.
const webDist = mkdtempSync(path.join(tmpdir(), 'staykeep-inputs-web-'));
mkdirSync(path.join(webDist, 'assets'));
writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Staykeep</title>');

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Schema> };
}
interface OpenApiOperation {
  operationId?: string;
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
type Schema = Record<string, unknown>;

/**
 * Every string a request may carry, with where it is: resolved through
 * `$ref`s, into objects, arrays and unions.
 */
function requestStrings(document: OpenApiDocument): { where: string; schema: Schema }[] {
  const found: { where: string; schema: Schema }[] = [];
  const visit = (schema: Schema, where: string, seen: Set<string>) => {
    const ref = schema.$ref;
    if (typeof ref === 'string') {
      const name = ref.split('/').at(-1) ?? '';
      if (seen.has(name)) return;
      const target = document.components.schemas[name];
      if (target) visit(target, where, new Set([...seen, name]));
      return;
    }
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      for (const branch of (schema[key] as Schema[] | undefined) ?? []) visit(branch, where, seen);
    }
    if (schema.type === 'string' && schema.const === undefined && schema.enum === undefined) {
      found.push({ where, schema });
    }
    for (const [name, property] of Object.entries((schema.properties as Record<string, Schema>) ?? {})) {
      visit(property, `${where}.${name}`, seen);
    }
    if (schema.items && typeof schema.items === 'object') visit(schema.items as Schema, `${where}[]`, seen);
  };
  for (const [route, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const name = `${method.toUpperCase()} ${route}`;
      for (const parameter of operation.parameters ?? []) {
        visit(parameter.schema, `${name} ${parameter.in}.${parameter.name}`, new Set());
      }
      for (const [type, content] of Object.entries(operation.requestBody?.content ?? {})) {
        visit(content.schema, `${name} body(${type})`, new Set());
      }
    }
  }
  return found;
}

const CONTROL_CHARACTERS = ['\u0000', '\u0001', '\u001b', '\u007f'];

/** A string schema of the vocabulary, or one whose own pattern leaves no room for control characters. */
function refusesControlCharacters(schema: Schema): boolean {
  if (typeof schema.format === 'string' && schema.format in INPUT_FORMATS) return true;
  if (schema.format === 'email') return true;
  if (typeof schema.pattern !== 'string') return false;
  const pattern = new RegExp(schema.pattern, 'u');
  return CONTROL_CHARACTERS.every((character) => !pattern.test(`a${character}`) && !pattern.test(character));
}

describe('the input vocabulary', () => {
  it('accepts real dates from 0001-01-01 to 9999-12-31 only', () => {
    const isDate = INPUT_FORMATS['calendar-date'];
    for (const date of ['0001-01-01', '2028-02-29', '9999-12-31']) expect(isDate(date), date).toBe(true);
    for (const date of ['0000-01-01', '2026-13-01', '2026-02-30', '2027-02-29', '10000-01-01', '2026-1-01']) {
      expect(isDate(date), date).toBe(false);
    }
  });

  it('keeps control characters out of one-line values, and all but tab and line breaks out of text', () => {
    expect(INPUT_FORMATS['single-line']('Villa des Pins')).toBe(true);
    expect(INPUT_FORMATS['single-line']('a\nb')).toBe(false);
    expect(INPUT_FORMATS.text('line one\n\tline two\r\n')).toBe(true);
    for (const character of CONTROL_CHARACTERS) {
      expect(INPUT_FORMATS['single-line'](`a${character}b`)).toBe(false);
      expect(INPUT_FORMATS.text(`a${character}b`)).toBe(false);
    }
    // Half of a UTF-16 pair is no character: PostgreSQL and SQLite would each store something else.
    expect(INPUT_FORMATS.text('a\ud800b')).toBe(false);
  });
});

describeApp(
  'Hardened inputs',
  (get) => {
    let admin: TestSession;
    let houseId: string;

    beforeAll(async () => {
      const { app } = get();
      admin = await registerUser(app);
      const house = await app.inject({
        method: 'POST',
        url: '/api/v1/houses',
        headers: bearer(admin),
        payload: { code: 'maison-1', name: 'Mv1', type: 'villa', maxGuests: 4 },
      });
      expect(house.statusCode).toBe(201);
      houseId = house.json().id;
    });

    /** Sends a request as the admin and expects a 4xx problem (the status, when given). */
    async function expectProblem(
      request: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: unknown },
      status: number,
    ) {
      const response = await get().app.inject({
        method: request.method,
        url: request.url,
        headers: bearer(admin),
        ...(request.payload === undefined ? {} : { payload: request.payload as object }),
      });
      expect(response.statusCode, `${request.method} ${request.url}: ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toBe(PROBLEM);
      expect(response.json()).toMatchObject({
        status,
        type: expect.stringMatching(/^urn:staykeep:problem:/),
      });
      return response.json();
    }

    it('refuses a NUL character anywhere: path, query, body, login email', async () => {
      await expectProblem({ method: 'GET', url: '/api/v1/houses/%00' }, 400);
      await expectProblem({ method: 'POST', url: '/api/v1/sites', payload: { name: 'a\u0000b' } }, 400);
      await expectProblem(
        { method: 'GET', url: `/api/v1/calendar?from=2035-01-01&to=2035-02-01&houseId=%00` },
        400,
      );
      await expectProblem({ method: 'GET', url: '/api/v1/guests?search=a%00' }, 400);
      await expectProblem(
        {
          method: 'PATCH',
          url: `/api/v1/houses/${houseId}`,
          payload: { notes: 'gate code\u0000 1234' },
        },
        400,
      );
      const login = await get().app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `${admin.email}\u0000`, password: admin.password },
      });
      expect(login.statusCode).toBe(400);
      expect(login.headers['content-type']).toBe(PROBLEM);
      // Nothing was written: the sites list is as it was.
      const sites = await get().app.inject({ method: 'GET', url: '/api/v1/sites', headers: bearer(admin) });
      expect(sites.json().items).toEqual([]);
    });

    it('refuses an empty id where a site is named, on create and update', async () => {
      const create = await expectProblem(
        {
          method: 'POST',
          url: '/api/v1/houses',
          payload: { code: 'maison-2', name: 'Mv2', type: 'villa', maxGuests: 2, siteId: '' },
        },
        400,
      );
      expect(create.errors.map((error: { path: string }) => error.path)).toContain('body.siteId');
      await expectProblem(
        { method: 'PATCH', url: `/api/v1/houses/${houseId}`, payload: { siteId: '' } },
        400,
      );
      // An id of the right shape that names nothing is still a 404.
      await expectProblem(
        { method: 'PATCH', url: `/api/v1/houses/${houseId}`, payload: { siteId: 'nope' } },
        404,
      );
    });

    it('refuses impossible and out-of-range dates the same way on every database', async () => {
      for (const date of ['2026-13-01', '2026-02-30', '0000-01-01', '10000-01-01']) {
        await expectProblem({ method: 'GET', url: `/api/v1/operations/daily?date=${date}` }, 400);
      }
      // The first and last days of the range have a day before and after that every database reads.
      for (const date of ['0001-01-01', '9999-12-31']) {
        const response = await get().app.inject({
          method: 'GET',
          url: `/api/v1/operations/daily?date=${date}`,
          headers: bearer(admin),
        });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json().date).toBe(date);
      }
      const stay = { houseId, guestName: 'Ann Year', guests: 1 };
      await expectProblem(
        {
          method: 'POST',
          url: '/api/v1/reservations',
          payload: { ...stay, checkIn: '0000-01-01', checkOut: '0000-01-03' },
        },
        400,
      );
      await expectProblem(
        {
          method: 'POST',
          url: '/api/v1/blocks',
          payload: { houseId, start: '0000-01-01', end: '0000-01-03', kind: 'owner' },
        },
        400,
      );
      await expectProblem({ method: 'GET', url: '/api/v1/calendar?from=0000-01-01&to=0000-02-01' }, 400);
      await expectProblem(
        { method: 'GET', url: '/api/v1/availability?checkIn=0000-01-01&checkOut=0000-01-03' },
        400,
      );
      await expectProblem({ method: 'GET', url: '/api/v1/reservations?from=0000-01-01&to=0000-02-01' }, 400);
      await expectProblem({ method: 'GET', url: '/api/v1/reservations?from=2026-02-30&to=2026-03-01' }, 400);
    });

    it('keeps stays at the ends of the date range readable on every database', async () => {
      const { app } = get();
      for (const [checkIn, checkOut] of [
        ['0001-01-01', '0001-01-03'],
        ['9999-12-29', '9999-12-31'],
      ]) {
        const created = await app.inject({
          method: 'POST',
          url: '/api/v1/reservations',
          headers: bearer(admin),
          payload: { houseId, guestName: 'Edge Case', guests: 1, checkIn, checkOut, totalPrice: '300.00' },
        });
        expect(created.statusCode, created.body).toBe(201);
      }
      const first = await app.inject({
        method: 'GET',
        url: '/api/v1/reservations?from=0001-01-01&to=0001-02-01',
        headers: bearer(admin),
      });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().items.map((stay: { checkIn: string }) => stay.checkIn)).toEqual(['0001-01-01']);
      const last = await app.inject({
        method: 'GET',
        url: '/api/v1/calendar?from=9999-12-01&to=9999-12-31&format=days',
        headers: bearer(admin),
      });
      expect(last.statusCode, last.body).toBe(200);
    });

    it('refuses a range that ends before it starts, on every list', async () => {
      await expectProblem({ method: 'GET', url: '/api/v1/reservations?from=2026-03-10&to=2026-03-01' }, 400);
      await expectProblem({ method: 'GET', url: '/api/v1/blocks?from=2026-03-10&to=2026-03-01' }, 400);
      await expectProblem({ method: 'GET', url: '/api/v1/calendar?from=2026-03-10&to=2026-03-01' }, 400);
      // An empty window lists nothing.
      const empty = await get().app.inject({
        method: 'GET',
        url: '/api/v1/reservations?from=2026-03-01&to=2026-03-01',
        headers: bearer(admin),
      });
      expect(empty.statusCode).toBe(200);
      expect(empty.json().items).toEqual([]);
    });

    it('trims names, refuses blank ones and negative prices', async () => {
      const { app } = get();
      await expectProblem(
        { method: 'PATCH', url: `/api/v1/houses/${houseId}`, payload: { name: '   ' } },
        400,
      );
      await expectProblem(
        { method: 'PATCH', url: `/api/v1/houses/${houseId}`, payload: { nightlyPrice: '-100.00' } },
        400,
      );
      await expectProblem(
        { method: 'PATCH', url: `/api/v1/houses/${houseId}`, payload: { nightlyPrice: -100 } },
        400,
      );
      const renamed = await app.inject({
        method: 'PATCH',
        url: `/api/v1/houses/${houseId}`,
        headers: bearer(admin),
        payload: { name: '  Villa Mv1  ' },
      });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().name).toBe('Villa Mv1');
      expect(renamed.json().nightlyPrice).toBeNull();
    });

    it('refuses a forged cursor with a 400, whatever it holds', async () => {
      const forged = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
      for (const cursor of [
        forged(['not-a-date', 'x']),
        forged(['2026-02-30', 'x']),
        forged([1, 2]),
        'garbage',
      ]) {
        await expectProblem({ method: 'GET', url: `/api/v1/reservations?cursor=${cursor}` }, 400);
      }
      await expectProblem(
        {
          method: 'GET',
          url: `/api/v1/houses/${houseId}/checklist/rounds?cursor=${forged(['yesterday', 'x'])}`,
        },
        400,
      );
    });

    it('answers router errors as problems, and an unknown path of any shape with 404', async () => {
      const { app } = get();
      await expectProblem({ method: 'GET', url: '/api/v1/houses/%ZZ' }, 400);
      const longId = 'a'.repeat(101);
      await expectProblem({ method: 'PATCH', url: `/api/v1/houses/${longId}`, payload: { name: 'x' } }, 400);
      await expectProblem({ method: 'DELETE', url: `/api/v1/houses/${longId}` }, 400);
      const absurd = await app.inject({ method: 'DELETE', url: `/api/v1/houses/${'a'.repeat(1_001)}` });
      expect(absurd.statusCode).toBe(414);
      expect(absurd.headers['content-type']).toBe(PROBLEM);

      for (const url of [`/${'a'.repeat(256)}`, `/assets/${'a'.repeat(256)}`, `/api/v1/${'a'.repeat(256)}`]) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(404);
        expect(response.headers['content-type']).toBe(PROBLEM);
      }
      // A browser asking for a page gets the web app, which shows its own "not found".
      const page = await app.inject({
        method: 'GET',
        url: `/${'a'.repeat(256)}`,
        headers: { accept: 'text/html' },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>Staykeep</title>');
    });

    it('uses the vocabulary for every string a request may carry', async () => {
      const document = (await get().app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
      const strings = requestStrings(document);
      expect(strings.length).toBeGreaterThan(50);
      const loose = strings
        .filter(({ schema }) => !refusesControlCharacters(schema))
        .map(({ where }) => where);
      expect(loose).toEqual([]);
    });
  },
  { config: { webDistDir: webDist } },
);
