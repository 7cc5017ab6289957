import type { FastifyError } from 'fastify';
import { Type } from 'typebox';

/**
 * What is wrong with one field of a request, as a stable code a client can
 * translate (the web app does, into French and English), its parameters, and
 * an English sentence for people reading the API directly.
 */
export const FIELD_ERROR_CODES = [
  'required', // missing, empty or blank
  'unknown-property', // a property the route does not take
  'wrong-type', // expected: the JSON types it may be (string, number, integer, boolean, null, object, array)
  'too-short', // limit: fewest characters
  'too-long', // limit: most characters
  'too-small', // limit: smallest number
  'too-large', // limit: largest number
  'too-few', // limit: fewest items (or properties)
  'too-many', // limit: most items
  'not-allowed', // allowed: the values it may take
  'invalid-format', // does not match the expected pattern; format: its name when it has one
  'invalid-email',
  'invalid-date', // not a calendar date YYYY-MM-DD between 0001-01-01 and 9999-12-31
  'invalid-id',
  'control-characters', // holds control characters (text may hold tabs and line breaks)
  'invalid-amount', // not an amount with at most two decimals
  'invalid-time-zone', // not an IANA time zone such as Europe/Paris
  'invalid-country', // not an ISO 3166 country code such as FR
  'invalid-cursor', // not a cursor of this list
  'invalid-token', // a link's token: invalid, expired or already used
  'wrong-password', // not the account's current password
  'common-password', // one of the most common passwords
  'before-start', // an end that is not after its start; field: the start's name
  'too-many-nights', // limit: most nights of a stay or block
  'too-many-days', // limit: most days a query covers
  'more-than-total', // an advance larger than the total price
  'less-than-paid', // a price lowered below what the guest has already paid
  'more-than-due', // a payment larger than the balance still due
  'more-than-paid', // a refund larger than what the guest has paid
  'more-than-held', // a deposit returned or kept beyond what is held
  'too-many-guests', // limit: most guests the house takes
  'not-a-member', // a user who is not a member of the organization
  'invalid', // anything else
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** The parameters some codes carry, beside path, code and message. */
export interface FieldErrorParams {
  limit?: number;
  allowed?: string[];
  expected?: string[];
  format?: string;
  field?: string;
}

export interface FieldError extends FieldErrorParams {
  /** Where: `body.name`, `querystring.to`, `headers.idempotency-key`… */
  path: string;
  code: FieldErrorCode;
  /** An English sentence without its subject, e.g. "must be at most 200 characters". */
  message: string;
}

export const FieldErrorSchema = Type.Object(
  {
    path: Type.String({ description: 'The field: body.name, querystring.to, headers.idempotency-key…' }),
    code: Type.Union(
      FIELD_ERROR_CODES.map((code) => Type.Literal(code)),
      { description: 'What is wrong, for clients to translate; new codes may appear (treat as invalid).' },
    ),
    message: Type.String({ description: 'The same in English, without its subject: "is required".' }),
    limit: Type.Optional(Type.Number({ description: 'too-short, too-long, too-small, too-large…' })),
    allowed: Type.Optional(Type.Array(Type.String(), { description: 'not-allowed: the values accepted' })),
    expected: Type.Optional(
      Type.Array(Type.String(), { description: 'wrong-type: the JSON types accepted' }),
    ),
    format: Type.Optional(Type.String({ description: 'invalid-format: the format expected' })),
    field: Type.Optional(Type.String({ description: 'before-start: the field the value must follow' })),
  },
  { $id: 'FieldError', title: 'FieldError', additionalProperties: false },
);

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'null',
  object: 'an object',
  array: 'a list',
};

function englishMessage(code: FieldErrorCode, params: FieldErrorParams): string {
  switch (code) {
    case 'required':
      return 'is required';
    case 'unknown-property':
      return 'is not an accepted property';
    case 'wrong-type':
      return `must be ${(params.expected ?? []).map((type) => TYPE_NAMES[type] ?? type).join(' or ')}`;
    case 'too-short':
      return `must be at least ${params.limit} characters`;
    case 'too-long':
      return `must be at most ${params.limit} characters`;
    case 'too-small':
      return `must be at least ${params.limit}`;
    case 'too-large':
      return `must be at most ${params.limit}`;
    case 'too-few':
      return `must have at least ${params.limit} items`;
    case 'too-many':
      return `must have at most ${params.limit} items`;
    case 'not-allowed':
      return `must be one of: ${(params.allowed ?? []).join(', ')}`;
    case 'invalid-format':
      return params.format ? `is not a valid ${params.format}` : 'is not in the expected format';
    case 'invalid-email':
      return 'is not an email address';
    case 'invalid-date':
      return 'is not a calendar date (YYYY-MM-DD)';
    case 'invalid-id':
      return 'is not an id';
    case 'control-characters':
      return 'must not contain control characters';
    case 'invalid-amount':
      return 'must be an amount of zero or more with at most two decimals, like 150 or 150.50';
    case 'invalid-time-zone':
      return 'is not an IANA time zone, like Europe/Paris';
    case 'invalid-country':
      return 'is not an ISO 3166 country code, like FR';
    case 'invalid-cursor':
      return 'is not a cursor of this list';
    case 'invalid-token':
      return 'is invalid, expired or already used';
    case 'wrong-password':
      return 'is not the current password';
    case 'common-password':
      return 'is one of the most common passwords; choose another';
    case 'before-start':
      return `must be after ${params.field ?? 'the start'}`;
    case 'too-many-nights':
      return `a range lasts at most ${params.limit} nights`;
    case 'too-many-days':
      return `covers at most ${params.limit} days`;
    case 'more-than-total':
      return 'must not exceed totalPrice';
    case 'less-than-paid':
      return 'must not be less than advancePaid';
    case 'more-than-due':
      return 'must not exceed the balance due';
    case 'more-than-paid':
      return 'must not exceed what the guest has paid';
    case 'more-than-held':
      return 'must not exceed the deposit held';
    case 'too-many-guests':
      return `must be at most ${params.limit} for this house`;
    case 'not-a-member':
      return 'is not a member of this organization';
    case 'invalid':
      return 'is not valid';
  }
}

/** A field error with its English sentence, for services to throw in a 400. */
export function fieldError(path: string, code: FieldErrorCode, params: FieldErrorParams = {}): FieldError {
  return { path, code, message: englishMessage(code, params), ...params };
}

// --- schema violations ------------------------------------------------------------

/** The names of the formats whose failures have a code of their own. */
const FORMAT_CODES: Record<string, FieldErrorCode> = {
  email: 'invalid-email',
  'calendar-date': 'invalid-date',
  id: 'invalid-id',
  'single-line': 'control-characters',
  text: 'control-characters',
  token: 'invalid-token',
  'time-zone': 'invalid-time-zone',
};

const PATTERN_CODES = new Map<string, FieldErrorCode>();

/**
 * A schema pattern whose failures have a code of their own instead of
 * invalid-format: `Type.String({ pattern: codedPattern('invalid-amount', '^…$') })`.
 */
export function codedPattern(code: FieldErrorCode, pattern: string): string {
  PATTERN_CODES.set(pattern, code);
  return pattern;
}

type SchemaError = NonNullable<FastifyError['validation']>[number];

function pathOf(error: SchemaError, context: string | undefined): string {
  const params = error.params as Record<string, unknown>;
  let pointer = error.instancePath ?? '';
  if (typeof params.missingProperty === 'string') pointer += `/${params.missingProperty}`;
  if (typeof params.additionalProperty === 'string') pointer += `/${params.additionalProperty}`;
  return `${context ?? 'body'}${pointer.replaceAll('/', '.')}`;
}

function codeOf(error: SchemaError): [FieldErrorCode, FieldErrorParams] {
  const params = error.params as Record<string, unknown>;
  const limit = typeof params.limit === 'number' ? params.limit : undefined;
  switch (error.keyword) {
    case 'required':
      return ['required', {}];
    case 'additionalProperties':
      return ['unknown-property', {}];
    case 'type':
      return ['wrong-type', { expected: String(params.type).split(',') }];
    case 'minLength':
      // An empty text where one is needed is missing, for whoever fills the form.
      return limit === 1 ? ['required', {}] : ['too-short', { limit }];
    case 'maxLength':
      return ['too-long', { limit }];
    case 'minimum':
    case 'exclusiveMinimum':
      return ['too-small', { limit }];
    case 'maximum':
    case 'exclusiveMaximum':
      return ['too-large', { limit }];
    case 'minItems':
    case 'minProperties':
      return ['too-few', { limit }];
    case 'maxItems':
    case 'maxProperties':
      return ['too-many', { limit }];
    case 'const':
      return ['not-allowed', { allowed: [String(params.allowedValue)] }];
    case 'enum':
      return ['not-allowed', { allowed: (params.allowedValues as unknown[]).map(String) }];
    case 'format': {
      const format = String(params.format);
      return [FORMAT_CODES[format] ?? 'invalid-format', FORMAT_CODES[format] ? {} : { format }];
    }
    case 'pattern':
      return [PATTERN_CODES.get(String(params.pattern)) ?? 'invalid-format', {}];
    default:
      return ['invalid', {}];
  }
}

/**
 * One error for a value that matched no branch of an anyOf (a nullable text,
 * an amount given as a string or a number, a list of literals), from the
 * errors of its branches: the allowed values when every branch is a literal;
 * else the complaint of a branch whose type the value has (a text too long,
 * an amount in the wrong format); else the types it may be.
 */
function unionError(branches: SchemaError[], anyOf: SchemaError): SchemaError {
  if (branches.length > 0 && branches.every((branch) => branch.keyword === 'const')) {
    return {
      ...anyOf,
      keyword: 'enum',
      params: {
        allowedValues: branches.map((branch) => (branch.params as { allowedValue: unknown }).allowedValue),
      },
    };
  }
  const relevant = branches.find((branch) => branch.keyword !== 'type');
  if (relevant) return relevant;
  if (branches.length === 0) return anyOf;
  const types = [
    ...new Set(branches.flatMap((branch) => String((branch.params as { type: unknown }).type).split(','))),
  ];
  return { ...anyOf, keyword: 'type', params: { type: types.join(',') } };
}

/** The field errors of a schema violation: one per field, each with its code and sentence. */
export function schemaFieldErrors(errors: SchemaError[], context: string | undefined): FieldError[] {
  // Ajv lists the errors of an anyOf's branches before the anyOf's own; fold each group into one.
  const folded: SchemaError[] = [];
  for (const error of errors) {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      const inBranch = (earlier: SchemaError) =>
        earlier.schemaPath.startsWith(`${error.schemaPath}/`) &&
        earlier.instancePath.startsWith(error.instancePath);
      const branches = folded.filter(inBranch);
      const rest = folded.filter((earlier) => !inBranch(earlier));
      folded.splice(0, folded.length, ...rest, unionError(branches, error));
    } else {
      folded.push(error);
    }
  }
  const byPath = new Map<string, FieldError>();
  for (const error of folded) {
    const path = pathOf(error, context);
    if (byPath.has(path)) continue;
    const [code, params] = codeOf(error);
    byPath.set(path, fieldError(path, code, withoutUndefined(params)));
  }
  return [...byPath.values()];
}

function withoutUndefined(params: FieldErrorParams): FieldErrorParams {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
}
