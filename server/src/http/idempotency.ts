import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { AppError } from './errors.ts';
import { fieldError } from './field-errors.ts';
import {
  claimIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  findIdempotencyKey,
  releaseIdempotencyKey,
  saveIdempotentResponse,
} from './idempotency.repository.ts';

const WINDOW_MS = 24 * 3_600_000;
const ABANDONED_MS = 60_000;
const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route creates something: it honours Idempotency-Key. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null;
  }
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(
      `${request.method} ${request.routeOptions.url}\n${JSON.stringify(request.params)}\n${JSON.stringify(request.body ?? null)}`,
    )
    .digest('hex');
}

/**
 * `Idempotency-Key` on create routes: the same key with the same request
 * within 24 hours answers the first response again and creates nothing; the
 * same key with another request is 422. Keys belong to the caller (and their
 * organization), so one client cannot replay another's. The key is claimed in
 * the database before the work starts, so two concurrent retries cannot both
 * create; a failed attempt releases it for the next retry.
 */
export function registerIdempotency(app: FastifyInstance, db: Db, now: () => Date): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.routeOptions.config.idempotent) return;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new AppError(
        400,
        'validation-error',
        'Idempotency-Key must be 1 to 200 letters, digits or ._:-',
        {
          errors: [fieldError('headers.idempotency-key', 'invalid-format')],
        },
      );
    }
    const scope = `${request.caller?.organizationId ?? '-'}:${request.caller?.userId ?? 'anonymous'}`;
    const hash = requestHash(request);
    const at = now();
    await deleteExpiredIdempotencyKeys(db, new Date(at.getTime() - WINDOW_MS).toISOString());
    if (await claimIdempotencyKey(db, { scope, key, requestHash: hash, now: at.toISOString() })) {
      request.idempotency = { scope, key };
      return;
    }
    let previous = await findIdempotencyKey(db, scope, key);
    // A claim left behind by a process that died mid-request is abandoned after a minute.
    if (
      previous &&
      previous.status_code === null &&
      Date.parse(previous.created_at) < at.getTime() - ABANDONED_MS
    ) {
      await releaseIdempotencyKey(db, scope, key);
      if (await claimIdempotencyKey(db, { scope, key, requestHash: hash, now: at.toISOString() })) {
        request.idempotency = { scope, key };
        return;
      }
      previous = await findIdempotencyKey(db, scope, key);
    }
    if (!previous) {
      throw new AppError(
        409,
        'idempotency-in-progress',
        'A request with this Idempotency-Key just finished: retry.',
      );
    }
    if (previous.request_hash !== hash) {
      throw new AppError(
        422,
        'idempotency-key-reused',
        'This Idempotency-Key was used for a different request.',
      );
    }
    if (previous.status_code === null || previous.response_body === null) {
      throw new AppError(
        409,
        'idempotency-in-progress',
        'A request with this Idempotency-Key is still running.',
        {
          headers: { 'Retry-After': '1' },
        },
      );
    }
    reply
      .code(previous.status_code)
      .header('Idempotent-Replayed', 'true')
      .type('application/json; charset=utf-8');
    if (previous.location) reply.header('Location', previous.location);
    return reply.send(previous.response_body);
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      const location = reply.getHeader('location');
      await saveIdempotentResponse(db, {
        ...claim,
        statusCode: reply.statusCode,
        body: payload,
        location: typeof location === 'string' ? location : null,
      });
    } else {
      await releaseIdempotencyKey(db, claim.scope, claim.key);
    }
    return payload;
  });
}
