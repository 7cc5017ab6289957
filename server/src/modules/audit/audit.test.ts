import { expect, it } from 'vitest';
import { describeApp } from '../../../test/app.ts';
import {
  addMember,
  bearer,
  createGuest,
  createHouse,
  createReservation,
  registerUser,
  type TestSession,
} from '../../../test/factories.ts';
import { runWithChangeContext } from '../../db/change-context.ts';
import { inTransaction } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { AuditService } from './audit.service.ts';

const ERASED = 'Anonymized guest';

interface Entry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

describeApp('the audit log', (get) => {
  async function entries(admin: TestSession, query: Record<string, string>): Promise<Entry[]> {
    const response = await get().app.inject({
      method: 'GET',
      url: `/api/v1/audit?${new URLSearchParams(query)}`,
      headers: bearer(admin),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  }

  it('records each change once, with who made it, the request, the action, the before and the after', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/houses',
      headers: bearer(admin),
      payload: {
        code: 'mas-1',
        name: 'Mas des Oliviers',
        type: 'villa',
        maxGuests: 6,
        nightlyPrice: '180.00',
      },
    });
    expect(created.statusCode).toBe(201);
    const house = created.json();
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/houses/${house.id}`,
      headers: bearer(admin),
      payload: { name: 'Mas des Lauriers' },
    });
    expect(renamed.statusCode).toBe(200);

    const log = await entries(admin, { entityType: 'house', entityId: house.id });
    expect(log.map((entry) => entry.action)).toEqual(['update', 'create']);
    const [update, create] = log;
    expect(create).toMatchObject({
      actorId: admin.user.id,
      actorName: admin.user.name,
      requestId: created.headers['x-request-id'],
      before: null,
      after: { id: house.id, code: 'mas-1', name: 'Mas des Oliviers', nightlyPriceCents: 18_000 },
    });
    expect(update).toMatchObject({
      requestId: renamed.headers['x-request-id'],
      before: { name: 'Mas des Oliviers' },
      after: { name: 'Mas des Lauriers' },
    });
    expect(update?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    // A stay written several times in its transaction (its row, its price, its history) is one entry;
    // a cancellation is a status change; a deletion keeps what was deleted.
    const stay = await createReservation(app, admin, { houseId: house.id, totalPrice: '360.00' });
    const cancelled = await app.inject({
      method: 'PATCH',
      url: `/api/v1/reservations/${stay.id}`,
      headers: bearer(admin),
      payload: { status: 'cancelled' },
    });
    expect(cancelled.statusCode).toBe(200);
    const stayLog = await entries(admin, { entityType: 'reservation', entityId: stay.id });
    expect(stayLog.map((entry) => entry.action)).toEqual(['status', 'create']);
    expect(stayLog[0]).toMatchObject({ before: { status: 'pending' }, after: { status: 'cancelled' } });

    const block = await app.inject({
      method: 'POST',
      url: '/api/v1/blocks',
      headers: bearer(admin),
      payload: { houseId: house.id, start: '2041-03-01', end: '2041-03-04', kind: 'owner' },
    });
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/blocks/${block.json().id}`,
      headers: bearer(admin),
    });
    expect(removed.statusCode).toBe(204);
    const blockLog = await entries(admin, { entityType: 'block', entityId: block.json().id });
    expect(blockLog.map((entry) => entry.action)).toEqual(['delete', 'create']);
    expect(blockLog[0]).toMatchObject({ before: { startDate: '2041-03-01', kind: 'owner' }, after: null });
  });

  it('makes one entry of the writes of one transaction: first before, last after, nothing for what did not last', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const organization = (
      await app.inject({ method: 'GET', url: '/api/v1/organization', headers: bearer(admin) })
    ).json();
    const context = { actorId: admin.user.id, organizationId: organization.id, requestId: 'req-merge' };
    const now = new Date().toISOString();
    const site = (id: string, name: string) => ({
      id,
      organization_id: organization.id,
      name,
      created_at: now,
      updated_at: now,
    });
    const [kept, gone, changed] = [newId(), newId(), newId()];
    await runWithChangeContext(context, () =>
      inTransaction(app.db, async (tx) => {
        await tx.insertInto('sites').values(site(changed, 'Before')).execute();
      }),
    );
    await runWithChangeContext(context, () =>
      inTransaction(app.db, async (tx) => {
        await tx.insertInto('sites').values(site(kept, 'First')).execute();
        await tx.updateTable('sites').set({ name: 'Second' }).where('id', '=', kept).execute();
        await tx.updateTable('sites').set({ name: 'Third' }).where('id', '=', kept).execute();
        await tx.insertInto('sites').values(site(gone, 'Briefly')).execute();
        await tx.updateTable('sites').set({ name: 'Still briefly' }).where('id', '=', gone).execute();
        await tx.deleteFrom('sites').where('id', '=', gone).execute();
        await tx.updateTable('sites').set({ name: 'Middle' }).where('id', '=', changed).execute();
        await tx.deleteFrom('sites').where('id', '=', changed).execute();
      }),
    );
    const log = await entries(admin, { entityType: 'site' });
    expect(log.map((entry) => [entry.entityId, entry.action])).toEqual([
      [changed, 'delete'],
      [kept, 'create'],
      [changed, 'create'],
    ]);
    expect(log[0]).toMatchObject({ before: { name: 'Before' }, after: null, requestId: 'req-merge' });
    expect(log[1]).toMatchObject({ before: null, after: { name: 'Third' }, actorId: admin.user.id });
  });

  it('records what a job writes as the system’s, whoever’s request woke the runner', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const organization = (
      await app.inject({ method: 'GET', url: '/api/v1/organization', headers: bearer(admin) })
    ).json();
    const siteId = newId();
    const now = new Date().toISOString();
    app.jobs.register(`test.site-${siteId}`, () =>
      inTransaction(app.db, async (tx) => {
        await tx
          .insertInto('sites')
          .values({
            id: siteId,
            organization_id: organization.id,
            name: 'By a job',
            created_at: now,
            updated_at: now,
          })
          .execute();
      }),
    );
    // The request's transaction queues the job; the runner wakes once it commits.
    await runWithChangeContext(
      { actorId: admin.user.id, organizationId: organization.id, requestId: 'req-job' },
      () => inTransaction(app.db, (tx) => app.jobs.enqueue(tx, `test.site-${siteId}`, {})),
    );
    let log: Entry[] = [];
    for (let attempt = 0; attempt < 100 && log.length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      log = await entries(admin, { entityType: 'site', entityId: siteId });
    }
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'create', actorId: null, requestId: null });
  });

  it('records nothing of a change that was refused', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const house = await createHouse(app, admin);
    const stay = await createReservation(app, admin, { houseId: house.id });
    const before = await entries(admin, { limit: '200' });
    const overlapping = await app.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      headers: bearer(admin),
      payload: {
        houseId: house.id,
        guestName: 'Marc',
        checkIn: stay.checkIn,
        checkOut: stay.checkOut,
        guests: 2,
      },
    });
    expect(overlapping.statusCode).toBe(409);
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/houses/${house.id}`,
      headers: { ...bearer(admin), 'if-match': '"999"' },
      payload: { name: 'Nope' },
    });
    expect(stale.statusCode).toBe(412);
    expect(await entries(admin, { limit: '200' })).toEqual(before);
  });

  it('never records a secret: an invitation is logged with a digest of its token', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const invited = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: bearer(admin),
      payload: { email: `invitee-${Date.now()}@example.org`, role: 'staff' },
    });
    expect(invited.statusCode).toBe(201);
    const [entry] = await entries(admin, { entityType: 'invitation' });
    expect(entry?.after).toMatchObject({ role: 'staff' });
    // Only a digest of the secret: enough to see that it changed, nothing to sign in with.
    expect(entry?.after?.tokenHash).toMatch(/^sha256:[0-9a-f]{8}$/);
  });

  it('is searched by entity, actor, action and dates, a page at a time, by admins of the organization only', async () => {
    const { app, clock } = get();
    const admin = await registerUser(app);
    const manager = await addMember(app, admin, 'manager');
    const staff = await addMember(app, admin, 'staff');
    const owner = await addMember(app, admin, 'owner');
    const byAdmin = await createHouse(app, admin);
    const byManager = await createHouse(app, manager);

    const managersChanges = await entries(admin, { actorId: manager.user.id, entityType: 'house' });
    expect(managersChanges.map((entry) => entry.entityId)).toEqual([byManager.id]);
    const creations = await entries(admin, { entityType: 'house', action: 'create' });
    expect(creations.map((entry) => entry.entityId).sort()).toEqual([byAdmin.id, byManager.id].sort());

    // Dates are days, `to` exclusive: today holds them, tomorrow onwards does not.
    const today = clock.now().toISOString().slice(0, 10);
    const tomorrow = new Date(clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
    expect(await entries(admin, { entityType: 'house', from: yesterday, to: tomorrow })).toHaveLength(2);
    expect(await entries(admin, { entityType: 'house', from: tomorrow })).toHaveLength(0);
    const backwards = await app.inject({
      method: 'GET',
      url: `/api/v1/audit?from=${today}&to=${yesterday}`,
      headers: bearer(admin),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0]).toMatchObject({ path: 'querystring.to', code: 'before-start' });

    // One at a time, newest first, to the end.
    const all = await entries(admin, { limit: '200' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Entry[]; nextCursor: string | null } = (
        await app.inject({
          method: 'GET',
          url: `/api/v1/audit?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          headers: bearer(admin),
        })
      ).json();
      seen.push(...page.items.map((entry) => entry.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((entry) => entry.id));
    const forged = await app.inject({
      method: 'GET',
      url: '/api/v1/audit?cursor=abc',
      headers: bearer(admin),
    });
    expect(forged.statusCode).toBe(400);

    for (const member of [manager, staff, owner]) {
      const refused = await app.inject({ method: 'GET', url: '/api/v1/audit', headers: member.headers });
      expect(refused.statusCode).toBe(403);
      const exported = await app.inject({
        method: 'GET',
        url: '/api/v1/audit/export',
        headers: member.headers,
      });
      expect(exported.statusCode).toBe(403);
    }
    // Another organization's admin sees none of it, even asking for its ids.
    const stranger = await registerUser(app);
    expect(await entries(stranger, { entityId: byAdmin.id })).toEqual([]);
  });

  it('exports the matching entries as CSV a spreadsheet opens', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const house = await createHouse(app, admin, { name: '=HYPERLINK("evil")' });
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/audit/export?entityType=house&entityId=${house.id}`,
      headers: bearer(admin),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('audit.csv');
    const [header, line, end] = response.body.split('\r\n');
    expect(header).toBe(
      '\uFEFFat,actor_id,actor_name,entity_type,entity_id,action,before,after,request_id,id',
    );
    expect(line).toContain(`,house,${house.id},create,,`);
    expect(line).toContain(admin.user.id);
    expect(end).toBe('');
  });

  it('keeps no personal data of an erased guest, in their entries or their stays’', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    // A manager hears of the stay the admin makes: the notification names the guest, until the erasure.
    const manager = await addMember(app, admin, 'manager');
    const house = await createHouse(app, admin);
    const guest = await createGuest(app, admin, {
      name: 'Élodie Martin',
      email: 'elodie@example.org',
      phone: '+33 6 12 34 56 78',
    });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/guests/${guest.id}`,
      headers: bearer(admin),
      payload: { notes: 'Allergic to cats' },
    });
    const stay = await createReservation(app, admin, { houseId: house.id, guestId: guest.id });
    const anonymized = await app.inject({
      method: 'POST',
      url: `/api/v1/guests/${guest.id}/anonymize`,
      headers: bearer(admin),
    });
    expect(anonymized.statusCode).toBe(200);

    const guestLog = await entries(admin, { entityType: 'guest', entityId: guest.id });
    expect(guestLog.length).toBeGreaterThanOrEqual(3);
    const stayLog = await entries(admin, { entityType: 'reservation', entityId: stay.id });
    const text = JSON.stringify([...guestLog, ...stayLog]);
    for (const personal of ['Élodie', 'elodie@example.org', '12 34', 'cats'])
      expect(text).not.toContain(personal);
    const told = await app.inject({ method: 'GET', url: '/api/v1/notifications', headers: manager.headers });
    expect(told.json().items.length).toBeGreaterThan(0);
    expect(JSON.stringify(told.json())).not.toContain('Élodie');
    expect(JSON.stringify(told.json())).toContain(ERASED);
    expect(guestLog[0]?.after).toMatchObject({ name: ERASED });
    expect(stayLog[0]?.after).toMatchObject({ guestName: ERASED });
  });

  it('purges only what is older than the organization keeps, and says so in the log', async () => {
    const { app, clock } = get();
    const admin = await registerUser(app);
    const keeper = await registerUser(app);
    const old = await createHouse(app, admin);
    const recent = await createHouse(app, admin);
    const kept = await createHouse(app, keeper);
    const organization = (
      await app.inject({ method: 'GET', url: '/api/v1/organization', headers: bearer(admin) })
    ).json();
    // The retention is a setting, and entries are stamped when written: both are set on the rows here,
    // as this test is about the purge.
    await app.db
      .updateTable('organizations')
      .set({ audit_retention_days: 30 })
      .where('id', '=', organization.id)
      .execute();
    const longAgo = new Date(clock.now().getTime() - 31 * 86_400_000).toISOString();
    const notSoLong = new Date(clock.now().getTime() - 29 * 86_400_000).toISOString();
    await app.db
      .updateTable('audit_log')
      .set({ at: longAgo })
      .where('entity_id', 'in', [old.id, kept.id])
      .execute();
    await app.db.updateTable('audit_log').set({ at: notSoLong }).where('entity_id', '=', recent.id).execute();

    await new AuditService({ db: app.db, now: clock.now }).purgeExpired();

    const left = await entries(admin, { limit: '200' });
    expect(left.some((entry) => entry.entityId === old.id)).toBe(false);
    expect(left.some((entry) => entry.entityId === recent.id)).toBe(true);
    expect(left[0]).toMatchObject({
      entityType: 'audit_log',
      action: 'delete',
      actorId: null,
      after: { purgedEntries: expect.any(Number), retentionDays: 30 },
    });
    // An organization that keeps everything lost nothing.
    expect((await entries(keeper, { entityType: 'house', entityId: kept.id })).length).toBe(1);
  });
});
