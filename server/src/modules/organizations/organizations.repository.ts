import type { DbOrTx } from '../../db/database.ts';

export function findOrganization(db: DbOrTx, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'currency', 'timezone', 'locale'])
    .where('id', '=', id)
    .executeTakeFirst();
}
