import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { currentChangeContext } from './change-context.ts';
import { newId } from './ids.ts';
import { isPostgres } from './migration-kit.ts';

/**
 * The audit log, written by the database: a trigger on each audited table
 * records every insert, update and delete in the transaction that makes it,
 * so no change can skip the log and no module writes it by hand.
 *
 * - One entry per entity per transaction: a second write of the same entity
 *   in one change (a stay written, then its price recounted) updates the
 *   entry made by the first, keeping the first `before` and the last `after`.
 * - The action follows from the entry: no `before` is a `create`, no `after`
 *   a `delete`, a moved `status` column a `status`, anything else an `update`.
 *   An entity made and removed in one transaction leaves no entry.
 * - `before` and `after` are the table's row as stored, its hidden columns
 *   (secrets) as a digest. A write that changes only ignored columns (a
 *   channel's sync bookkeeping) is not a change.
 * - The actor, organization and request come from the change context
 *   (change-context.ts): on PostgreSQL as settings of the transaction, set by
 *   `inTransaction`; on SQLite through a function the triggers call.
 *
 * The triggers are generated from the list below and installed after the
 * migrations (`installAuditCapture`), again whenever the list or a table's
 * columns change: a new audited table is one line here.
 */
interface AuditedTable {
  table: string;
  /** The entity type the log names. */
  entity: string;
  /** The entity's id, as an SQL expression over the row `r` (`NEW` or `OLD`). */
  id?: (r: string) => string;
  /** The organization, as an SQL expression over the row; its `organization_id` unless said. */
  organization?: (r: string) => string;
  /**
   * Secrets: never recorded, only a digest of them (`sha256:` and 8 hex
   * digits), so a new one (a rotated token) is a change the log shows.
   */
  hidden?: string[];
  /** Columns whose change alone is not a change to the entity. */
  ignored?: string[];
  /** The writes recorded; all three unless said. */
  operations?: ('insert' | 'update' | 'delete')[];
}

export const AUDITED_TABLES: AuditedTable[] = [
  { table: 'organizations', entity: 'organization', organization: (r) => `${r}.id` },
  { table: 'memberships', entity: 'member', id: (r) => `${r}.user_id` },
  {
    table: 'membership_houses',
    entity: 'house_assignment',
    id: (r) => `${r}.user_id || ':' || ${r}.house_id`,
  },
  { table: 'invitations', entity: 'invitation', hidden: ['token_hash'] },
  { table: 'sites', entity: 'site' },
  { table: 'houses', entity: 'house' },
  { table: 'guests', entity: 'guest' },
  { table: 'reservations', entity: 'reservation' },
  { table: 'blocks', entity: 'block' },
  { table: 'checklist_categories', entity: 'checklist_category' },
  { table: 'checklist_items', entity: 'checklist_item' },
  // Which houses an item applies to, beyond the houses of its own: what changed in the list.
  {
    table: 'checklist_item_houses',
    entity: 'checklist_item_house',
    id: (r) => `${r}.item_id || ':' || ${r}.house_id`,
    organization: (r) => `(select organization_id from checklist_items where id = ${r}.item_id)`,
  },
  { table: 'turnover_rounds', entity: 'turnover_round' },
  // A round's items are copied from the template when it opens (the round's own entry says so) and
  // go with it: what happens to one afterwards is a tick or an untick.
  {
    table: 'turnover_round_items',
    entity: 'checklist_tick',
    id: (r) => `${r}.round_id || ':' || ${r}.item_id`,
    organization: (r) => `(select organization_id from turnover_rounds where id = ${r}.round_id)`,
    operations: ['update'],
  },
  {
    table: 'channel_feeds',
    entity: 'channel',
    // A channel's calendar address holds its secret: a new one shows as a new digest.
    hidden: ['url'],
    ignored: [
      'status',
      'last_error',
      'last_error_code',
      'last_sync_at',
      'last_success_at',
      'next_sync_at',
      'sync_lease_until',
      'updated_at',
    ],
  },
  {
    table: 'ical_exports',
    entity: 'ical_export',
    id: (r) => `${r}.house_id || ':' || ${r}.channel`,
    hidden: ['token'],
  },
  { table: 'attachments', entity: 'attachment' },
  { table: 'maintenance_types', entity: 'maintenance_type', id: (r) => `${r}.code` },
  { table: 'maintenance_issues', entity: 'maintenance_issue' },
  { table: 'payments', entity: 'payment' },
  { table: 'ledger_entries', entity: 'ledger_entry' },
  { table: 'finance_closings', entity: 'finance_closing', id: (r) => `${r}.month` },
  { table: 'tourist_tax_rules', entity: 'tourist_tax_rule', id: (r) => `${r}.house_id` },
  { table: 'stay_tourist_taxes', entity: 'stay_tourist_tax', id: (r) => `${r}.reservation_id` },
  { table: 'owner_contracts', entity: 'owner_contract' },
];

const entityId = (audited: AuditedTable, r: string) => audited.id?.(r) ?? `${r}.id`;
const organizationOf = (audited: AuditedTable, r: string) =>
  audited.organization?.(r) ?? `${r}.organization_id`;
const operationsOf = (audited: AuditedTable) => audited.operations ?? ['insert', 'update', 'delete'];
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

// --- PostgreSQL ---------------------------------------------------------------------------

/**
 * Two functions every trigger shares: a UUIDv7 made in SQL (PostgreSQL 15 has
 * none), and the writer that makes or merges the transaction's entry.
 */
const POSTGRES_SHARED = [
  `create or replace function audit_new_id() returns text language sql volatile as $$
    select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-'
      || substr('89ab', 1 + floor(random() * 4)::int, 1) || substr(r, 4, 3) || '-' || substr(r, 7, 12)
    from (select lpad(to_hex(floor(extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') as h,
                 md5(random()::text || clock_timestamp()::text) as r) as parts
  $$`,
  `create or replace function audit_write(
    p_organization text, p_entity text, p_entity_id text, p_before jsonb, p_after jsonb
  ) returns void language plpgsql as $$
  declare
    v_tx text := pg_current_xact_id()::text;
    v_entry record;
    v_action text;
  begin
    p_organization := coalesce(p_organization, nullif(current_setting('staykeep.organization_id', true), ''));
    if p_organization is null then return; end if;
    select id, before into v_entry from audit_log
      where tx = v_tx and entity = p_entity and entity_id = p_entity_id;
    if found then p_before := v_entry.before; end if;
    v_action := case
      when p_before is null and p_after is null then null
      when p_before is null then 'create'
      when p_after is null then 'delete'
      when (p_before ->> 'status') is distinct from (p_after ->> 'status') then 'status'
      else 'update' end;
    if found then
      if v_action is null then delete from audit_log where id = v_entry.id;
      else update audit_log set after = p_after, action = v_action where id = v_entry.id;
      end if;
    elsif v_action is not null then
      insert into audit_log
        (id, organization_id, entity, entity_id, action, actor_id, at, before, after, tx, request_id, shape)
      values (audit_new_id(), p_organization, p_entity, p_entity_id, v_action,
        nullif(current_setting('staykeep.actor_id', true), ''), now(), p_before, p_after, v_tx,
        nullif(current_setting('staykeep.request_id', true), ''), 'row');
    end if;
  end $$`,
];

function postgresTrigger(audited: AuditedTable): string[] {
  const ignored = `array[${(audited.ignored ?? []).map(literal).join(', ')}]::text[]`;
  // The row as JSON, each hidden column replaced by its digest.
  const recorded = (r: string) =>
    [
      `to_jsonb(${r})`,
      ...(audited.hidden ?? []).map(
        (column) =>
          `jsonb_build_object(${literal(column)}, 'sha256:' || left(encode(sha256(convert_to(${r}.${column}, 'UTF8')), 'hex'), 8))`,
      ),
    ].join(' || ');
  const name = `audit_${audited.table}`;
  const events = operationsOf(audited).join(' or ');
  return [
    `create or replace function ${name}() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and (to_jsonb(old) - ${ignored}) = (to_jsonb(new) - ${ignored}) then
        return null;
      end if;
      if tg_op = 'DELETE' then
        perform audit_write(${organizationOf(audited, 'old')}, ${literal(audited.entity)},
          ${entityId(audited, 'old')}, ${recorded('old')}, null);
      else
        perform audit_write(${organizationOf(audited, 'new')}, ${literal(audited.entity)},
          ${entityId(audited, 'new')},
          case when tg_op = 'UPDATE' then ${recorded('old')} end, ${recorded('new')});
      end if;
      return null;
    end $$`,
    `drop trigger if exists ${name} on ${audited.table}`,
    `create trigger ${name} after ${events} on ${audited.table} for each row execute function ${name}()`,
  ];
}

// --- SQLite ---------------------------------------------------------------------------------

interface SqliteColumn {
  name: string;
  type: string;
}

/** The row `r` as a JSON object, booleans and JSON columns as themselves, hidden columns as their digest. */
function sqliteRowJson(columns: SqliteColumn[], hidden: string[], r: string): string {
  const fields = columns.map((column) => {
    const value = `${r}.${column.name}`;
    const type = column.type.toLowerCase();
    const json = hidden.includes(column.name)
      ? `'sha256:' || staykeep_audit_digest(${value})`
      : type === 'boolean'
        ? `case when ${value} is null then null when ${value} then json('true') else json('false') end`
        : type === 'json'
          ? `json(${value})`
          : value;
    return `${literal(column.name)}, ${json}`;
  });
  return `json_object(${fields.join(', ')})`;
}

/**
 * Three triggers per table. Each first merges into the entry the transaction
 * already made for the entity, then makes one if there was none; the
 * `staykeep_audit()` function hands them the change context.
 */
function sqliteTriggers(audited: AuditedTable, columns: SqliteColumn[]): string[] {
  const hidden = audited.hidden ?? [];
  const hasStatus = columns.some((column) => column.name === 'status');
  const statements: string[] = [];
  const sameEntry = (r: string) =>
    `tx = staykeep_audit('tx') and entity = ${literal(audited.entity)} and entity_id = ${entityId(audited, r)}`;
  const actionAfter = (r: string) =>
    hasStatus
      ? `case when before is null then 'create' when json_extract(before, '$.status') is not ${r}.status then 'status' else 'update' end`
      : `case when before is null then 'create' else 'update' end`;
  const insertNew = (r: string, action: string, before: string, after: string) => `
    insert into audit_log (id, organization_id, entity, entity_id, action, actor_id, at, before, after, tx, request_id, shape)
    select staykeep_audit('id'), organization, ${literal(audited.entity)}, ${entityId(audited, r)}, ${action},
      staykeep_audit('actor'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ${before}, ${after},
      staykeep_audit('tx'), staykeep_audit('request'), 'row'
    from (select coalesce(${organizationOf(audited, r)}, staykeep_audit('organization')) as organization)
    where organization is not null and not exists (select 1 from audit_log where ${sameEntry(r)});`;
  const name = (operation: string) => `audit_${audited.table}_${operation}`;
  const operations = operationsOf(audited);

  if (operations.includes('insert')) {
    const after = sqliteRowJson(columns, hidden, 'new');
    statements.push(`create trigger ${name('insert')} after insert on ${audited.table} begin
      update audit_log set after = ${after}, action = ${actionAfter('new')} where ${sameEntry('new')};
      ${insertNew('new', `'create'`, 'null', after)}
    end`);
  }
  if (operations.includes('update')) {
    const watched = columns.filter((column) => !(audited.ignored ?? []).includes(column.name));
    const changed = watched.map((column) => `old.${column.name} is not new.${column.name}`).join(' or ');
    const after = sqliteRowJson(columns, hidden, 'new');
    const before = sqliteRowJson(columns, hidden, 'old');
    const firstAction = hasStatus
      ? `case when old.status is not new.status then 'status' else 'update' end`
      : `'update'`;
    statements.push(`create trigger ${name('update')} after update on ${audited.table} when ${changed} begin
      update audit_log set after = ${after}, action = ${actionAfter('new')} where ${sameEntry('new')};
      ${insertNew('new', firstAction, before, after)}
    end`);
  }
  if (operations.includes('delete')) {
    const before = sqliteRowJson(columns, hidden, 'old');
    // An entity made and removed in one transaction leaves nothing: its entry ends with neither side.
    statements.push(`create trigger ${name('delete')} after delete on ${audited.table} begin
      update audit_log set after = null, action = 'delete' where ${sameEntry('old')};
      ${insertNew('old', `'delete'`, before, 'null')}
      delete from audit_log where ${sameEntry('old')} and before is null and after is null;
    end`);
  }
  return statements;
}

/**
 * The function the SQLite triggers call for the change context. Called while
 * a statement runs, in the code that runs it, so it sees that code's context.
 */
export function registerAuditFunctions(database: BetterSqlite3.Database): void {
  database.function('staykeep_audit', { deterministic: false, directOnly: false }, (key: unknown) => {
    const context = currentChangeContext();
    switch (key) {
      case 'id':
        return newId();
      case 'tx':
        return context.transactionKey;
      case 'actor':
        return context.actorId;
      case 'organization':
        return context.organizationId;
      case 'request':
        return context.requestId;
      default:
        throw new Error(`staykeep_audit: unknown key ${String(key)}`);
    }
  });
  database.function('staykeep_audit_digest', { deterministic: true }, (value: unknown) =>
    value === null ? null : createHash('sha256').update(String(value)).digest('hex').slice(0, 8),
  );
}

// --- installing -----------------------------------------------------------------------------

/**
 * Installs (or replaces) the triggers when what they should be differs from
 * what was installed: after every migration run, at start. On PostgreSQL
 * under a lock, as several instances may start at once.
 */
// biome-ignore lint/suspicious/noExplicitAny: runs right after the migrations, on any schema.
export async function installAuditCapture(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const postgres = isPostgres(tx);
    let statements: string[];
    if (postgres) {
      await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.audit_capture'))`.execute(tx);
      statements = [...POSTGRES_SHARED, ...AUDITED_TABLES.flatMap(postgresTrigger)];
    } else {
      statements = [];
      for (const audited of AUDITED_TABLES) {
        const { rows } =
          await sql<SqliteColumn>`select name, type from pragma_table_info(${audited.table})`.execute(tx);
        statements.push(...sqliteTriggers(audited, rows));
      }
    }
    const fingerprint = createHash('sha256').update(statements.join('\n')).digest('hex');
    const installed = await tx.selectFrom('audit_capture').select('fingerprint').executeTakeFirst();
    // A table a migration made again has lost its trigger: count them too.
    const present = await triggerCount(tx, postgres);
    const expected = statements.filter((statement) => statement.startsWith('create trigger')).length;
    if (installed?.fingerprint === fingerprint && present === expected) {
      return;
    }
    if (!postgres) await dropSqliteTriggers(tx);
    for (const statement of statements) await sql.raw(statement).execute(tx);
    await tx.deleteFrom('audit_capture').execute();
    await tx.insertInto('audit_capture').values({ fingerprint }).execute();
  });
}

/**
 * SQLite checks a table's triggers when a migration changes the table: one
 * naming a column that goes makes the migration fail. So on SQLite the
 * triggers come off before migrations run and are installed again after
 * them. PostgreSQL's triggers read rows whole (`to_jsonb`) and stay, so
 * instances still serving during an upgrade keep recording; only a move
 * back to an earlier schema (`migrateTo`, for tests) takes them off there.
 */
export async function removeAuditCaptureForMigrations(
  // biome-ignore lint/suspicious/noExplicitAny: runs before the migrations, on any schema.
  db: Kysely<any>,
  options: { downgrade?: boolean } = {},
): Promise<void> {
  if (!isPostgres(db)) {
    await dropSqliteTriggers(db);
    return;
  }
  if (!options.downgrade) return;
  const { rows } = await sql<{
    trigger: string;
    table: string;
  }>`select t.tgname as trigger, c.relname as table
    from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and left(t.tgname, 6) = 'audit_'`.execute(db);
  for (const row of rows)
    await sql`drop trigger if exists ${sql.id(row.trigger)} on ${sql.id(row.table)}`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see installAuditCapture.
async function dropSqliteTriggers(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_schema
    where type = 'trigger' and name glob 'audit_*'`.execute(db);
  for (const { name } of rows) await sql.raw(`drop trigger ${name}`).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see installAuditCapture.
async function triggerCount(db: Kysely<any>, postgres: boolean): Promise<number> {
  const { rows } = postgres
    ? await sql<{ count: number }>`select count(*) as count from pg_trigger t
        join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and left(t.tgname, 6) = 'audit_'`.execute(db)
    : await sql<{ count: number }>`select count(*) as count from sqlite_schema
        where type = 'trigger' and name glob 'audit_*'`.execute(db);
  return Number(rows[0]?.count ?? 0);
}
