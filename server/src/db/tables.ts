import type { ColumnType } from 'kysely';

/**
 * Row types of every table, as repositories see them on every database (the
 * database layer makes SQLite and PostgreSQL return the same JavaScript
 * types). Each module adds its tables here when its migration lands.
 */
export interface Tables {
  instance_settings: InstanceSettingsTable;
}

/** An ISO 8601 UTC instant, written by the application or defaulted by the database. */
export type Instant = ColumnType<string, string | undefined, string>;

export interface InstanceSettingsTable {
  key: string;
  /** JSON text on write (always `JSON.stringify`), parsed value on read. */
  value: ColumnType<unknown, string, string>;
  updated_at: Instant;
}
