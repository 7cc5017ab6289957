import type { DbOrTx } from '../db/database.ts';

/** Claims a key; false when a request already holds it. */
export async function claimIdempotencyKey(
  db: DbOrTx,
  entry: { scope: string; key: string; requestHash: string; now: string },
): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ scope: entry.scope, key: entry.key, request_hash: entry.requestHash, created_at: entry.now })
    .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export function findIdempotencyKey(db: DbOrTx, scope: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response_body', 'location', 'created_at'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function saveIdempotentResponse(
  db: DbOrTx,
  entry: { scope: string; key: string; statusCode: number; body: string; location: string | null },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: entry.statusCode, response_body: entry.body, location: entry.location })
    .where('scope', '=', entry.scope)
    .where('key', '=', entry.key)
    .execute();
}

export async function releaseIdempotencyKey(db: DbOrTx, scope: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
}

/** Keys older than the replay window; `olderThan` is an ISO instant. */
export async function deleteExpiredIdempotencyKeys(db: DbOrTx, olderThan: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('created_at', '<', olderThan).execute();
}
