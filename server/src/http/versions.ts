import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/**
 * Optimistic concurrency: every mutable resource has an integer `version`,
 * sent as a strong ETag ("3"). A PATCH or DELETE with `If-Match` only applies
 * to that version; the repository checks it in the UPDATE itself.
 */
export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('ETag', `"${version}"`);
}

/** The version `If-Match` asks for; undefined without the header or with `*`. */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const match = header.trim().match(/^"(\d{1,9})"$/);
  // A tag that cannot be one of ours can never match the current version.
  return match ? Number(match[1]) : -1;
}

export function versionMismatch(currentVersion: number): AppError {
  return new AppError(
    412,
    'version-mismatch',
    'The resource changed since you read it: reload and try again.',
    {
      extra: { currentVersion },
    },
  );
}
