import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, type ServerProcess, startServerProcess } from '../../test/server-process.ts';
import { openSqlite } from './sqlite.ts';

/** SIGKILLs in a run; `DURABILITY_KILLS=10 npx vitest run server/src/db/durability.test.ts` for more. */
const KILLS = Number(process.env.DURABILITY_KILLS ?? 3);
const CLIENTS = 6;
/** Writes acknowledged in a cycle before the kill is armed, so it always lands mid-load. */
const ACKS_BEFORE_KILL = 30;

type Kind = 'reservation' | 'guest' | 'block';
const KINDS: Kind[] = ['reservation', 'guest', 'block'];
const TABLES: Record<Kind, string> = { reservation: 'reservations', guest: 'guests', block: 'blocks' };

const day = (offset: number) =>
  new Date(Date.UTC(2031, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * A real `staykeep serve` on SQLite (the default SQLITE_SYNC=full), several
 * clients writing over HTTP at once, SIGKILL in the middle, a restart on the
 * same folder; again and again. Every write a client saw acknowledged (2xx)
 * must be there after the restart, whole, in a database that passes
 * PRAGMA integrity_check.
 *
 * A process kill leaves the operating system's page cache intact: this proves
 * that an answer is sent only after its commit and that SQLite recovers from
 * a crash at any point, not what a power cut would do (SQLITE_SYNC=full is
 * the guard there).
 */
describe('SQLite keeps every acknowledged write through SIGKILLs of the server', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'staykeep-durability-'));
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`loses nothing acknowledged across ${KILLS} kills under concurrent writes`, {
    timeout: 60_000 + KILLS * 20_000,
  }, async () => {
    // The same folder and port on every restart.
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()) };
    server = await startServerProcess(env);
    const base = server.baseUrl;

    const post = async (url: string, body: unknown, token?: string) => {
      const response = await fetch(`${base}${url}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    const registered = await post('/api/v1/auth/register', {
      email: 'durable@example.org',
      password: 'nothing acknowledged is lost',
      name: 'Durable',
    });
    expect(registered.status).toBe(201);
    const token = String(registered.body.accessToken);
    // One house per client, and a fresh night for every attempt: writes never
    // refuse each other, so anything but a 2xx or a dropped connection is a fault.
    const houses: string[] = [];
    for (let client = 0; client < CLIENTS; client++) {
      const house = await post(
        '/api/v1/houses',
        {
          code: `durable-${client}`,
          name: `Durable ${client}`,
          type: 'villa',
          maxGuests: 4,
          nightlyPrice: '120.00',
        },
        token,
      );
      expect(house.status).toBe(201);
      houses.push(String(house.body.id));
    }

    const acknowledged: Record<Kind, string[]> = { reservation: [], guest: [], block: [] };
    const countAcknowledged = () => Object.values(acknowledged).flat().length;
    /** Each client's next night (and kind of write), kept across restarts. */
    const nextSlot = houses.map(() => 0);
    const unexpected: string[] = [];
    const report: {
      kill: number;
      acknowledged: number;
      inFlight: number;
      lost: number;
      integrity: string;
    }[] = [];

    const write = async (client: number, slot: number): Promise<'acknowledged' | 'refused' | 'dropped'> => {
      const kind = KINDS[(client + slot) % KINDS.length] as Kind;
      const houseId = houses[client] as string;
      const body =
        kind === 'guest'
          ? { name: `Guest ${client}-${slot}` }
          : kind === 'reservation'
            ? {
                houseId,
                guestName: `Stay ${client}-${slot}`,
                checkIn: day(2 * slot),
                checkOut: day(2 * slot + 1),
                guests: 2,
              }
            : { houseId, start: day(2 * slot), end: day(2 * slot + 1), kind: 'maintenance' };
      const url =
        kind === 'guest'
          ? '/api/v1/guests'
          : kind === 'reservation'
            ? '/api/v1/reservations'
            : '/api/v1/blocks';
      let answer: Awaited<ReturnType<typeof post>>;
      try {
        answer = await post(url, body, token);
      } catch {
        return 'dropped'; // the server died before answering: the write may or may not be there
      }
      if (answer.status >= 200 && answer.status < 300) {
        acknowledged[kind].push(String(answer.body.id));
        return 'acknowledged';
      }
      unexpected.push(`${answer.status} ${JSON.stringify(answer.body)}`);
      return 'refused';
    };

    for (let kill = 1; kill <= KILLS; kill++) {
      const before = countAcknowledged();
      let acknowledgedNow = 0;
      let dropped = 0;
      let armed: () => void = () => {};
      const ready = new Promise<void>((resolve) => {
        armed = resolve;
      });
      const clients = houses.map(async (_, client) => {
        for (;;) {
          const slot = nextSlot[client] ?? 0;
          nextSlot[client] = slot + 1;
          const outcome = await write(client, slot);
          if (outcome === 'dropped') {
            dropped += 1;
            return;
          }
          if (outcome === 'acknowledged') acknowledgedNow += 1;
          if (acknowledgedNow >= ACKS_BEFORE_KILL) armed();
        }
      });
      await ready;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 500));
      await server.kill();
      await Promise.all(clients);

      server = await startServerProcess(env);
      const check = verify(path.join(dataDir, 'staykeep.db'), acknowledged);
      report.push({
        kill,
        acknowledged: countAcknowledged() - before,
        inFlight: dropped,
        lost: check.lost.length,
        integrity: check.integrity,
      });
      expect(check).toEqual({ lost: [], integrity: 'ok', withoutNights: 0 });
    }
    console.log(
      `durability: ${KILLS} SIGKILLs, ${CLIENTS} clients\n${report
        .map(
          (row) =>
            `  kill ${row.kill}: ${row.acknowledged} writes acknowledged, ${row.inFlight} in flight at the kill, ` +
            `${row.lost} lost, integrity ${row.integrity}`,
        )
        .join('\n')}\n  total: ${countAcknowledged()} acknowledged ` +
        `(${KINDS.map((kind) => `${acknowledged[kind].length} ${TABLES[kind]}`).join(', ')}), ` +
        `${report.reduce((sum, row) => sum + row.lost, 0)} lost`,
    );
    expect(unexpected).toEqual([]);
    expect(report.every((row) => row.acknowledged >= ACKS_BEFORE_KILL)).toBe(true);
  });
});

/** What the restarted database holds, read beside the running server (WAL lets it). */
function verify(file: string, acknowledged: Record<Kind, string[]>) {
  const database = openSqlite(file);
  try {
    const lost: string[] = [];
    for (const kind of KINDS) {
      const ids = new Set(database.prepare(`select id from ${TABLES[kind]}`).pluck().all() as string[]);
      lost.push(...acknowledged[kind].filter((id) => !ids.has(id)).map((id) => `${kind} ${id}`));
    }
    // A stay or block is written with its nights in one transaction: never one without the other.
    const withoutNights = database
      .prepare(
        `select (select count(*) from reservations r where not exists (select 1 from occupied_nights n where n.reservation_id = r.id))
              + (select count(*) from blocks b where not exists (select 1 from occupied_nights n where n.block_id = b.id))`,
      )
      .pluck()
      .get() as number;
    const integrity = database.pragma('integrity_check', { simple: true }) as string;
    return { lost, integrity, withoutNights };
  } finally {
    database.close();
  }
}
