import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type { OwnerContractsTable } from '../../db/tables.ts';

export type ContractRow = Selectable<OwnerContractsTable>;

// --- contracts ------------------------------------------------------------------------

/** A house's contracts, oldest first. */
export function listContracts(db: DbOrTx, organizationId: string, houseId: string): Promise<ContractRow[]> {
  return db
    .selectFrom('owner_contracts')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('house_id', '=', houseId)
    .orderBy('effective_from')
    .execute();
}

export function findContract(
  db: DbOrTx,
  organizationId: string,
  id: string,
): Promise<ContractRow | undefined> {
  return db
    .selectFrom('owner_contracts')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The contract in force in a month: the latest that starts in it or before. */
export function contractInForce(
  db: DbOrTx,
  organizationId: string,
  houseId: string,
  month: string,
): Promise<ContractRow | undefined> {
  return db
    .selectFrom('owner_contracts')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('house_id', '=', houseId)
    .where('effective_from', '<=', month)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Whether it was written: false when the house already has a contract from that month. */
export async function insertContract(tx: Tx, contract: Insertable<OwnerContractsTable>): Promise<boolean> {
  const result = await tx
    .insertInto('owner_contracts')
    .values(contract)
    .onConflict((conflict) => conflict.columns(['house_id', 'effective_from']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function deleteContract(tx: Tx, organizationId: string, id: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('owner_contracts')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// --- what a statement reads -----------------------------------------------------------

/** The house's stays that are not cancelled and have a night in [from, to), by arrival. */
export function staysOfHouse(db: DbOrTx, organizationId: string, houseId: string, from: string, to: string) {
  return db
    .selectFrom('reservations')
    .select(['id', 'check_in', 'check_out', 'source', 'guest_name', 'total_cents'])
    .where('organization_id', '=', organizationId)
    .where('house_id', '=', houseId)
    .where('check_in', '<', to)
    .where('check_out', '>', from)
    .where('status', '!=', 'cancelled')
    .orderBy('check_in')
    .orderBy('id')
    .execute();
}

/** The language a user reads (users.locale). */
export async function userLocale(db: DbOrTx, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirst();
  return row?.locale;
}

// --- closed months' statements --------------------------------------------------------

export function findSnapshot(db: DbOrTx, houseId: string, month: string) {
  return db
    .selectFrom('owner_statement_snapshots')
    .select(['closed_at', 'body'])
    .where('house_id', '=', houseId)
    .where('month', '=', month)
    .executeTakeFirst();
}

/**
 * Keeps a statement printed under a closing: one of an earlier closing (the
 * month was reopened and closed again) is replaced; one of the same closing
 * printed meanwhile by another request is kept, so every print agrees.
 */
export async function saveSnapshot(
  tx: Tx,
  snapshot: { organizationId: string; houseId: string; month: string; closedAt: string; body: unknown },
): Promise<void> {
  await tx
    .deleteFrom('owner_statement_snapshots')
    .where('house_id', '=', snapshot.houseId)
    .where('month', '=', snapshot.month)
    .where('closed_at', '!=', snapshot.closedAt)
    .execute();
  await tx
    .insertInto('owner_statement_snapshots')
    .values({
      organization_id: snapshot.organizationId,
      house_id: snapshot.houseId,
      month: snapshot.month,
      closed_at: snapshot.closedAt,
      body: JSON.stringify(snapshot.body),
    })
    .onConflict((conflict) => conflict.columns(['house_id', 'month']).doNothing())
    .execute();
}
