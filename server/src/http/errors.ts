import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type FieldError, FieldErrorSchema, schemaFieldErrors } from './field-errors.ts';

export type { FieldError } from './field-errors.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** RFC 9457 problem details, as every error response carries them. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({
      description: 'A URN naming the kind of problem, e.g. urn:staykeep:problem:not-found',
    }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldErrorSchema, { description: 'What is wrong with each field' })),
  },
  {
    $id: 'Problem',
    title: 'Problem',
    description: 'An error (RFC 9457). Some problems add fields, such as conflictingReservationId.',
    additionalProperties: true,
  },
);

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * The one error type services throw. `code` becomes the problem type
 * (`urn:staykeep:problem:<code>`); `extra` adds fields that help the client,
 * such as the id of a conflicting reservation.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  readonly code: string;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    detail: string,
    options: {
      errors?: FieldError[];
      extra?: Record<string, unknown>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail);
    this.status = status;
    this.code = code;
    this.errors = options.errors;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new AppError(400, 'validation-error', detail, { errors });
export const notFound = (detail = 'No such resource.') => new AppError(404, 'not-found', detail);
export const conflict = (code: string, detail: string, extra?: Record<string, unknown>) =>
  new AppError(409, code, detail, { extra });

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [field: string]: unknown;
}

function problem(status: number, code: string, detail?: string, fields: Partial<Problem> = {}): Problem {
  return {
    ...fields,
    type: `urn:staykeep:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail === undefined ? {} : { detail }),
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** Fastify's own error codes that are the client's fault, and what to call them. */
const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'malformed-json',
    detail: 'The body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'malformed-json',
    detail: 'The body is empty but the content type is JSON.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body-too-large', detail: 'The body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported-media-type',
    detail: 'This content type is not accepted here.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'bad-request',
    detail: 'Content-Length does not match the body.',
  },
};

/** Turns anything thrown by a route, a hook or Fastify itself into problem+json. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    // Fastify parses the body even for unknown routes; an unknown route stays a 404.
    if (request.is404) return routeNotFound(request, reply);
    if (error instanceof AppError) {
      reply.headers(error.headers);
      return sendProblem(
        reply,
        problem(error.status, error.code, error.message, { ...error.extra, errors: error.errors }),
      );
    }
    // The web app's files: a path the file server refuses (a 256-character name, a `..`) is no page either.
    if (request.routeOptions.url === STATIC_FILES_ROUTE && error.statusCode && error.statusCode < 500) {
      return reply.callNotFound();
    }
    if (error.validation) {
      const errors = schemaFieldErrors(error.validation, error.validationContext);
      return sendProblem(reply, problem(400, 'validation-error', 'The request is not valid.', { errors }));
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (known) return sendProblem(reply, problem(known.status, known.code, known.detail));
    // Errors raised by plugins with a deliberate 4xx status (rate limits, bad headers…).
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code = error.statusCode === 429 ? 'rate-limited' : 'bad-request';
      return sendProblem(reply, problem(error.statusCode, code, error.message));
    }
    return internalError(error, request, reply);
  });
}

/** The route under which `@fastify/static` serves the web app's files (`http/spa.ts`). */
export const STATIC_FILES_ROUTE = '/*';

/**
 * Errors the router raises before any route or hook runs: a path that is not
 * valid percent-encoding (`%ZZ`), or a path parameter longer than the router
 * reads. They are answered as problems too, with the request id.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('X-Request-Id', request.id);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(reply, problem(414, 'uri-too-long', 'A part of the address is too long.'));
    return;
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    sendProblem(
      reply,
      problem(
        400,
        'malformed-url',
        'The address is not valid: a "%" must start a percent-encoded character.',
      ),
    );
    return;
  }
  internalError(error, request, reply);
}

/** Logs what went wrong with the request id, and tells the client only that id: never a stack or SQL. */
function internalError(error: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(
    reply,
    problem(500, 'internal-error', `Something went wrong on our side. Quote request id ${request.id}.`),
  );
}

export function routeNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(
    reply,
    problem(404, 'not-found', `No route ${request.method} ${request.url.split('?')[0]}.`),
  );
}

export function serviceUnavailable(reply: FastifyReply, detail: string): FastifyReply {
  return sendProblem(reply, problem(503, 'not-ready', detail));
}
