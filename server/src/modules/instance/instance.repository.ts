import type { DbOrTx } from '../../db/database.ts';

export async function findSetting(db: DbOrTx, key: string): Promise<unknown> {
  const row = await db
    .selectFrom('instance_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}
