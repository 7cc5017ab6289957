import type { Db } from '../db/database.ts';

/**
 * Demonstration data for a new installation, idempotent: running it twice
 * leaves one copy. Each module adds its part here as it lands.
 */
export async function seedDemo(db: Db): Promise<string[]> {
  await db
    .updateTable('instance_settings')
    .set({ value: JSON.stringify('Staykeep demo'), updated_at: new Date().toISOString() })
    .where('key', '=', 'name')
    .execute();
  return ['instance name: Staykeep demo'];
}
