import type { Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { everyColumn, preparedQuery } from '../../db/prepared.ts';
import type { HousesTable, SitesTable } from '../../db/tables.ts';

export type HouseRow = Selectable<HousesTable>;
export type SiteRow = Selectable<SitesTable>;
type HouseValues = Omit<HouseRow, 'id' | 'organization_id' | 'version' | 'created_at' | 'updated_at'>;

export function listHouses(
  db: DbOrTx,
  filter: {
    organizationId: string;
    siteId?: string;
    status?: 'active' | 'inactive';
    search?: string;
    /** Only these houses (an owner's); undefined for every house. */
    houseIds?: string[];
    afterCode?: string;
    limit: number;
  },
): Promise<HouseRow[]> {
  const pattern = `%${(filter.search ?? '').toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('houses')
    .selectAll()
    .where('organization_id', '=', filter.organizationId)
    .$if(filter.siteId !== undefined, (q) => q.where('site_id', '=', filter.siteId ?? ''))
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status ?? 'active'))
    .$if(filter.search !== undefined, (q) =>
      q.where((eb) => eb.or([eb('code', 'like', pattern), eb(eb.fn('lower', ['name']), 'like', pattern)])),
    )
    .$if(filter.houseIds !== undefined, (q) =>
      // An empty list must match nothing, not fail to compile.
      q.where('id', 'in', filter.houseIds?.length ? filter.houseIds : ['']),
    )
    .$if(filter.afterCode !== undefined, (q) => q.where('code', '>', filter.afterCode ?? ''))
    .orderBy('code')
    .limit(filter.limit)
    .execute();
}

export function findHouse(
  db: DbOrTx,
  organizationId: string,
  houseId: string,
): Promise<HouseRow | undefined> {
  return houseById.first(db, { organizationId, houseId });
}

const HOUSE_COLUMNS = everyColumn<HousesTable>()([
  'id',
  'organization_id',
  'code',
  'name',
  'type',
  'site_id',
  'location',
  'max_guests',
  'nightly_price_cents',
  'timezone',
  'check_in_time',
  'check_out_time',
  'status',
  'notes',
  'version',
  'created_at',
  'updated_at',
]);

const houseById = preparedQuery((db, values: { organizationId: string; houseId: string }) =>
  db
    .selectFrom('houses')
    .select(HOUSE_COLUMNS)
    .where('organization_id', '=', values.organizationId)
    .where('id', '=', values.houseId),
);

export function findHouseByCode(db: DbOrTx, organizationId: string, code: string) {
  return db
    .selectFrom('houses')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertHouse(
  tx: Tx,
  house: HouseValues & { id: string; organization_id: string; now: string },
): Promise<void> {
  const { now, ...values } = house;
  await tx
    .insertInto('houses')
    .values({ ...values, created_at: now, updated_at: now })
    .execute();
}

/** Applies changes to one version of a house; false when the house is gone or at another version. */
export async function updateHouse(
  tx: Tx,
  key: { organizationId: string; houseId: string; version: number },
  changes: Partial<HouseValues>,
  now: string,
): Promise<boolean> {
  const result = await tx
    .updateTable('houses')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('organization_id', '=', key.organizationId)
    .where('id', '=', key.houseId)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteHouse(
  tx: Tx,
  organizationId: string,
  houseId: string,
  version: number,
): Promise<boolean> {
  const result = await tx
    .deleteFrom('houses')
    .where('organization_id', '=', organizationId)
    .where('id', '=', houseId)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Whether any reservation or block, even cancelled, refers to the house: its history must stay. */
export async function houseHasHistory(db: DbOrTx, houseId: string): Promise<boolean> {
  const reservation = await db
    .selectFrom('reservations')
    .select('id')
    .where('house_id', '=', houseId)
    .limit(1)
    .executeTakeFirst();
  const block = await db
    .selectFrom('blocks')
    .select('id')
    .where('house_id', '=', houseId)
    .limit(1)
    .executeTakeFirst();
  return reservation !== undefined || block !== undefined;
}

/** Those of the given ids that are houses of the organization. */
export async function housesOfOrganization(db: DbOrTx, organizationId: string, houseIds: string[]) {
  if (houseIds.length === 0) return [];
  const rows = await db
    .selectFrom('houses')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', 'in', houseIds)
    .execute();
  return rows.map((row) => row.id);
}

/** The houses an owner member is assigned. */
export async function assignedHouseIds(
  db: DbOrTx,
  organizationId: string,
  userId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('membership_houses')
    .select('house_id')
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((row) => row.house_id);
}

// --- sites ------------------------------------------------------------------------

export type SiteWithCount = SiteRow & { house_count: number };

function sitesWithCounts(db: DbOrTx, organizationId: string) {
  return db
    .selectFrom('sites')
    .selectAll('sites')
    .select((eb) =>
      eb
        .selectFrom('houses')
        .select(eb.fn.countAll<number>().as('count'))
        .whereRef('houses.site_id', '=', 'sites.id')
        .as('house_count'),
    )
    .where('sites.organization_id', '=', organizationId);
}

export async function listSites(
  db: DbOrTx,
  filter: { organizationId: string; after?: [string, string]; limit: number },
): Promise<SiteWithCount[]> {
  const rows = await sitesWithCounts(db, filter.organizationId)
    .$if(filter.after !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('sites.name', '>', filter.after?.[0] ?? ''),
          eb.and([
            eb('sites.name', '=', filter.after?.[0] ?? ''),
            eb('sites.id', '>', filter.after?.[1] ?? ''),
          ]),
        ]),
      ),
    )
    .orderBy('sites.name')
    .orderBy('sites.id')
    .limit(filter.limit)
    .execute();
  return rows.map((row) => ({ ...row, house_count: Number(row.house_count ?? 0) }));
}

export async function findSite(
  db: DbOrTx,
  organizationId: string,
  siteId: string,
): Promise<SiteWithCount | undefined> {
  const row = await sitesWithCounts(db, organizationId).where('sites.id', '=', siteId).executeTakeFirst();
  return row ? { ...row, house_count: Number(row.house_count ?? 0) } : undefined;
}

export async function insertSite(
  tx: Tx,
  site: {
    id: string;
    organizationId: string;
    name: string;
    address: string | null;
    notes: string | null;
    now: string;
  },
): Promise<void> {
  await tx
    .insertInto('sites')
    .values({
      id: site.id,
      organization_id: site.organizationId,
      name: site.name,
      address: site.address,
      notes: site.notes,
      created_at: site.now,
      updated_at: site.now,
    })
    .execute();
}

export async function updateSite(
  tx: Tx,
  key: { organizationId: string; siteId: string; version: number },
  changes: { name?: string; address?: string | null; notes?: string | null },
  now: string,
): Promise<boolean> {
  const result = await tx
    .updateTable('sites')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('organization_id', '=', key.organizationId)
    .where('id', '=', key.siteId)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteSite(
  tx: Tx,
  organizationId: string,
  siteId: string,
  version: number,
): Promise<boolean> {
  const result = await tx
    .deleteFrom('sites')
    .where('organization_id', '=', organizationId)
    .where('id', '=', siteId)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
