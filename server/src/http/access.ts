import type { FastifyInstance, FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import type { Role } from '../db/tables.ts';
import type { Policy } from '../kernel/access.ts';
import { AppError, notFound } from './errors.ts';
import { INPUT_FORMATS } from './inputs.ts';

export interface Caller {
  userId: string;
  email: string;
  instanceAdmin: boolean;
  /** The organization this request acts in, when the user has one. */
  organizationId: string | null;
  role: Role | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy;
  }
  interface FastifyRequest {
    caller: Caller | null;
  }
}

/** Resolves a bearer token and the X-Organization-Id header to a caller, or null when the token is not valid. */
export type CallerResolver = (
  token: string,
  organizationId: string | undefined,
) => Promise<Caller | null | 'not-member'>;

const unauthorized = () =>
  new AppError(401, 'unauthorized', 'Missing, invalid or expired credentials.', {
    headers: { 'WWW-Authenticate': 'Bearer realm="staykeep"' },
  });
const forbidden = () => new AppError(403, 'forbidden', 'Your role does not allow this.');

export function registerAccessControl(app: FastifyInstance, resolveCaller: CallerResolver): void {
  app.decorateRequest('caller', null);

  // Runs before the OpenAPI document reads the routes, so it shows who may call each one.
  app.addHook('onRoute', (route: RouteOptions) => {
    const policy = route.config?.policy;
    if (policy === undefined) {
      if (route.url.startsWith('/api/v1/') && !route.schema?.hide) {
        throw new Error(`Route ${route.method} ${route.url} declares no access policy`);
      }
      return;
    }
    const documented: FastifySchema & { 'x-policy': string | string[] } = {
      ...route.schema,
      security: policy === 'public' ? [] : [{ bearerAuth: [] }],
      'x-policy': typeof policy === 'string' ? policy : [...policy],
    };
    route.schema = documented;
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.is404) return;
    const policy = request.routeOptions.config.policy;
    if (policy === undefined || policy === 'public') return;
    request.caller = await authenticate(request, resolveCaller);
    authorize(policy, request.caller);
  });
}

async function authenticate(request: FastifyRequest, resolveCaller: CallerResolver): Promise<Caller> {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match?.[1]) throw unauthorized();
  const organizationHeader = request.headers['x-organization-id'];
  const requested = typeof organizationHeader === 'string' ? organizationHeader : undefined;
  // A value that cannot be an id names no organization, like one that does not exist; it never reaches a query.
  const malformed = requested !== undefined && !INPUT_FORMATS.id(requested);
  const caller = await resolveCaller(match[1], malformed ? undefined : requested);
  if (caller === null) throw unauthorized();
  if (malformed) throw notFound('No such organization.');
  // Naming an organization you do not belong to looks exactly like naming one that does not exist.
  if (caller === 'not-member') throw notFound('No such organization.');
  return caller;
}

function authorize(policy: Exclude<Policy, 'public'>, caller: Caller): void {
  if (policy === 'authenticated') return;
  if (policy === 'instance-admin') {
    if (!caller.instanceAdmin) throw forbidden();
    return;
  }
  if (caller.role === null) throw notFound('You are not a member of any organization.');
  if (!policy.includes(caller.role)) throw forbidden();
}

/** The caller of a route whose policy requires one. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw unauthorized();
  return request.caller;
}

/** The caller and their current organization, for routes whose policy names roles. */
export function memberOf(request: FastifyRequest): Caller & { organizationId: string; role: Role } {
  const caller = callerOf(request);
  if (caller.organizationId === null || caller.role === null) throw notFound('No such organization.');
  return caller as Caller & { organizationId: string; role: Role };
}
