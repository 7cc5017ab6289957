import type { Static } from 'typebox';
import type { Db } from '../../db/database.ts';
import { findSetting } from './instance.repository.ts';
import type { InstanceSchema } from './instance.schemas.ts';

const DEFAULT_NAME = 'Staykeep';

export async function describeInstance(db: Db, version: string): Promise<Static<typeof InstanceSchema>> {
  const name = await findSetting(db, 'name');
  return { name: typeof name === 'string' && name !== '' ? name : DEFAULT_NAME, version };
}
