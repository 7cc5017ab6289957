import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type { GuestsTable } from '../../db/tables.ts';

export type GuestRow = Selectable<GuestsTable>;
type GuestChanges = Partial<
  Pick<GuestRow, 'name' | 'email' | 'phone' | 'nationality' | 'notes' | 'anonymized_at'>
>;

/** Guests by name, a page at a time; `search` matches a part of the name, email or phone. */
export function listGuests(
  db: DbOrTx,
  filter: { organizationId: string; search?: string; after?: [string, string]; limit: number },
): Promise<GuestRow[]> {
  const pattern = `%${(filter.search ?? '').toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = sql<string>`${pattern} escape '\\'`;
  return db
    .selectFrom('guests')
    .selectAll()
    .where('organization_id', '=', filter.organizationId)
    .$if(filter.search !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['name']), 'like', like),
          eb('email', 'like', like),
          eb('phone', 'like', like),
        ]),
      ),
    )
    .$if(filter.after !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('name', '>', filter.after?.[0] ?? ''),
          eb.and([eb('name', '=', filter.after?.[0] ?? ''), eb('id', '>', filter.after?.[1] ?? '')]),
        ]),
      ),
    )
    .orderBy('name')
    .orderBy('id')
    .limit(filter.limit)
    .execute();
}

export function findGuestRow(db: DbOrTx, organizationId: string, id: string): Promise<GuestRow | undefined> {
  return db
    .selectFrom('guests')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateGuest(
  tx: Tx,
  key: { organizationId: string; id: string; version: number },
  changes: GuestChanges,
  now: string,
): Promise<boolean> {
  const result = await tx
    .updateTable('guests')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('organization_id', '=', key.organizationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function guestHasStays(db: DbOrTx, guestId: string): Promise<boolean> {
  const row = await db
    .selectFrom('reservations')
    .select('id')
    .where('guest_id', '=', guestId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteGuest(tx: Tx, organizationId: string, id: string): Promise<void> {
  await tx.deleteFrom('guests').where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

/**
 * A guest a reservation is being written for, with the name the stay will
 * carry. `lock` (PostgreSQL) takes a share lock on the row, so a concurrent
 * rename waits for the reservation's transaction and then renames its stay
 * too; on SQLite the transaction already holds the database's write lock.
 */
export function findGuest(tx: Tx, organizationId: string, id: string, lock: boolean) {
  return tx
    .selectFrom('guests')
    .select(['id', 'name'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .$if(lock, (q) => q.forShare())
    .executeTakeFirst();
}

/** The guest with this email, read as `findGuest` reads one. */
export function findGuestByEmail(tx: Tx, organizationId: string, email: string, lock: boolean) {
  return tx
    .selectFrom('guests')
    .select(['id', 'name'])
    .where('organization_id', '=', organizationId)
    .where('email', '=', email)
    .$if(lock, (q) => q.forShare())
    .executeTakeFirst();
}

export async function insertGuest(
  tx: Tx,
  guest: {
    id: string;
    organizationId: string;
    name: string;
    email: string | null;
    phone: string | null;
    nationality?: string | null;
    notes?: string | null;
    now: string;
  },
): Promise<void> {
  await tx
    .insertInto('guests')
    .values({
      id: guest.id,
      organization_id: guest.organizationId,
      name: guest.name,
      email: guest.email,
      phone: guest.phone,
      nationality: guest.nationality ?? null,
      notes: guest.notes ?? null,
      created_at: guest.now,
      updated_at: guest.now,
    })
    .execute();
}
