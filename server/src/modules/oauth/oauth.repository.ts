import type { DbOrTx, Tx } from '../../db/database.ts';

export function findLinkedUserId(db: DbOrTx, provider: string, subject: string): Promise<string | undefined> {
  return db
    .selectFrom('user_providers')
    .select('user_id')
    .where('provider', '=', provider)
    .where('subject', '=', subject)
    .executeTakeFirst()
    .then((row) => row?.user_id);
}

export function listUserProviders(db: DbOrTx, userId: string) {
  return db
    .selectFrom('user_providers')
    .select(['provider', 'email', 'linked_at as linkedAt'])
    .where('user_id', '=', userId)
    .orderBy('linked_at')
    .execute();
}

export async function insertUserProvider(
  tx: Tx,
  link: { id: string; userId: string; provider: string; subject: string; email: string | null; now: string },
): Promise<void> {
  await tx
    .insertInto('user_providers')
    .values({
      id: link.id,
      user_id: link.userId,
      provider: link.provider,
      subject: link.subject,
      email: link.email,
      linked_at: link.now,
    })
    .execute();
}

export async function deleteUserProvider(tx: Tx, userId: string, provider: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('user_providers')
    .where('user_id', '=', userId)
    .where('provider', '=', provider)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
