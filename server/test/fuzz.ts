import fc from 'fast-check';
import type { FixtureName, FuzzWorld } from './fuzz-fixtures.ts';

/**
 * Malformed requests derived from the OpenAPI document: for each operation, a
 * table of bad values per parameter and body field (chosen from the field's
 * schema and name: dates, ids, money, names…), bad bodies and headers, then
 * random requests drawn by fast-check from the same schemas. Values that name
 * existing resources are placeholders (`Ref`), resolved when the request is
 * sent, so the same seed draws the same requests on every database.
 */

// ---------------------------------------------------------------- the document

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  description?: string;
  default?: unknown;
  $ref?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** `POST /api/v1/houses`: how failures and FUZZ_OP name it. */
  id: string;
  method: string;
  path: string;
  isPublic: boolean;
  parameters: Parameter[];
  body: JsonSchema | null;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Inlines every `$ref` to `#/components/schemas/…`. */
function inline(schema: JsonSchema, components: Record<string, JsonSchema>, depth = 0): JsonSchema {
  if (depth > 20) return {};
  if (schema.$ref) {
    const target = components[schema.$ref.replace('#/components/schemas/', '')];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    return inline(target, components, depth + 1);
  }
  const out: JsonSchema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [key, inline(value, components, depth + 1)]),
    );
  }
  if (schema.items) out.items = inline(schema.items, components, depth + 1);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key];
    if (branches) out[key] = branches.map((branch) => inline(branch, components, depth + 1));
  }
  return out;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, its schemas inlined. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const components = document.components?.schemas ?? {};
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const parameters = ((operation.parameters ?? []) as Parameter[]).map((parameter) => ({
        ...parameter,
        required: parameter.required ?? false,
        schema: inline(parameter.schema, components),
      }));
      const content = (operation.requestBody as { content?: Record<string, { schema: JsonSchema }> })
        ?.content;
      const body = content?.['application/json']?.schema;
      operations.push({
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        isPublic: operation['x-policy'] === 'public' || (operation.security as unknown[])?.length === 0,
        parameters,
        body: body ? inline(body, components) : null,
      });
    }
  }
  return operations;
}

// ---------------------------------------------------------------- kinds of values

type Kind =
  | 'id'
  | 'ids'
  | 'date'
  | 'money'
  | 'email'
  | 'password'
  | 'token'
  | 'enum'
  | 'name'
  | 'text'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'array'
  | 'object';

interface Field {
  name: string;
  /** The schema without its `null` branch. */
  schema: JsonSchema;
  nullable: boolean;
  kind: Kind;
  enumValues: unknown[];
}

const DATE_NAMES = new Set(['checkIn', 'checkOut', 'start', 'end', 'from', 'to', 'date']);
const MONEY_NAMES = /price|amount|paid|cost|balance|deposit/i;

function enumValuesOf(schema: JsonSchema): unknown[] | null {
  if (schema.enum) return schema.enum;
  if (schema.const !== undefined) return [schema.const];
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches) return null;
  const values = branches.map(enumValuesOf);
  return values.every((value) => value !== null) ? values.flat() : null;
}

function isDateSchema(schema: JsonSchema): boolean {
  return (
    schema.format === 'date' ||
    (schema.pattern ?? '').includes('\\d{4}-\\d{2}-\\d{2}') ||
    (schema.description ?? '').includes('YYYY-MM-DD')
  );
}

function fieldOf(name: string, raw: JsonSchema): Field {
  let schema = raw;
  let nullable = false;
  const branches = raw.anyOf ?? raw.oneOf;
  if (branches?.some((branch) => branch.type === 'null')) {
    nullable = true;
    const rest = branches.filter((branch) => branch.type !== 'null');
    schema = rest.length === 1 && rest[0] ? rest[0] : { ...raw, anyOf: rest, oneOf: undefined };
  }
  const enumValues = enumValuesOf(schema) ?? [];
  const types = new Set(
    (schema.anyOf ?? schema.oneOf ?? [schema]).flatMap((s) => (Array.isArray(s.type) ? s.type : [s.type])),
  );
  let kind: Kind;
  if (enumValues.length > 0) kind = 'enum';
  else if (types.has('array')) kind = /Ids$/.test(name) ? 'ids' : 'array';
  else if (types.has('object')) kind = 'object';
  else if (/amount/i.test(schema.description ?? '') || (MONEY_NAMES.test(name) && types.has('number')))
    kind = 'money';
  else if (types.has('boolean')) kind = 'boolean';
  else if (types.has('integer')) kind = 'integer';
  else if (types.has('number')) kind = 'number';
  else if (isDateSchema(schema) || (DATE_NAMES.has(name) && !schema.pattern)) kind = 'date';
  else if (/Id$/.test(name) || name === 'id' || schema.format === 'uuid') kind = 'id';
  else if (schema.format === 'email' || /email$/i.test(name)) kind = 'email';
  else if (/password/i.test(name)) kind = 'password';
  else if (/token/i.test(name)) kind = 'token';
  else if ((schema.minLength ?? 0) >= 1 || schema.pattern) kind = 'name';
  else kind = 'text';
  return { name, schema, nullable, kind, enumValues };
}

// ---------------------------------------------------------------- placeholders

/** A value known only when the request is sent: an existing resource's id, a unique code. */
class Ref {
  readonly describe: string;
  readonly make: (world: FuzzWorld) => unknown;
  /** The fixture of the admin's organization it names, made before the request is sent. */
  readonly fixture: FixtureName | undefined;

  constructor(describe: string, make: (world: FuzzWorld) => unknown, fixture?: FixtureName) {
    this.describe = describe;
    this.make = make;
    this.fixture = fixture;
  }
}

const own = (name: FixtureName) =>
  new Ref(
    `<${name}>`,
    (world) => {
      const id = world.own[name];
      if (id === undefined) throw new Error(`fixture ${name} was not made before the request`);
      return id;
    },
    name,
  );
const foreign = (name: FixtureName) => new Ref(`<foreign ${name}>`, (world) => world.foreign[name]);
const unique = (describe: string, make: (n: number) => unknown) =>
  new Ref(describe, (world) => make(world.next()));
const adminEmail = new Ref('<admin email>', (world) => world.admin.email);
const adminPassword = new Ref('<admin password>', (world) => world.admin.password);

/** The fixtures a request names. */
export function fixturesIn(request: FuzzRequest): Set<FixtureName> {
  const found = new Set<FixtureName>();
  const walk = (value: unknown): void => {
    if (value instanceof Ref) {
      if (value.fixture) found.add(value.fixture);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk([request.path, request.query, request.headers, request.body]);
  return found;
}

/** Replaces every placeholder inside a value; keeps keys such as `__proto__` as own properties. */
function resolve(value: unknown, world: FuzzWorld): unknown {
  if (value instanceof Ref) return value.make(world);
  if (Array.isArray(value)) return value.map((item) => resolve(item, world));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, world)]));
  }
  return value;
}

/** The fixture an id parameter or field names. */
function fixtureFor(name: string, path: string): FixtureName | null {
  const byName: Record<string, FixtureName> = {
    houseId: 'house',
    houseIds: 'house',
    siteId: 'site',
    guestId: 'guest',
    reservationId: 'reservation',
    blockId: 'block',
    categoryId: 'category',
    categoryIds: 'category',
    itemId: path.startsWith('/api/v1/houses/') ? 'roundItem' : 'item',
    itemIds: 'item',
    roundId: 'round',
    userId: 'member',
    invitationId: 'invitation',
  };
  return byName[name] ?? null;
}

/** Ids of another kind of resource, for a field that names one kind. */
function otherKind(fixture: FixtureName): FixtureName {
  return fixture === 'house' ? 'reservation' : 'house';
}

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

// ---------------------------------------------------------------- valid values

const day = (offset: number) =>
  new Date(Date.UTC(2031, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/** A stay of three nights that no other request of the run uses. */
const stayDate = (side: 0 | 1) => unique(`<stay ${side ? 'end' : 'start'}>`, (n) => day(n * 5 + side * 3));

/** A value the schema and the service accept, so that one changed field is the only fault. */
function validValue(field: Field, operation: Operation): unknown {
  const { name, schema, kind } = field;
  const fixture = fixtureFor(name, operation.path);
  switch (kind) {
    case 'id':
      return fixture ? own(fixture) : UNKNOWN_ID;
    case 'ids':
      return fixture ? [own(fixture)] : [];
    case 'date':
      if (name === 'checkIn' || name === 'start') return stayDate(0);
      if (name === 'checkOut' || name === 'end') return stayDate(1);
      if (name === 'from') return '2030-06-01';
      if (name === 'to') return '2030-07-01';
      return '2030-06-12';
    case 'money':
      return '150.00';
    case 'email':
      return /login|password-reset/.test(operation.path)
        ? adminEmail
        : unique('<unique email>', (n) => `fuzz-${n}@example.org`);
    case 'password':
      return operation.path.includes('/auth/register') || operation.path.includes('password-reset')
        ? 'correct horse battery staple 9'
        : adminPassword;
    case 'token':
      return operation.path.startsWith('/api/v1/invitations') ? own('invitationToken') : 'no-such-token-1234';
    case 'enum':
      return field.enumValues[0];
    case 'integer':
      if (name === 'limit') return 10;
      return Math.min(Math.max(2, schema.minimum ?? 2), schema.maximum ?? 2);
    case 'number':
      return Math.min(Math.max(1, schema.minimum ?? 1), schema.maximum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return validObject(schema, operation);
    case 'name':
      if (name === 'code') return unique('<unique code>', (n) => `fuzz-${n}`);
      if (name === 'timezone') return 'Europe/Paris';
      if (name === 'nationality') return 'FR';
      if (/Time$/.test(name)) return '16:00';
      if (schema.pattern) return fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { seed: 1 })[0];
      return unique(`<unique ${name}>`, (n) => `Fuzz ${name} ${n}`);
    case 'text':
      if (name === 'next') return '/';
      if (name === 'cursor') return '';
      return `Fuzz ${name}`;
  }
}

function validObject(schema: JsonSchema, operation: Operation): Record<string, unknown> {
  const properties = schema.properties ?? {};
  const names = new Set(schema.required ?? []);
  // A partial update needs one property; a name is the most harmless to change.
  if (names.size === 0 && (schema.minProperties ?? 0) > 0) {
    const first = ['name', 'note', 'notes', 'description'].find((n) => n in properties);
    names.add(first ?? Object.keys(properties)[0] ?? '');
  }
  return Object.fromEntries(
    [...names]
      .filter((name) => properties[name])
      .map((name) => [name, validValue(fieldOf(name, properties[name] as JsonSchema), operation)]),
  );
}

// ---------------------------------------------------------------- requests

/** Text of a path segment or query value: sent as is when raw, percent-encoded otherwise. */
export type Part = { value: unknown } | { raw: string };
/** A JSON body is serialized when sent (its placeholders resolved); a raw one is sent as is. */
export type Body =
  | { json: unknown; contentType?: string | null }
  | { raw: string; contentType: string | null }
  | null;

export interface FuzzRequest {
  /** What was changed, e.g. `body.checkIn = "2026-02-30"`. */
  label: string;
  /** The kind of input, to group failures, e.g. `impossible-date`. */
  category: string;
  /** The input is invalid: a 2xx answer means the server accepted it. */
  reject: boolean;
  auth: 'admin' | 'none' | { authorization: string };
  path: Record<string, Part>;
  /** A null value sends the bare name without `=`. */
  query: [string, Part | null][];
  /** A null value leaves the header out. */
  headers: Record<string, unknown>;
  body: Body;
}

function baseRequest(operation: Operation): FuzzRequest {
  const path: Record<string, Part> = {};
  const query: [string, Part | null][] = [];
  for (const parameter of operation.parameters) {
    const value = validValue(fieldOf(parameter.name, parameter.schema), operation);
    if (parameter.in === 'path') path[parameter.name] = { value };
    else if (parameter.in === 'query' && parameter.required) query.push([parameter.name, { value }]);
  }
  return {
    label: 'valid request',
    category: 'valid',
    reject: false,
    auth: operation.isPublic ? 'none' : 'admin',
    path,
    query,
    headers: {},
    body: operation.body ? { json: validObject(operation.body, operation) } : null,
  };
}

/** One location of a request a value can be put in. */
interface Slot {
  where: 'path' | 'query' | 'body';
  field: Field;
}

function slotsOf(operation: Operation): Slot[] {
  const slots: Slot[] = operation.parameters
    .filter((parameter) => parameter.in === 'path' || parameter.in === 'query')
    .map((parameter) => ({
      where: parameter.in as 'path' | 'query',
      field: fieldOf(parameter.name, parameter.schema),
    }));
  for (const [name, schema] of Object.entries(operation.body?.properties ?? {})) {
    slots.push({ where: 'body', field: fieldOf(name, schema) });
  }
  return slots;
}

function put(base: FuzzRequest, slot: Slot, part: Part): FuzzRequest {
  const { name } = slot.field;
  if (slot.where === 'path') return { ...base, path: { ...base.path, [name]: part } };
  if (slot.where === 'query')
    return { ...base, query: [...base.query.filter(([n]) => n !== name), [name, part]] };
  const body = base.body && 'json' in base.body ? (base.body.json as Record<string, unknown>) : {};
  const value = 'raw' in part ? part.raw : part.value;
  return { ...base, body: { json: { ...body, [name]: value } } };
}

/** A bad value for a field; `raw` ones go into a URL unencoded. */
interface Bad {
  value: unknown;
  category: string;
  reject: boolean;
  raw?: boolean;
}

const NOT_TEXT: Kind[] = ['integer', 'number', 'boolean', 'ids', 'array', 'object'];
/** Text written by people, where tabs, new lines and any Unicode may make sense. */
const PROSE: Kind[] = ['name', 'text', 'password'];

/**
 * The table of bad values of a field, by what it holds: one request per kind
 * of input (the random part mixes them further).
 */
function badValues(slot: Slot, operation: Operation): Bad[] {
  const { field, where } = slot;
  const { kind, schema, name } = field;
  const inUrl = where !== 'body';
  // Free text may be empty, blank or multi-line; everything else may not.
  const strict = kind !== 'text';
  const bad: Bad[] = [];
  if (inUrl || !NOT_TEXT.includes(kind)) {
    const maxLength = schema.maxLength ?? (kind === 'id' ? 100 : 1000);
    bad.push(
      { value: 'a\u0000b', category: 'nul', reject: true },
      { value: 'c0\u0001\u0008\u000b\u001b\u001fchars', category: 'control-char', reject: true },
      { value: '', category: 'empty-string', reject: strict },
      { value: '  \t ', category: 'whitespace-only', reject: strict },
      { value: 'x'.repeat(maxLength + 1), category: 'too-long', reject: true },
    );
    if (PROSE.includes(kind)) {
      bad.push(
        { value: 'tab\there\nnew line', category: 'tab-newline', reject: kind === 'name' },
        { value: 'lone \ud800 surrogate 🏠', category: 'lone-surrogate', reject: false },
      );
    }
  } else {
    bad.push({ value: 'a\u0000b', category: 'wrong-type', reject: true });
  }
  if (inUrl) {
    bad.push(
      { value: '%ZZ', category: 'bad-percent-encoding', reject: true, raw: true },
      { value: '%00', category: 'nul', reject: true, raw: true },
      { value: '%FF', category: 'invalid-utf8', reject: strict, raw: true },
    );
  } else {
    if (kind !== 'ids' && kind !== 'array') bad.push({ value: ['a'], category: 'wrong-type', reject: true });
    if (!field.nullable) bad.push({ value: null, category: 'null', reject: true });
  }
  if (where === 'path') {
    bad.push(
      { value: 'x'.repeat(101), category: 'long-segment', reject: true, raw: true },
      { value: 'x'.repeat(256), category: 'long-segment', reject: true, raw: true },
      { value: '%2F', category: 'encoded-slash', reject: true, raw: true },
    );
  }
  switch (kind) {
    case 'id': {
      const fixture = fixtureFor(name, operation.path);
      // A filter naming nothing finds nothing; the instance administrator sees every account.
      const reject = where !== 'query' && !operation.path.startsWith('/api/v1/admin/');
      bad.push({ value: UNKNOWN_ID, category: 'unknown-id', reject: where !== 'query' });
      if (fixture) {
        bad.push({ value: own(otherKind(fixture)), category: 'wrong-kind-id', reject: where !== 'query' });
        bad.push({ value: foreign(fixture), category: 'foreign-id', reject });
      }
      break;
    }
    case 'ids': {
      const fixture = fixtureFor(name, operation.path) ?? 'house';
      bad.push(
        { value: [''], category: 'empty-string', reject: true },
        { value: ['a\u0000b'], category: 'nul', reject: true },
        { value: [null], category: 'null', reject: true },
        { value: [foreign(fixture)], category: 'foreign-id', reject: true },
        { value: [own(fixture), own(fixture)], category: 'duplicate-ids', reject: false },
        {
          value: Array.from({ length: (schema.maxItems ?? 1000) + 1 }, () => own(fixture)),
          category: 'too-many-items',
          reject: true,
        },
      );
      break;
    }
    case 'date':
      bad.push(
        ...['2026-13-01', '2026-02-30', '0000-01-01'].map((value) => ({
          value,
          category: 'impossible-date',
          reject: true,
        })),
        { value: '10000-01-01', category: 'out-of-range-date', reject: true },
        { value: '2026-1-1', category: 'malformed-date', reject: true },
        ...['0001-01-01', '9999-12-31'].map((value) => ({
          value,
          category: 'edge-date',
          reject: false,
        })),
      );
      break;
    case 'money':
      bad.push(
        { value: -1, category: 'negative-money', reject: true },
        { value: '-0.01', category: 'negative-money', reject: true },
        { value: 1e13, category: 'huge-money', reject: true },
        { value: '99999999999999999999.00', category: 'huge-money', reject: true },
        { value: '999999999999.99', category: 'edge-money', reject: false },
        { value: '1.234', category: 'three-decimals', reject: true },
        { value: 0.1 + 0.2, category: 'three-decimals', reject: true },
        { value: '1e3', category: 'malformed-money', reject: true },
      );
      break;
    case 'integer':
    case 'number':
      bad.push(
        { value: -1, category: 'negative-number', reject: (schema.minimum ?? -Infinity) > -1 },
        { value: 1.5, category: 'non-integer', reject: kind === 'integer' },
        { value: 2 ** 53 + 2, category: 'huge-number', reject: true },
        { value: 1e308, category: 'huge-number', reject: true },
      );
      if ((schema.minimum ?? -Infinity) > 0) bad.push({ value: 0, category: 'zero', reject: true });
      if (!inUrl) bad.push({ value: '5', category: 'wrong-type', reject: true });
      break;
    case 'boolean':
      if (!inUrl) bad.push({ value: 'true', category: 'wrong-type', reject: true });
      break;
    case 'enum':
      bad.push(
        { value: String(field.enumValues[0]).toUpperCase(), category: 'enum-case', reject: true },
        { value: `${String(field.enumValues[0])}\u0000`, category: 'nul', reject: true },
      );
      break;
    case 'email':
      bad.push(
        {
          value: 'not-an-email',
          category: 'malformed-email',
          reject: !/login|password-reset/.test(operation.path),
        },
        { value: 'fuzz\u0000@example.org', category: 'nul', reject: true },
        { value: ' FUZZ@EXAMPLE.ORG ', category: 'email-case-space', reject: false },
      );
      break;
    default:
      break;
  }
  return bad;
}

/** Pairs of fields that make a range, first before second. */
const RANGES: [string, string, boolean][] = [
  ['checkIn', 'checkOut', true],
  ['start', 'end', true],
  ['from', 'to', false],
];

function rangeCases(base: FuzzRequest, slots: Slot[]): FuzzRequest[] {
  const cases: FuzzRequest[] = [];
  for (const [first, second, strict] of RANGES) {
    const a = slots.find((slot) => slot.field.name === first);
    const b = slots.find((slot) => slot.field.name === second);
    if (!a || !b || a.where !== b.where) continue;
    const pairs: [string, string, string, boolean][] = [
      ['2030-08-10', '2030-08-05', 'range-inverted', true],
      ['2030-08-10', '2030-08-10', 'range-empty', strict],
      ['0001-01-01', '9999-12-31', 'range-huge', false],
      ['9999-12-30', '9999-12-31', 'edge-date', false],
      ['0001-01-01', '0001-01-02', 'edge-date', false],
    ];
    for (const [from, to, category, reject] of pairs) {
      const request = put(put(base, a, { value: from }), b, { value: to });
      cases.push({ ...request, label: `${a.where}.${first}..${second} = ${from}..${to}`, category, reject });
    }
  }
  return cases;
}

const JSON_TYPE = 'application/json';
const DEEP_NESTING = `${'['.repeat(5000)}${']'.repeat(5000)}`;
/** Over the 1 MiB body limit of the tests' configuration. */
const TOO_LARGE = JSON.stringify({ pad: 'x'.repeat(1_100_000) });

function bodyCases(operation: Operation, base: FuzzRequest): FuzzRequest[] {
  const valid = base.body && 'json' in base.body ? (base.body.json as Record<string, unknown>) : {};
  const needsSomething =
    (operation.body?.required?.length ?? 0) > 0 || (operation.body?.minProperties ?? 0) > 0;
  const raw = (text: string, category: string, reject = true, contentType: string | null = JSON_TYPE) => ({
    ...base,
    label: `body (${contentType ?? 'no content type'}) = ${JSON.stringify(text.slice(0, 80))}`,
    category,
    reject,
    body: { raw: text, contentType },
  });
  const typed = (contentType: string | null, category: string, reject: boolean) => ({
    ...base,
    label: `the valid body as ${contentType ?? 'no content type'}`,
    category,
    reject,
    body: { json: valid, contentType },
  });
  const json = (value: unknown, category: string, reject = true) => ({
    ...base,
    label: `body = ${JSON.stringify(value)?.slice(0, 80)}`,
    category,
    reject,
    body: { json: value },
  });
  return [
    raw('not json', 'non-json-body'),
    raw('\u0000', 'nul'),
    raw('', 'empty-body', needsSomething),
    raw('null', 'null'),
    raw('1e999', 'huge-number'),
    raw('{"__proto__": {"isAdmin": true}}', 'prototype-key'),
    raw(DEEP_NESTING, 'deep-nesting'),
    raw(TOO_LARGE, 'too-large'),
    json([valid], 'array-for-object'),
    json('text', 'wrong-type'),
    json({}, 'empty-object', needsSomething),
    json({ ...valid, fuzzUnknown: 1 }, 'unknown-property'),
    typed('text/plain', 'wrong-content-type', true),
    typed(null, 'no-content-type', false),
  ];
}

const forgedToken = (() => {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'x', userId: 'x', exp: 4_102_444_800 })}.`;
})();

function headerCases(operation: Operation, base: FuzzRequest): FuzzRequest[] {
  const needsAuth = !operation.isPublic;
  const as = (auth: FuzzRequest['auth'], label: string, category: string) => ({
    ...base,
    auth,
    label,
    category,
    reject: needsAuth,
  });
  const withHeader = (name: string, value: unknown, category: string, reject: boolean) => ({
    ...base,
    headers: { ...base.headers, [name]: value },
    label: `header ${name} = ${value instanceof Ref ? value.describe : JSON.stringify(value).slice(0, 60)}`,
    category,
    reject,
  });
  const cases: FuzzRequest[] = [
    as('none', 'no Authorization', 'no-auth'),
    as({ authorization: `Bearer ${forgedToken}` }, 'Authorization: a JWT with alg none', 'bad-token'),
  ];
  if (needsAuth) {
    cases.push(
      withHeader('x-organization-id', foreign('organizationId'), 'foreign-id', true),
      withHeader('x-organization-id', 'a\u0000b', 'nul', true),
      withHeader('x-organization-id', UNKNOWN_ID, 'unknown-id', true),
    );
  }
  if (operation.method === 'PATCH' || operation.method === 'DELETE' || operation.method === 'PUT') {
    cases.push(
      // Only versioned resources answer 412; others ignore the header.
      withHeader('if-match', '"99999999999999999999999"', 'bad-if-match', false),
    );
  }
  if (operation.method === 'POST') {
    cases.push(withHeader('idempotency-key', 'x'.repeat(300), 'bad-idempotency-key', false));
  }
  return cases;
}

/** The table: every bad value in every field, bad ranges, bodies and headers. */
export function tableRequests(operation: Operation): FuzzRequest[] {
  const base = baseRequest(operation);
  const slots = slotsOf(operation);
  const requests: FuzzRequest[] = [base];
  for (const slot of slots) {
    for (const bad of badValues(slot, operation)) {
      const part: Part = bad.raw ? { raw: bad.value as string } : { value: bad.value };
      const shown = bad.value instanceof Ref ? bad.value.describe : JSON.stringify(bad.value);
      requests.push({
        ...put(base, slot, part),
        label: `${slot.where}.${slot.field.name} = ${bad.raw ? 'raw ' : ''}${shown?.slice(0, 80)}`,
        category: bad.category,
        reject: bad.reject,
      });
    }
    // A required query parameter with a default (limit) may be left out.
    const required =
      slot.where === 'body'
        ? operation.body?.required?.includes(slot.field.name)
        : operation.parameters.find((p) => p.name === slot.field.name)?.required &&
          slot.field.schema.default === undefined;
    if (required && slot.where !== 'path') {
      const without = {
        ...base,
        label: `${slot.where}.${slot.field.name} missing`,
        category: 'missing',
        reject: true,
      };
      if (slot.where === 'query') without.query = base.query.filter(([name]) => name !== slot.field.name);
      else {
        const { [slot.field.name]: _, ...rest } = (base.body as { json: Record<string, unknown> }).json;
        without.body = { json: rest };
      }
      requests.push(without);
    }
    if (slot.where === 'query') {
      requests.push(
        {
          ...base,
          query: [...base.query, [slot.field.name, { value: 'a' }], [slot.field.name, { value: 'b' }]],
          label: `query.${slot.field.name} twice`,
          category: 'repeated-query',
          reject: true,
        },
        {
          ...base,
          query: [...base.query.filter(([name]) => name !== slot.field.name), [slot.field.name, null]],
          label: `query.${slot.field.name} without =`,
          category: 'empty-string',
          reject: slot.field.kind !== 'text',
        },
      );
    }
  }
  requests.push(...rangeCases(base, slots));
  if (operation.body) requests.push(...bodyCases(operation, base));
  requests.push(...headerCases(operation, base));
  return requests;
}

// ---------------------------------------------------------------- random requests (fast-check)

const dateText = fc.oneof(
  fc
    .date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10)),
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  fc.constantFrom('2026-02-30', '0000-01-01', '10000-01-01', '9999-12-31', '0001-01-01', '2026-13-01'),
);

const moneyValue = fc.oneof(
  fc
    .integer({ min: -100_000_000_000_000, max: 100_000_000_000_000 })
    .map((cents) => (cents / 100).toFixed(2)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.stringMatching(/^-?\d{1,15}(\.\d{1,4})?$/),
  fc.integer(),
);

/** Text with every kind of character: C0 controls, NUL, surrogates' neighbours, combining marks. */
const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'binary-ascii', maxLength: Math.min(maxLength + 2, 60) }),
    fc.string({ unit: 'binary', maxLength: Math.min(maxLength + 2, 60) }),
    fc.string({ unit: 'grapheme', minLength: Math.max(0, maxLength - 1), maxLength: maxLength + 2 }),
    fc.constantFrom('', ' ', '\u0000', 'a\u0000', '\t', '\u001f', '\ud800'),
  );

/** Values a field's schema allows, leaning to the edges, with ids of existing resources. */
function schemaArbitrary(field: Field, operation: Operation, depth = 0): fc.Arbitrary<unknown> {
  const { schema, kind, name } = field;
  const fixture = fixtureFor(name, operation.path);
  let arbitrary: fc.Arbitrary<unknown>;
  switch (kind) {
    case 'id':
      arbitrary = fixture
        ? fc.oneof(
            { weight: 4, arbitrary: fc.constant(own(fixture)) },
            fc.constant(foreign(fixture)),
            fc.uuid(),
            anyText(schema.maxLength ?? 64),
          )
        : fc.oneof(fc.uuid(), anyText(schema.maxLength ?? 64));
      break;
    case 'ids':
      arbitrary = fc.array(
        fc.oneof(fc.constant(own(fixture ?? 'house')), fc.constant(foreign(fixture ?? 'house')), fc.uuid()),
        { maxLength: 4 },
      );
      break;
    case 'date':
      arbitrary = dateText;
      break;
    case 'money':
      arbitrary = moneyValue;
      break;
    case 'email':
      arbitrary = fc.oneof(fc.emailAddress(), anyText(schema.maxLength ?? 254));
      break;
    case 'enum':
      arbitrary = fc.constantFrom(...field.enumValues);
      break;
    case 'integer':
      arbitrary = fc.oneof(
        fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 }),
        fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 2),
      );
      break;
    case 'number':
      arbitrary = fc.double({ noNaN: true, noDefaultInfinity: true });
      break;
    case 'boolean':
      arbitrary = fc.boolean();
      break;
    case 'array':
      arbitrary =
        schema.items && depth < 3
          ? fc.array(schemaArbitrary(fieldOf(name, schema.items), operation, depth + 1), { maxLength: 4 })
          : fc.array(fc.jsonValue(), { maxLength: 3 });
      break;
    case 'object':
      arbitrary = objectArbitrary(schema, operation, depth + 1);
      break;
    case 'name':
    case 'text':
    case 'password':
    case 'token':
      arbitrary = schema.pattern
        ? fc.oneof(fc.stringMatching(new RegExp(schema.pattern)), anyText(schema.maxLength ?? 100))
        : anyText(schema.maxLength ?? 100);
      break;
  }
  return field.nullable ? fc.option(arbitrary, { nil: null, freq: 5 }) : arbitrary;
}

function objectArbitrary(schema: JsonSchema, operation: Operation, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  if (depth > 3) return fc.constant({});
  return fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [
        name,
        schemaArbitrary(fieldOf(name, property), operation, depth),
      ]),
    ),
    { requiredKeys: (schema.required ?? []).filter((name) => name in properties) },
  );
}

/** Anything at all for one field: values of other types, any text, huge numbers. */
function wildValue(field: Field, operation: Operation): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: schemaArbitrary(field, operation) },
    { weight: 2, arbitrary: anyText(field.schema.maxLength ?? 100) },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(null, -1, 0, 1e308, 2 ** 64, -(2 ** 63), '', [], {}),
  );
}

/** Names the kind of a random value, so random failures group with the table's. */
function categoryOf(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  if (text === '""') return 'empty-string';
  if (/\\u0000/.test(text)) return 'nul';
  if (/\\u00(0[1-8bcef]|1[0-9a-f])|\\b|\\f/.test(text)) return 'control-char';
  if (/\\ud[89ab]/.test(text)) return 'lone-surrogate';
  const dates = text.match(/\d{4,}-\d{2}-\d{2}/g) ?? [];
  if (dates.some((date) => !isRealDate(date))) return 'impossible-date';
  if (dates.some((date) => date.startsWith('0001-') || date.startsWith('9999-'))) return 'edge-date';
  return 'random';
}

/** A day of the calendar between 0001-01-01 and 9999-12-31. */
function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return year >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Percent-encoded UTF-8; a lone surrogate, which UTF-8 cannot carry, becomes U+FFFD. */
function encode(text: string): string {
  return encodeURIComponent(text.toWellFormed());
}

/** Text for a URL: encoded, or raw `%` sequences, dots and long segments. */
const urlText = fc.oneof(
  anyText(80).map(encode),
  fc.constantFrom('%ZZ', '%00', '%', '%F', '%FF', '%C0%80', '%2F', '..', '.', '%2e%2e'),
  fc.integer({ min: 60, max: 2100 }).map((length) => 'x'.repeat(length)),
);

/** Random requests for one operation: schema-shaped bodies and parameters, one wild field, wild bodies and paths. */
export function randomRequests(operation: Operation): fc.Arbitrary<FuzzRequest> {
  const base = baseRequest(operation);
  const slots = slotsOf(operation);
  const choices: fc.WeightedArbitrary<FuzzRequest>[] = [];
  if (slots.length > 0) {
    // Every parameter and body field drawn from its schema: gets past validation and reaches the service.
    const shaped = fc
      .tuple(
        ...slots.map((slot) =>
          fc.option(schemaArbitrary(slot.field, operation), { freq: slot.where === 'path' ? 20 : 3 }),
        ),
      )
      .map((values) => {
        let request = base;
        values.forEach((value, index) => {
          const slot = slots[index] as Slot;
          if (value !== null) request = put(request, slot, { value });
        });
        const described = JSON.stringify(values, (_key, item) =>
          item instanceof Ref ? item.describe : item,
        );
        return {
          ...request,
          label: `schema-shaped ${described.slice(0, 200)}`,
          category: categoryOf(values),
          reject: false,
        };
      });
    choices.push({ weight: 4, arbitrary: shaped });
    // One field anything at all, the rest valid.
    const oneWild = fc
      .constantFrom(...slots)
      .chain((slot) => wildValue(slot.field, operation).map((value) => ({ slot, value })))
      .map(({ slot, value }) => ({
        ...put(base, slot, { value }),
        label: `${slot.where}.${slot.field.name} = ${JSON.stringify(value, (_k, item) => (item instanceof Ref ? item.describe : item))?.slice(0, 120)}`,
        category: categoryOf(value),
        reject: false,
      }));
    choices.push({ weight: 4, arbitrary: oneWild });
  }
  const pathSlots = slots.filter((slot) => slot.where === 'path');
  if (pathSlots.length > 0) {
    const rawPath = fc
      .constantFrom(...pathSlots)
      .chain((slot) => urlText.map((raw) => ({ slot, raw })))
      .map(({ slot, raw }) => ({
        ...put(base, slot, { raw }),
        label: `path.${slot.field.name} = raw ${JSON.stringify(raw.slice(0, 120))}`,
        category: categoryOf(decodeSafely(raw) ?? raw),
        reject: false,
      }));
    choices.push({ weight: 1, arbitrary: rawPath });
  }
  if (operation.body) {
    const wildBody = fc
      .oneof(
        fc.jsonValue({ maxDepth: 3 }).map((json): Body => ({ json })),
        anyText(200).map((raw): Body => ({ raw, contentType: JSON_TYPE })),
      )
      .map((body) => ({
        ...base,
        body,
        label: `body = ${JSON.stringify(body).slice(0, 160)}`,
        category: categoryOf(body),
        reject: false,
      }));
    choices.push({ weight: 1, arbitrary: wildBody });
  }
  const wildQuery = fc
    .array(
      fc.tuple(fc.constantFrom(...['limit', 'cursor', 'from', 'to', 'houseId', 'search', 'x']), urlText),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((pairs) => ({
      ...base,
      query: [...base.query, ...pairs.map(([name, raw]): [string, Part] => [name, { raw }])],
      label: `query += ${JSON.stringify(pairs).slice(0, 160)}`,
      category: 'random-query',
      reject: false,
    }));
  choices.push({ weight: 1, arbitrary: wildQuery });
  return fc.oneof(...choices);
}

/**
 * The kind of a URL the router refuses before any route sees it, or null:
 * random requests whose URL is one of these group with the table's.
 */
export function urlCategory(url: string): string | null {
  const path = url.split('?')[0] ?? '';
  if (path.split('/').some((segment) => decodeSafely(segment) === null)) return 'bad-percent-encoding';
  if (path.split('/').some((segment) => segment.length > 100)) return 'long-segment';
  return null;
}

function decodeSafely(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Random paths outside the document: known words, encoded junk, long segments, bad percent-encoding. */
export const randomPath = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
    segments: fc.array(
      fc.oneof(
        {
          weight: 3,
          arbitrary: fc.constantFrom(
            'api',
            'v1',
            'houses',
            'assets',
            'health',
            'docs',
            'ical',
            '',
            'index.html',
          ),
        },
        { weight: 2, arbitrary: urlText },
      ),
      { minLength: 1, maxLength: 6 },
    ),
    query: fc.option(urlText, { freq: 3 }),
    html: fc.boolean(),
  })
  .map(({ method, segments, query, html }) => ({
    method,
    url: `/${segments.join('/')}${query === null ? '' : `?${query}`}`,
    html,
  }));

// ---------------------------------------------------------------- sending and judging

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  remoteAddress: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function partText(part: Part, world: FuzzWorld): string {
  return 'raw' in part ? part.raw : encode(text(resolve(part.value, world)));
}

/** The exact request: placeholders resolved, the URL and body as bytes would be sent. */
export function materialize(
  operation: Operation,
  request: FuzzRequest,
  world: FuzzWorld,
  index: number,
): SentRequest {
  const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const part = request.path[name];
    return part ? partText(part, world) : '';
  });
  const query = request.query
    .map(([name, part]) => (part === null ? encode(name) : `${encode(name)}=${partText(part, world)}`))
    .join('&');
  const headers: Record<string, string> = {};
  if (request.auth === 'admin') {
    headers.authorization = `Bearer ${world.admin.accessToken}`;
    headers['x-organization-id'] = world.organizationId;
  } else if (request.auth !== 'none') {
    headers.authorization = request.auth.authorization;
  }
  let payload: string | undefined;
  if (request.body && 'json' in request.body) {
    payload = JSON.stringify(resolve(request.body.json, world));
    const contentType = request.body.contentType === undefined ? JSON_TYPE : request.body.contentType;
    if (contentType) headers['content-type'] = contentType;
  } else if (request.body) {
    payload = request.body.raw;
    if (request.body.contentType) headers['content-type'] = request.body.contentType;
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === null) delete headers[name];
    else headers[name] = text(resolve(value, world));
  }
  // Each request from its own address, so login throttling per address does not stop the run.
  const remoteAddress = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
  return {
    method: operation.method,
    url: query ? `${path}?${query}` : path,
    headers,
    ...(payload === undefined ? {} : { payload }),
    remoteAddress,
  };
}

export interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** What is wrong with an answer, or null: a 5xx, or a 4xx that is not a problem document of the same status. */
export function fault(method: string, answer: Answer): string | null {
  const status = answer.statusCode;
  if (status >= 500) return `${status} server error`;
  if (status < 400) return null;
  const type = String(answer.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `${status} with Content-Type ${type || 'none'}`;
  if (method === 'HEAD') return null;
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(answer.body);
  } catch {
    return `${status} whose body is not JSON`;
  }
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string')
    return `${status} without type or title`;
  if (problem.status !== status) return `${status} whose problem says status ${String(problem.status)}`;
  return null;
}

/** The request as a test would send it, with the token shown as a name. */
export function showRequest(sent: SentRequest, world: FuzzWorld): string {
  const headers = { ...sent.headers };
  if (headers.authorization === `Bearer ${world.admin.accessToken}`)
    headers.authorization = 'Bearer <admin token>';
  const shown = {
    ...sent,
    headers,
    payload:
      sent.payload && sent.payload.length > 2000
        ? `${sent.payload.slice(0, 200)}… (${sent.payload.length} characters)`
        : sent.payload,
  };
  const url =
    shown.url.length > 400 ? `${shown.url.slice(0, 200)}… (${shown.url.length} characters)` : shown.url;
  return `app.inject(${JSON.stringify({ ...shown, url })})`;
}

/** A 32-bit seed per operation from the run's seed, so one operation can be run alone and draw the same requests. */
export function seedFor(seed: number, operationId: string): number {
  let hash = seed | 0;
  for (const char of operationId) hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619);
  return hash;
}
