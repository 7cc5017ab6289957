import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeApp, testConfig } from '../../test/app.ts';
import { buildApp } from '../app.ts';
import { MoneyInput } from './money.ts';
import type { AppInstance } from './types.ts';

// Routes that exist only in this test, to reach the body parser, the schema
// validator and the handler of unexpected errors.
function addProbeRoutes(app: AppInstance): void {
  app.post(
    '/api/v1/probe',
    {
      config: { policy: 'public' },
      schema: {
        body: Type.Object(
          {
            name: Type.String({ minLength: 1 }),
            nights: Type.Integer({ minimum: 1 }),
            note: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
            price: Type.Optional(Type.Union([MoneyInput, Type.Null()])),
            kind: Type.Optional(Type.Union([Type.Literal('stay'), Type.Literal('block')])),
            email: Type.Optional(Type.String({ format: 'email' })),
            tags: Type.Optional(Type.Array(Type.String(), { maxItems: 2 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({ received: request.body }),
  );
  app.get(
    '/api/v1/probe/list',
    {
      config: { policy: 'public' },
      schema: {
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }),
      },
    },
    async (request) => ({ received: request.query }),
  );
  app.get('/api/v1/probe/crash', { config: { policy: 'public' } }, async () => {
    throw new Error('SQLITE_ERROR: no such column: secret_column in SELECT * FROM users');
  });
}

describeApp(
  'HTTP conventions',
  (get) => {
    it('answers an unknown route with a problem+json 404, with or without a body', async () => {
      const { app } = get();
      const plain = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
      expect(plain.statusCode).toBe(404);
      expect(plain.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(plain.json()).toMatchObject({
        type: 'urn:staykeep:problem:not-found',
        status: 404,
        title: 'Not Found',
      });

      const withBadJson = await app.inject({
        method: 'POST',
        url: '/api/v1/nothing-here',
        headers: { 'content-type': 'application/json' },
        payload: '{not json',
      });
      expect(withBadJson.statusCode).toBe(404);
    });

    it('answers a malformed JSON body with a problem+json 400', async () => {
      const { app } = get();
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/probe',
        headers: { 'content-type': 'application/json' },
        payload: '{"name": ',
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.json()).toEqual({
        type: 'urn:staykeep:problem:malformed-json',
        title: 'Bad Request',
        status: 400,
        detail: 'The body is not valid JSON.',
      });
    });

    it('rejects a body larger than the limit with 413', async () => {
      const { app } = get();
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/probe',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ padding: 'x'.repeat(1_100_000) }),
      });
      expect(response.statusCode).toBe(413);
      expect(response.json().type).toBe('urn:staykeep:problem:body-too-large');
    });

    it('answers a schema violation with 400 and the path of each wrong field', async () => {
      const { app } = get();
      const missing = await app.inject({ method: 'POST', url: '/api/v1/probe', payload: { name: 'Mv1' } });
      expect(missing.statusCode).toBe(400);
      expect(missing.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(missing.json()).toMatchObject({
        type: 'urn:staykeep:problem:validation-error',
        status: 400,
        errors: [{ path: 'body.nights', code: 'required', message: 'is required' }],
      });
      const tooSmall = await app.inject({
        method: 'POST',
        url: '/api/v1/probe',
        payload: { name: 'Mv1', nights: 0 },
      });
      expect(tooSmall.json().errors).toEqual([
        { path: 'body.nights', code: 'too-small', limit: 1, message: 'must be at least 1' },
      ]);
    });

    it.each([
      [{ name: '' }, { path: 'body.name', code: 'required', message: 'is required' }],
      [
        { nights: 1.5 },
        { path: 'body.nights', code: 'wrong-type', expected: ['integer'], message: 'must be a whole number' },
      ],
      // A nullable text: the text's own complaint, not "must be null" nor "must match a schema in anyOf".
      [
        { note: 'x'.repeat(21) },
        { path: 'body.note', code: 'too-long', limit: 20, message: 'must be at most 20 characters' },
      ],
      [
        { note: 3 },
        {
          path: 'body.note',
          code: 'wrong-type',
          expected: ['string', 'null'],
          message: 'must be a string or null',
        },
      ],
      // An amount: a string or a number, or null.
      [
        { price: 'abc' },
        {
          path: 'body.price',
          code: 'invalid-amount',
          message: 'must be an amount of zero or more with at most two decimals, like 150 or 150.50',
        },
      ],
      [
        { price: 2e12 },
        { path: 'body.price', code: 'too-large', limit: 1e12, message: 'must be at most 1000000000000' },
      ],
      [
        { price: true },
        {
          path: 'body.price',
          code: 'wrong-type',
          expected: ['string', 'number', 'null'],
          message: 'must be a string or a number or null',
        },
      ],
      [
        { kind: 'holiday' },
        {
          path: 'body.kind',
          code: 'not-allowed',
          allowed: ['stay', 'block'],
          message: 'must be one of: stay, block',
        },
      ],
      [{ email: 'marie' }, { path: 'body.email', code: 'invalid-email', message: 'is not an email address' }],
      [
        { tags: ['a', 'b', 'c'] },
        { path: 'body.tags', code: 'too-many', limit: 2, message: 'must have at most 2 items' },
      ],
    ])('names what is wrong with a field as a code and a sentence: %o', async (fields, error) => {
      const { app } = get();
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/probe',
        payload: { name: 'Mv1', nights: 2, ...fields },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([error]);
    });

    it('names a query string parameter the same way', async () => {
      const { app } = get();
      const response = await app.inject({ method: 'GET', url: '/api/v1/probe/list?limit=500' });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        { path: 'querystring.limit', code: 'too-large', limit: 100, message: 'must be at most 100' },
      ]);
    });

    it('rejects unknown properties instead of dropping them', async () => {
      const { app } = get();
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/probe',
        payload: { name: 'Mv1', nights: 2, isAdmin: true },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        { path: 'body.isAdmin', code: 'unknown-property', message: 'is not an accepted property' },
      ]);
      const valid = await app.inject({
        method: 'POST',
        url: '/api/v1/probe',
        payload: { name: 'Mv1', nights: 2 },
      });
      expect(valid.json()).toEqual({ received: { name: 'Mv1', nights: 2 } });
    });

    it('hides the cause of an unexpected error behind a 500 that names the request id', async () => {
      const { app } = get();
      const response = await app.inject({ method: 'GET', url: '/api/v1/probe/crash' });
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      const body = response.json();
      expect(body).toEqual({
        type: 'urn:staykeep:problem:internal-error',
        title: 'Internal Server Error',
        status: 500,
        detail: `Something went wrong on our side. Quote request id ${response.headers['x-request-id']}.`,
      });
      expect(response.body).not.toMatch(/SQLITE|secret_column|SELECT|at .*\.ts/);
    });

    it('gives every response an X-Request-Id, keeping a well-formed one from the client', async () => {
      const { app } = get();
      const generated = await app.inject({ method: 'GET', url: '/health' });
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const kept = await app.inject({
        method: 'GET',
        url: '/health',
        headers: { 'x-request-id': 'lb-1234.abc' },
      });
      expect(kept.headers['x-request-id']).toBe('lb-1234.abc');
      const replaced = await app.inject({
        method: 'GET',
        url: '/health',
        headers: { 'x-request-id': 'bad id with spaces\n' },
      });
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('sends security headers', async () => {
      const { app } = get();
      const response = await app.inject({ method: 'GET', url: '/health' });
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      // Plain HTTP public URL: no HSTS, which would lock a LAN install out.
      expect(response.headers['strict-transport-security']).toBeUndefined();
    });

    it('reports health and readiness', async () => {
      const { app, db } = get();
      expect((await app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
      const ready = await app.inject({ method: 'GET', url: '/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({
        status: 'ready',
        database: db.database.kind,
        jobs: { overdue: 0, oldestOverdueSeconds: null },
        channelFeeds: { inError: 0 },
      });
    });

    it('serves an OpenAPI 3.1 document describing the routes and their errors', async () => {
      const { app } = get();
      const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      expect(response.statusCode).toBe(200);
      const document = response.json();
      expect(document.openapi).toBe('3.1.0');
      expect(document.components.schemas.Problem).toBeDefined();
      const instance = document.paths['/api/v1/instance'].get;
      expect(instance.responses['200'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/Instance',
      });
      expect(instance.responses['4XX'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/Problem',
      });
    });

    it('serves a browsable documentation page', async () => {
      const { app } = get();
      const response = await app.inject({ method: 'GET', url: '/api/docs/' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('swagger');
    });

    it('reads the instance name from the database', async () => {
      const { app } = get();
      const response = await app.inject({ method: 'GET', url: '/api/v1/instance' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ name: 'Staykeep', version: app.appVersion });
    });
  },
  { prepare: addProbeRoutes },
);

describe('web app serving', () => {
  let app: AppInstance;
  beforeAll(async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'staykeep-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(
      path.join(dist, 'index.html'),
      '<!doctype html><title>Staykeep</title><div id="root"></div>',
    );
    writeFileSync(path.join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log("app")');
    writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await buildApp(testConfig({ webDistDir: dist }));
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves index.html at / and has it revalidated', async () => {
    const response = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<div id="root">');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('lets hashed assets be cached for a year', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const unhashed = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(unhashed.headers['cache-control']).toBe('no-cache');
  });

  it('answers deep links with the app (history fallback)', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/reservations/0193a1b2?tab=history',
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<div id="root">');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('keeps 404 problems for API paths, missing assets and non-HTML requests', async () => {
    for (const url of ['/api/v1/unknown', '/assets/gone-123.js', '/ready/extra']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    }
    const json = await app.inject({
      method: 'GET',
      url: '/somewhere',
      headers: { accept: 'application/json' },
    });
    expect(json.statusCode).toBe(404);
    const post = await app.inject({ method: 'POST', url: '/somewhere', headers: { accept: 'text/html' } });
    expect(post.statusCode).toBe(404);
  });
});
