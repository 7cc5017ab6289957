import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import closeWithGrace from 'close-with-grace';
import { pino } from 'pino';
import { buildApp, VERSION } from './app.ts';
import { BackupError, backupSqlite } from './cli/backup.ts';
import { RestoreError, restoreSqlite } from './cli/restore.ts';
import { type DemoLanguage, seedDemo, terminalLanguage } from './cli/seed.ts';
import { type Config, ConfigError, loadConfig, parseDatabaseUrl } from './config.ts';
import { createDatabase } from './db/database.ts';
import { MigrationError, migrateToLatest } from './db/migrate.ts';
import { exportArchive, importArchive, moveDatabase, TransferError } from './db/transfer/transfer.ts';
import { AppError } from './http/errors.ts';
import { createServices } from './services.ts';

const HELP = `Staykeep ${VERSION} — operations for holiday-rental houses

Usage: staykeep <command> [options]

Commands:
  serve            Migrate the database, then serve the API and the web app (default)
  migrate          Apply pending database migrations and exit
  migrate --to <postgres-url>
                   Move this SQLite install to an empty PostgreSQL database (export, import,
                   then a check of every table on both sides); the SQLite file is left as is
  export <file>    Write every table and uploaded file to one archive <file>, even while the
                   server is writing (any database)
  import <file>    Load an archive made by export into an empty database and uploads folder
  backup <file>    Write a consistent copy of the SQLite database to <file>, even while
                   the server is writing, and the uploaded files to <file>.uploads/
                   (PostgreSQL: use pg_dump)
  restore <file>   With the server stopped, put a backup in place of the SQLite database
                   (and <file>.uploads/ in place of the uploads); the replaced ones are
                   kept as <name>.before-restore-<time>
  seed --demo [--language fr|en]
                   Fill the database with demonstration data, worded in the language given
                   (default: the terminal's, from LC_ALL, LC_MESSAGES or LANG; else English).
                   On a new instance the demo account is its administrator; on one that
                   already has accounts it is an ordinary account
  turnovers        Open the turnover rounds of departures that have passed, once, and exit
                   (the server does it every minute; safe to run beside it)
  user:create --email <email> --name <name> [--admin] [--password-stdin]
                   Create an account with an organization of its own; --admin makes it (or
                   an existing account) an instance administrator. The password comes from
                   STAYKEEP_PASSWORD, or from standard input with --password-stdin
  help             Show this help

Configuration comes from environment variables; see .env.example.
`;

class UsageError extends Error {}

async function serve(config: Config): Promise<void> {
  const app = await buildApp(config);
  closeWithGrace({ delay: config.shutdownTimeoutMs }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an uncaught error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });
  await app.listen({ host: config.host, port: config.port });
  if (!config.webDistDir || !existsSync(path.join(config.webDistDir, 'index.html'))) {
    app.log.warn('the web app is not built (npm run build); serving the API only');
  }
}

async function migrate(config: Config, to: string | undefined): Promise<void> {
  if (to !== undefined) return moveTo(config, to);
  const database = await createDatabase(config.database);
  try {
    const results = await migrateToLatest(database.db);
    if (results.length === 0) console.log('The database is up to date.');
    for (const result of results) console.log(`applied ${result.migrationName}`);
  } finally {
    await database.close();
  }
}

async function moveTo(config: Config, url: string): Promise<void> {
  if (config.database.kind !== 'sqlite')
    throw new UsageError('migrate --to moves a SQLite install; this one is not.');
  const target = parseDatabaseUrl(url, path.dirname(config.database.file));
  if (target.kind !== 'postgres') throw new UsageError('migrate --to needs a postgres:// URL.');
  const database = await createDatabase(config.database);
  try {
    // What moves is this release's schema: the check compares both sides at the same version.
    await migrateToLatest(database.db);
    const result = await moveDatabase(database, target, config.uploads.directory);
    for (const table of result.tables) console.log(`${table.name}: ${table.rows} rows`);
    const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(
      `Moved ${rows} rows in ${result.tables.length} tables and ${result.files} files, checked on both sides, in ${(result.milliseconds / 1000).toFixed(1)} s.`,
    );
    console.log('Set DATABASE_URL to the new database to use it; the SQLite file is left as it was.');
  } finally {
    await database.close();
  }
}

async function exportTo(config: Config, target: string | undefined): Promise<void> {
  if (!target) throw new UsageError('export needs a target file: staykeep export <file>');
  const database = await createDatabase(config.database);
  try {
    const result = await exportArchive(database, path.resolve(target), config.uploads.directory);
    console.log(
      `Exported ${result.rows} rows of ${result.tables} tables and ${result.files} files to ${result.file} (${result.bytes} bytes).`,
    );
  } finally {
    await database.close();
  }
}

async function importFrom(config: Config, source: string | undefined): Promise<void> {
  if (!source) throw new UsageError('import needs an archive: staykeep import <file>');
  const database = await createDatabase(config.database);
  try {
    const result = await importArchive(database, path.resolve(source), config.uploads.directory);
    console.log(
      `Imported ${result.rows} rows of ${result.tables} tables and ${result.files} files (schema ${result.schemaVersion}).`,
    );
  } finally {
    await database.close();
  }
}

async function backup(config: Config, target: string | undefined): Promise<void> {
  if (!target) throw new UsageError('backup needs a target file: staykeep backup <file>');
  if (config.database.kind !== 'sqlite') {
    throw new UsageError(
      'backup copies the SQLite database only. For PostgreSQL use pg_dump, e.g.\n' +
        '  pg_dump --format=custom --file=staykeep.dump "$DATABASE_URL"',
    );
  }
  const result = await backupSqlite(config.database.file, path.resolve(target), {
    uploadsDirectory: config.uploads.directory,
  });
  console.log(`Backup written to ${result.file} (${result.bytes} bytes, integrity check: ok).`);
  console.log(
    result.uploads
      ? `Uploaded files copied to ${result.uploads.directory}/ (${result.uploads.files} ${result.uploads.files === 1 ? 'file' : 'files'}); restore them to ${config.uploads.directory}.`
      : `No uploaded files on disk (${config.uploads.directory} does not exist): nothing else to copy.`,
  );
}

async function restore(config: Config, source: string | undefined): Promise<void> {
  if (!source) throw new UsageError('restore needs a backup file: staykeep restore <file>');
  if (config.database.kind !== 'sqlite') {
    throw new UsageError('restore puts back a SQLite backup only. For PostgreSQL use pg_restore.');
  }
  const result = await restoreSqlite(path.resolve(source), config.database.file, {
    uploadsDirectory: config.uploads.directory,
  });
  console.log(
    `Restored ${result.database} from ${path.resolve(source)} (schema ${result.schema.version}` +
      (result.schema.pending > 0
        ? `; ${result.schema.pending} newer migrations apply when the server starts).`
        : ').'),
  );
  if (result.previous) console.log(`The replaced database is kept as ${result.previous}.`);
  if (result.uploads) {
    console.log(
      `Uploaded files restored to ${result.uploads.directory}` +
        (result.uploads.previous ? `; the replaced ones are kept in ${result.uploads.previous}.` : '.'),
    );
  }
}

function demoLanguage(value: string): DemoLanguage {
  if (value === 'fr' || value === 'en') return value;
  throw new UsageError(`--language is fr or en, not "${value}"`);
}

async function seed(config: Config, demo: boolean, language: string | undefined): Promise<void> {
  if (!demo) throw new UsageError('seed needs --demo (the only data set so far)');
  const wording: DemoLanguage = language === undefined ? terminalLanguage() : demoLanguage(language);
  const database = await createDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const lines = await seedDemo(database, config, wording);
    for (const line of lines) console.log(line);
  } finally {
    await database.close();
  }
}

async function turnovers(config: Config): Promise<void> {
  const database = await createDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const log = pino({ level: 'warn' });
    const { checklists } = createServices({ database, config, log, now: () => new Date() });
    console.log(`opened ${await checklists.openDueRounds()} turnover rounds`);
  } finally {
    await database.close();
  }
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, '');
}

async function createUser(
  config: Config,
  options: { email?: string; name?: string; admin: boolean; passwordStdin: boolean },
): Promise<void> {
  if (!options.email) throw new UsageError('user:create needs --email <email>');
  const password = options.passwordStdin ? await readStdin() : process.env.STAYKEEP_PASSWORD;
  if (!password) throw new UsageError('user:create needs a password: STAYKEEP_PASSWORD or --password-stdin');
  const database = await createDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const log = pino({ level: 'warn' });
    const { auth } = createServices({ database, config, log, now: () => new Date() });
    const outcome = await auth.createAccount({
      email: options.email,
      password,
      name: options.name ?? '',
      instanceAdmin: options.admin,
    });
    const role = options.admin ? 'instance administrator' : 'account';
    console.log(
      outcome === 'created'
        ? `Created ${role} ${options.email}.`
        : outcome === 'promoted'
          ? `${options.email} is now an instance administrator.`
          : `${options.email} already exists; nothing changed.`,
    );
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      language: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      email: { type: 'string' },
      name: { type: 'string' },
      admin: { type: 'boolean' },
      'password-stdin': { type: 'boolean' },
      to: { type: 'string' },
    },
  });
  const [command = 'serve', ...rest] = positionals;
  if (values.help || command === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return migrate(config, values.to);
    case 'backup':
      return backup(config, rest[0]);
    case 'export':
      return exportTo(config, rest[0]);
    case 'import':
      return importFrom(config, rest[0]);
    case 'restore':
      return restore(config, rest[0]);
    case 'seed':
      return seed(config, values.demo ?? false, values.language);
    case 'turnovers':
      return turnovers(config);
    case 'user:create':
      return createUser(config, {
        email: values.email,
        name: values.name,
        admin: values.admin ?? false,
        passwordStdin: values['password-stdin'] ?? false,
      });
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${HELP}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof UsageError ||
    error instanceof MigrationError ||
    error instanceof BackupError ||
    error instanceof TransferError ||
    error instanceof RestoreError ||
    error instanceof AppError
  ) {
    console.error(error.message);
    process.exitCode = error instanceof UsageError ? 2 : 1;
    return;
  }
  if (error instanceof TypeError && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(`${error.message}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  console.error(error);
  process.exitCode = 1;
});
