import type { Kysely } from 'kysely';
import { columnTypes, nowDefault, oneOf } from '../migration-kit.ts';

/** Accounts, organizations, memberships, tokens and the email outbox. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  const now = nowDefault(db);

  await db.schema
    .createTable('users')
    .addColumn('id', type.id, (c) => c.primaryKey())
    // Stored trimmed and lower-cased: uniqueness is case-insensitive.
    .addColumn('email', type.text, (c) => c.notNull().unique())
    // Null for accounts that only log in through an OAuth provider.
    .addColumn('password_hash', type.text)
    .addColumn('name', type.text, (c) => c.notNull())
    .addColumn('locale', type.text, (c) => c.notNull().defaultTo('en'))
    .addColumn('active', type.boolean, (c) => c.notNull().defaultTo(true))
    .addColumn('verified', type.boolean, (c) => c.notNull().defaultTo(false))
    .addColumn('instance_admin', type.boolean, (c) => c.notNull().defaultTo(false))
    .addColumn('last_login_at', type.instant)
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('organizations')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('name', type.text, (c) => c.notNull())
    .addColumn('currency', type.text, (c) => c.notNull().defaultTo('EUR'))
    .addColumn('timezone', type.text, (c) => c.notNull().defaultTo('Europe/Paris'))
    .addColumn('locale', type.text, (c) => c.notNull().defaultTo('en'))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('user_id', type.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', type.text, (c) =>
      c.notNull().check(oneOf('role', ['admin', 'manager', 'staff', 'owner'])),
    )
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('memberships_pk', ['organization_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user_idx').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('user_status_history')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('user_id', type.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('organization_id', type.id, (c) => c.references('organizations.id').onDelete('cascade'))
    .addColumn('changed_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    // active | verified | role | instance_admin
    .addColumn('field', type.text, (c) => c.notNull())
    .addColumn('old_value', type.text)
    .addColumn('new_value', type.text)
    .addColumn('changed_at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('user_status_history_user_idx')
    .on('user_status_history')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('email', type.text, (c) => c.notNull())
    .addColumn('role', type.text, (c) =>
      c.notNull().check(oneOf('role', ['admin', 'manager', 'staff', 'owner'])),
    )
    .addColumn('token_hash', type.text, (c) => c.notNull().unique())
    .addColumn('invited_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('expires_at', type.instant, (c) => c.notNull())
    .addColumn('accepted_at', type.instant)
    .addColumn('accepted_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', type.instant)
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('invitations_organization_idx')
    .on('invitations')
    .columns(['organization_id', 'email'])
    .execute();

  await db.schema
    .createTable('registration_requests')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('email', type.text, (c) => c.notNull())
    .addColumn('name', type.text, (c) => c.notNull())
    .addColumn('password_hash', type.text, (c) => c.notNull())
    .addColumn('locale', type.text, (c) => c.notNull().defaultTo('en'))
    .addColumn('status', type.text, (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(oneOf('status', ['pending', 'approved', 'rejected'])),
    )
    .addColumn('decided_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', type.instant)
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('registration_requests_email_idx')
    .on('registration_requests')
    .column('email')
    .execute();

  await db.schema
    .createTable('auth_providers')
    .addColumn('code', type.text, (c) => c.primaryKey())
    .addColumn('name', type.text, (c) => c.notNull())
    .execute();
  await db
    .insertInto('auth_providers')
    .values([
      { code: 'email', name: 'Email and password' },
      { code: 'google', name: 'Google' },
      { code: 'github', name: 'GitHub' },
      { code: 'facebook', name: 'Facebook' },
      { code: 'oidc', name: 'OpenID Connect' },
    ])
    .execute();

  await db.schema
    .createTable('user_providers')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('user_id', type.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider', type.text, (c) => c.notNull().references('auth_providers.code'))
    .addColumn('subject', type.text, (c) => c.notNull())
    .addColumn('email', type.text)
    .addColumn('linked_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('user_providers_subject_unique', ['provider', 'subject'])
    .execute();
  await db.schema.createIndex('user_providers_user_idx').on('user_providers').column('user_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('email', type.text)
    .addColumn('user_id', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('success', type.boolean, (c) => c.notNull())
    .addColumn('provider', type.text, (c) => c.notNull().defaultTo('email'))
    .addColumn('ip', type.text, (c) => c.notNull())
    .addColumn('user_agent', type.text)
    .addColumn('attempted_at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();
  // The throttle counts recent failures per (email, ip) and per ip.
  await db.schema
    .createIndex('login_attempts_email_ip_idx')
    .on('login_attempts')
    .columns(['email', 'ip', 'attempted_at'])
    .execute();
  await db.schema
    .createIndex('login_attempts_ip_idx')
    .on('login_attempts')
    .columns(['ip', 'attempted_at'])
    .execute();

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('token_hash', type.text, (c) => c.notNull().unique())
    .addColumn('family_id', type.id, (c) => c.notNull())
    .addColumn('user_id', type.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('organization_id', type.id, (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', type.instant, (c) => c.notNull())
    .addColumn('used_at', type.instant)
    .addColumn('replaced_by', type.id)
    .addColumn('revoked_at', type.instant)
    .execute();
  await db.schema.createIndex('refresh_tokens_family_idx').on('refresh_tokens').column('family_id').execute();
  await db.schema.createIndex('refresh_tokens_user_idx').on('refresh_tokens').column('user_id').execute();

  for (const table of ['password_reset_requests', 'email_verification_tokens']) {
    await db.schema
      .createTable(table)
      .addColumn('id', type.id, (c) => c.primaryKey())
      .addColumn('user_id', type.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('email', type.text, (c) => c.notNull())
      .addColumn('token_hash', type.text, (c) => c.notNull().unique())
      .addColumn('requested_at', type.instant, (c) => c.notNull().defaultTo(now))
      .addColumn('expires_at', type.instant, (c) => c.notNull())
      .addColumn('used_at', type.instant)
      .execute();
    await db.schema.createIndex(`${table}_user_idx`).on(table).column('user_id').execute();
  }

  await db.schema
    .createTable('email_outbox')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('recipient', type.text, (c) => c.notNull())
    .addColumn('template', type.text, (c) => c.notNull())
    .addColumn('locale', type.text, (c) => c.notNull())
    .addColumn('subject', type.text, (c) => c.notNull())
    .addColumn('body_text', type.text, (c) => c.notNull())
    // logged: no SMTP server is configured, the message went to the log only.
    .addColumn('status', type.text, (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(oneOf('status', ['queued', 'sent', 'failed', 'logged'])),
    )
    .addColumn('attempts', type.integer, (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', type.text)
    .addColumn('next_attempt_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('sent_at', type.instant)
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('email_outbox_due_idx')
    .on('email_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'email_outbox',
    'email_verification_tokens',
    'password_reset_requests',
    'refresh_tokens',
    'login_attempts',
    'user_providers',
    'auth_providers',
    'registration_requests',
    'invitations',
    'user_status_history',
    'memberships',
    'organizations',
    'users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
