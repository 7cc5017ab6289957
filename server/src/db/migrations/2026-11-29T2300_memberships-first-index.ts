import type { Kysely } from 'kysely';

/**
 * Every authenticated request reads the caller's first membership (by
 * created_at, then organization_id) when no organization is named. With the
 * order in the index, that is one seek instead of reading all of the user's
 * memberships and sorting them, twice per request.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('memberships_user_idx').execute();
  await db.schema
    .createIndex('memberships_user_first_idx')
    .on('memberships')
    .columns(['user_id', 'created_at', 'organization_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('memberships_user_first_idx').execute();
  await db.schema.createIndex('memberships_user_idx').on('memberships').column('user_id').execute();
}
