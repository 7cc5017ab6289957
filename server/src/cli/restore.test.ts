import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { callServer, runCommand, startServerProcess } from '../../test/server-process.ts';
import { jpeg } from '../../test/upload-files.ts';

const hashOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const countRows = (file: string, table: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

async function upload(base: string, token: string, houseId: string, bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
  const response = await fetch(`${base}/api/v1/houses/${houseId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Every stay the account sees, page by page. */
async function countStays(base: string, token: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await callServer(
      base,
      `/api/v1/reservations?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token },
    );
    expect(page.status).toBe(200);
    count += (page.body.items as unknown[]).length;
    cursor = (page.body.nextCursor as string | null) ?? undefined;
  } while (cursor);
  return count;
}

describe('staykeep restore', () => {
  it('puts back a backup taken under writes, only once the server is stopped, and never a damaged one', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'staykeep-restore-'));
    const env = { DATA_DIR: dataDir };
    const live = path.join(dataDir, 'staykeep.db');
    const email = 'restore@example.org';
    const password = 'a backup worth restoring';
    const server = await startServerProcess(env);
    const registered = await callServer(server.baseUrl, '/api/v1/auth/register', {
      body: { email, password, name: 'Rose' },
    });
    const token = String(registered.body.accessToken);
    const houses: string[] = [];
    for (const code of ['north', 'south']) {
      const house = await callServer(server.baseUrl, '/api/v1/houses', {
        token,
        body: { code, name: code, type: 'villa', maxGuests: 4, nightlyPrice: '90.00' },
      });
      expect(house.status).toBe(201);
      houses.push(String(house.body.id));
    }
    const kept = await upload(server.baseUrl, token, houses[0] ?? '', await jpeg(32, 24));

    // Two clients keep booking, each in its own house, until told to stop.
    let writing = true;
    let written = 0;
    const writers = houses.map(async (houseId) => {
      for (let night = 0; writing; night += 3) {
        const checkIn = new Date(Date.UTC(2041, 0, 1) + night * 86_400_000).toISOString().slice(0, 10);
        const checkOut = new Date(Date.UTC(2041, 0, 3) + night * 86_400_000).toISOString().slice(0, 10);
        const stay = await callServer(server.baseUrl, '/api/v1/reservations', {
          token,
          body: { houseId, guestName: `Guest ${night}`, checkIn, checkOut, guests: 2 },
        });
        expect(stay.status).toBe(201);
        written += 1;
      }
    });
    let failed: unknown;
    const allWritten = Promise.all(writers).catch((error: unknown) => {
      failed = error;
    });
    while (written < 20 && failed === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    if (failed !== undefined) throw failed;
    const backup = path.join(dataDir, 'backup.db');
    const backedUp = await runCommand(['backup', backup], env);
    writing = false;
    await allWritten;
    if (failed !== undefined) throw failed;
    expect(backedUp.stderr).toBe('');
    expect(backedUp.code).toBe(0);
    const inBackup = countRows(backup, 'reservations');
    expect(inBackup).toBeGreaterThanOrEqual(20);
    expect(inBackup).toBeLessThan(written);
    // A file uploaded after the backup is not the backup's.
    const later = await upload(server.baseUrl, token, houses[1] ?? '', await jpeg(40, 30));

    // While the server runs, even idle, the restore is refused and changes nothing.
    const refused = await runCommand(['restore', backup], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/staykeep\.db is in use: stop the server/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(await countStays(server.baseUrl, token)).toBe(written);
    await server.stop();
    expect(readdirSync(dataDir).filter((name) => name.includes('restore'))).toEqual([]);

    // A damaged backup is refused before anything changes.
    const damaged = path.join(dataDir, 'damaged.db');
    copyFileSync(backup, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 8192);
    closeSync(fd);
    const before = hashOf(live);
    const corrupt = await runCommand(['restore', damaged], env);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr.trim()).toMatch(
      /damaged\.db (failed its integrity check|is not a readable SQLite database)/,
    );
    expect(hashOf(live)).toBe(before);
    expect(readdirSync(dataDir).filter((name) => name.includes('restore'))).toEqual([]);

    const restored = await runCommand(['restore', backup], env);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`Restored ${live} from ${backup}`);
    const previous = readdirSync(dataDir).find((name) => /^staykeep\.db\.before-restore-/.test(name));
    expect(previous).toBeDefined();
    // The replaced database is whole, with every stay written: a restore by mistake is undone by another.
    expect(countRows(path.join(dataDir, previous ?? ''), 'reservations')).toBe(written);
    expect(existsSync(`${live}-wal`)).toBe(false);
    expect(readdirSync(dataDir).some((name) => /^uploads\.before-restore-/.test(name))).toBe(true);

    const again = await startServerProcess(env);
    try {
      const login = await callServer(again.baseUrl, '/api/v1/auth/login', { body: { email, password } });
      expect(login.status).toBe(200);
      const session = String(login.body.accessToken);
      expect(await countStays(again.baseUrl, session)).toBe(inBackup);
      const photo = await fetch(`${again.baseUrl}/api/v1/attachments/${kept}/content`, {
        headers: { authorization: `Bearer ${session}` },
      });
      expect(photo.status).toBe(200);
      expect((await photo.arrayBuffer()).byteLength).toBeGreaterThan(0);
      const gone = await callServer(again.baseUrl, `/api/v1/attachments/${later}`, { token: session });
      expect(gone.status).toBe(404);
    } finally {
      await again.stop();
    }
  }, 60_000);
});
