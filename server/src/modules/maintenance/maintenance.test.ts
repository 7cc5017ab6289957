import { expect, it } from 'vitest';
import { describeApp } from '../../../test/app.ts';
import {
  type Actor,
  addMember,
  bearer,
  createHouse,
  createReservation,
  registerUser,
} from '../../../test/factories.ts';
import { fileUpload, jpeg, pdfWithJavaScript } from '../../../test/upload-files.ts';
import { addDays, localDate } from '../../kernel/dates.ts';

describeApp('maintenance work orders', (get) => {
  const headersOf = (actor: Actor) => ('headers' in actor ? actor.headers : bearer(actor));
  const api = (
    actor: Actor,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    extra: Record<string, string> = {},
  ) =>
    get().app.inject({
      method,
      url,
      headers: { ...headersOf(actor), ...extra },
      ...(payload ? { payload } : {}),
    });

  /** An organization with an admin, a manager, a staff member, an owner of the first house, and two houses. */
  async function team() {
    const { app } = get();
    const admin = await registerUser(app);
    const manager = await addMember(app, admin, 'manager');
    const staff = await addMember(app, admin, 'staff');
    const owner = await addMember(app, admin, 'owner');
    const villa = await createHouse(app, admin, { timezone: 'Europe/Paris' });
    const studio = await createHouse(app, admin);
    await api(admin, 'PUT' as 'POST', `/api/v1/members/${owner.user.id}/houses`, { houseIds: [villa.id] });
    return { admin, manager, staff, owner, villa, studio };
  }

  const report = (actor: Actor, houseId: string, fields: object = {}) =>
    api(actor, 'POST', '/api/v1/maintenance/issues', {
      houseId,
      type: 'plumbing',
      title: 'Leaking tap in the kitchen',
      ...fields,
    });

  const countRows = async (table: 'maintenance_issues' | 'blocks', houseId: string) =>
    Number(
      (
        await get()
          .app.db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('house_id', '=', houseId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('starts every organization with the usual types, labelled in French and English; admins add and retire types', async () => {
    const { admin, manager } = await team();
    const types = (await api(admin, 'GET', '/api/v1/maintenance/types')).json().items;
    expect(types.map((type: { code: string }) => type.code)).toEqual([
      'electrical',
      'plumbing',
      'heating',
      'appliance',
      'pool',
      'garden',
      'other',
    ]);
    expect(types[1]).toMatchObject({ labelEn: 'Plumbing', labelFr: 'Plomberie', active: true });

    const pest = { code: 'pest_control', labelEn: 'Pest control', labelFr: 'Nuisibles' };
    expect((await api(manager, 'POST', '/api/v1/maintenance/types', pest)).statusCode).toBe(403);
    const created = await api(admin, 'POST', '/api/v1/maintenance/types', pest);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...pest, active: true, position: 7 });
    expect((await api(admin, 'POST', '/api/v1/maintenance/types', pest)).statusCode).toBe(409);
    expect(
      (await api(admin, 'POST', '/api/v1/maintenance/types', { ...pest, code: 'Pest Control' })).statusCode,
    ).toBe(400);

    const retired = await api(admin, 'PATCH', '/api/v1/maintenance/types/pool', { active: false });
    expect(retired.json()).toMatchObject({ code: 'pool', active: false });
    const house = await createHouse(get().app, admin);
    const refused = await report(admin, house.id, { type: 'pool' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ path: 'body.type', code: 'not-allowed' });
    expect(refused.json().errors[0].allowed).not.toContain('pool');
    expect((await report(admin, house.id, { type: 'pest_control' })).statusCode).toBe(201);
  });

  it('lets staff report and move a work order along, without money, assignment or the calendar', async () => {
    const { staff, manager, villa } = await team();
    const reported = await report(staff, villa.id, { priority: 'high', reportedByGuest: true });
    expect(reported.statusCode).toBe(201);
    const issue = reported.json();
    expect(reported.headers.location).toBe(`/api/v1/maintenance/issues/${issue.id}`);
    expect(issue).toMatchObject({
      houseId: villa.id,
      type: 'plumbing',
      priority: 'high',
      status: 'open',
      reportedBy: staff.user.id,
      reportedByName: staff.user.name,
      reportedByGuest: true,
      assigneeUserId: null,
      blockId: null,
      version: 1,
    });
    expect(issue).not.toHaveProperty('laborCost');
    expect(issue).not.toHaveProperty('totalCost');

    for (const field of [
      { laborCost: '10.00' },
      { assigneeName: 'Plombier' },
      { block: { start: '2040-01-01', end: '2040-01-02' } },
    ]) {
      const refused = await report(staff, villa.id, field);
      expect(refused.statusCode).toBe(403);
    }
    const url = `/api/v1/maintenance/issues/${issue.id}`;
    expect((await api(staff, 'PATCH', url, { priority: 'low' })).statusCode).toBe(403);
    expect((await api(staff, 'PATCH', url, { status: 'cancelled' })).statusCode).toBe(403);
    const started = await api(staff, 'PATCH', url, { status: 'in_progress' });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_progress', version: 2 });

    const managed = (await api(manager, 'GET', url)).json();
    expect(managed).toMatchObject({ laborCost: '0.00', materialsCost: '0.00', totalCost: '0.00' });
  });

  it('follows open → in progress ⇄ on hold → resolved, and nothing moves a resolved or cancelled work order', async () => {
    const { manager, villa } = await team();
    const issue = (await report(manager, villa.id)).json();
    const url = `/api/v1/maintenance/issues/${issue.id}`;
    for (const status of ['in_progress', 'on_hold', 'in_progress']) {
      expect((await api(manager, 'PATCH', url, { status })).json().status).toBe(status);
    }
    const resolved = await api(manager, 'PATCH', url, {
      status: 'resolved',
      laborCost: '80.00',
      materialsCost: 12.5,
      resolutionNote: 'Seal replaced',
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      laborCost: '80.00',
      materialsCost: '12.50',
      totalCost: '92.50',
      resolutionNote: 'Seal replaced',
    });
    expect(resolved.json().resolvedAt).toMatch(/Z$/);

    const reopened = await api(manager, 'PATCH', url, { status: 'open' });
    expect(reopened.statusCode).toBe(409);
    expect(reopened.headers['content-type']).toContain('application/problem+json');
    expect((await api(manager, 'PATCH', url, { priority: 'urgent' })).statusCode).toBe(409);
    // A cost corrected after the fact is allowed: the ledger will post the difference.
    const corrected = await api(manager, 'PATCH', url, { materialsCost: '20.00' });
    expect(corrected.json()).toMatchObject({ totalCost: '100.00', status: 'resolved' });

    const other = (await report(manager, villa.id)).json();
    const otherUrl = `/api/v1/maintenance/issues/${other.id}`;
    expect((await api(manager, 'PATCH', otherUrl, { status: 'cancelled' })).json().status).toBe('cancelled');
    expect((await api(manager, 'PATCH', otherUrl, { status: 'in_progress' })).statusCode).toBe(409);
    expect((await api(manager, 'PATCH', otherUrl, { title: 'Another title' })).statusCode).toBe(409);
  });

  it('keeps every change in the history with its actor, before and after; staff see it without costs', async () => {
    const { manager, staff, villa } = await team();
    const issue = (await report(staff, villa.id)).json();
    const url = `/api/v1/maintenance/issues/${issue.id}`;
    await api(manager, 'PATCH', url, {
      laborCost: '45.00',
      assigneeName: 'Plomberie Durand',
      assigneePhone: '+33 6 12 34 56 78',
    });
    await api(staff, 'PATCH', url, { status: 'resolved', resolutionNote: 'Done' });

    const history = (await api(manager, 'GET', `${url}/history`)).json().items;
    expect(history.map((entry: { action: string }) => entry.action)).toEqual(['create', 'update', 'status']);
    expect(history[0]).toMatchObject({ actorId: staff.user.id, before: null, after: { status: 'open' } });
    expect(history[1]).toMatchObject({
      actorId: manager.user.id,
      before: { laborCost: '0.00', assigneeName: null },
      after: { laborCost: '45.00', assigneeName: 'Plomberie Durand' },
    });
    expect(history[2]).toMatchObject({
      before: { status: 'open' },
      after: { status: 'resolved', resolutionNote: 'Done' },
    });

    const seenByStaff = (await api(staff, 'GET', `${url}/history`)).json().items;
    expect(seenByStaff[1].after).not.toHaveProperty('laborCost');
    expect(seenByStaff[1].after).toMatchObject({ assigneeName: 'Plomberie Durand' });
  });

  it('assigns a member or an outside contractor, never someone outside the organization', async () => {
    const { app } = get();
    const { manager, staff, owner, villa } = await team();
    const stranger = await registerUser(app);
    const issue = (await report(manager, villa.id)).json();
    const url = `/api/v1/maintenance/issues/${issue.id}`;

    const toStaff = await api(manager, 'PATCH', url, { assigneeUserId: staff.user.id });
    expect(toStaff.json()).toMatchObject({ assigneeUserId: staff.user.id, assigneeName: staff.user.name });
    const mine = await api(staff, 'GET', `/api/v1/maintenance/issues?assigneeUserId=${staff.user.id}`);
    expect(mine.json().items.map((item: { id: string }) => item.id)).toEqual([issue.id]);

    const toContractor = await api(manager, 'PATCH', url, {
      assigneeName: 'Piscines du Sud',
      assigneePhone: '04 90 00 00 00',
    });
    expect(toContractor.json()).toMatchObject({
      assigneeUserId: null,
      assigneeName: 'Piscines du Sud',
      assigneePhone: '04 90 00 00 00',
    });

    const outsider = await api(manager, 'PATCH', url, { assigneeUserId: stranger.user.id });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().errors[0]).toMatchObject({ path: 'body.assigneeUserId', code: 'not-a-member' });
    const both = await api(manager, 'PATCH', url, { assigneeUserId: staff.user.id, assigneeName: 'Someone' });
    expect(both.statusCode).toBe(400);

    // A phone is a contractor's: changing it keeps the contractor, and taking the name away takes it too.
    expect((await api(manager, 'PATCH', url, { assigneePhone: '06 00 00 00 00' })).json()).toMatchObject({
      assigneeName: 'Piscines du Sud',
      assigneePhone: '06 00 00 00 00',
    });
    expect((await api(manager, 'PATCH', url, { assigneeName: null })).json()).toMatchObject({
      assigneeUserId: null,
      assigneeName: null,
      assigneePhone: null,
    });
    await api(manager, 'PATCH', url, { assigneeUserId: staff.user.id });
    const phoneOfMember = await api(manager, 'PATCH', url, { assigneePhone: '06 11 11 11 11' });
    expect(phoneOfMember.statusCode).toBe(400);
    expect((await api(manager, 'GET', url)).json()).toMatchObject({
      assigneeUserId: staff.user.id,
      assigneePhone: null,
    });
    const ownerAssigned = await api(manager, 'PATCH', url, { assigneeUserId: owner.user.id });
    expect(ownerAssigned.statusCode).toBe(400);
    expect(ownerAssigned.json().errors[0]).toMatchObject({
      path: 'body.assigneeUserId',
      code: 'not-allowed',
    });
  });

  it('blocks the house in the same transaction, refuses dates a stay holds, and frees them when the work is done', async () => {
    const { app } = get();
    const { manager, villa } = await team();
    const stay = await createReservation(app, manager, {
      houseId: villa.id,
      checkIn: '2041-03-10',
      checkOut: '2041-03-14',
    });

    const issuesBefore = await countRows('maintenance_issues', villa.id);
    const blocksBefore = await countRows('blocks', villa.id);
    const collides = await report(manager, villa.id, {
      priority: 'urgent',
      block: { start: '2041-03-12', end: '2041-03-16' },
    });
    expect(collides.statusCode).toBe(409);
    expect(collides.json()).toMatchObject({ status: 409, conflictingReservationId: stay.id });
    expect(await countRows('maintenance_issues', villa.id)).toBe(issuesBefore);
    expect(await countRows('blocks', villa.id)).toBe(blocksBefore);

    const blocking = await report(manager, villa.id, { block: { start: '2041-03-14', end: '2041-03-18' } });
    expect(blocking.statusCode).toBe(201);
    const issue = blocking.json();
    expect(issue.block).toMatchObject({ start: '2041-03-14', end: '2041-03-18' });
    const calendar = async () =>
      (await api(manager, 'GET', `/api/v1/calendar?from=2041-03-01&to=2041-04-01&houseId=${villa.id}`)).json()
        .houses[0].blocks;
    expect(await calendar()).toEqual([
      expect.objectContaining({
        id: issue.blockId,
        kind: 'maintenance',
        start: '2041-03-14',
        end: '2041-03-18',
      }),
    ]);
    // A stay cannot take the blocked nights.
    const refusedStay = await api(manager, 'POST', '/api/v1/reservations', {
      houseId: villa.id,
      guestName: 'Late booker',
      checkIn: '2041-03-16',
      checkOut: '2041-03-20',
      guests: 2,
    });
    expect(refusedStay.statusCode).toBe(409);
    expect(refusedStay.json().conflictingBlockId).toBe(issue.blockId);

    const url = `/api/v1/maintenance/issues/${issue.id}`;
    const moved = await api(manager, 'PATCH', url, { block: { start: '2041-03-20', end: '2041-03-22' } });
    expect(moved.json().block).toMatchObject({ id: issue.blockId, start: '2041-03-20', end: '2041-03-22' });
    const movedIntoStay = await api(manager, 'PATCH', url, {
      block: { start: '2041-03-11', end: '2041-03-13' },
    });
    expect(movedIntoStay.statusCode).toBe(409);
    expect(movedIntoStay.json().conflictingReservationId).toBe(stay.id);
    expect((await api(manager, 'GET', url)).json().block).toMatchObject({ start: '2041-03-20' });

    // Resolved before the block began: the block goes.
    const resolved = await api(manager, 'PATCH', url, { status: 'resolved' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', blockId: null, block: null });
    expect(await calendar()).toEqual([]);
  });

  it('ends a block under way on the day the work order is closed, keeping the nights already past', async () => {
    const { manager, villa } = await team();
    const today = localDate(new Date(), 'Europe/Paris');
    const issue = (
      await report(manager, villa.id, { block: { start: addDays(today, -3), end: addDays(today, 4) } })
    ).json();
    const cancelled = await api(manager, 'PATCH', `/api/v1/maintenance/issues/${issue.id}`, {
      status: 'cancelled',
    });
    expect(cancelled.json().block).toEqual({ id: issue.blockId, start: addDays(today, -3), end: today });

    const removed = (
      await report(manager, villa.id, { block: { start: addDays(today, 10), end: addDays(today, 12) } })
    ).json();
    const unblocked = await api(manager, 'PATCH', `/api/v1/maintenance/issues/${removed.id}`, {
      block: null,
    });
    expect(unblocked.json()).toMatchObject({ blockId: null, block: null, status: 'open' });
  });

  it('shows owners the work orders and costs of their houses only, read-only; other organizations see nothing', async () => {
    const { app } = get();
    const { manager, owner, villa, studio } = await team();
    const onVilla = (await report(manager, villa.id, { laborCost: '30.00' })).json();
    const onStudio = (await report(manager, studio.id)).json();

    const list = (await api(owner, 'GET', '/api/v1/maintenance/issues')).json();
    expect(list.items.map((item: { id: string }) => item.id)).toEqual([onVilla.id]);
    expect(list.items[0]).toMatchObject({ laborCost: '30.00', totalCost: '30.00' });
    expect((await api(owner, 'GET', `/api/v1/maintenance/issues/${onStudio.id}`)).statusCode).toBe(404);
    expect((await api(owner, 'GET', `/api/v1/maintenance/issues/${onStudio.id}/history`)).statusCode).toBe(
      404,
    );
    expect((await report(owner, villa.id)).statusCode).toBe(403);
    expect(
      (await api(owner, 'PATCH', `/api/v1/maintenance/issues/${onVilla.id}`, { status: 'resolved' }))
        .statusCode,
    ).toBe(403);

    const outsider = await registerUser(app);
    expect((await api(outsider, 'GET', `/api/v1/maintenance/issues/${onVilla.id}`)).statusCode).toBe(404);
    expect(
      (await api(outsider, 'PATCH', `/api/v1/maintenance/issues/${onVilla.id}`, { title: 'x' })).statusCode,
    ).toBe(404);
    expect((await report(outsider, villa.id)).statusCode).toBe(404);
    expect((await api(outsider, 'GET', '/api/v1/maintenance/issues')).json().items).toEqual([]);
  });

  it('filters by house, status, priority and type, newest first, a page at a time', async () => {
    const { manager, villa, studio } = await team();
    const a = (await report(manager, villa.id, { priority: 'urgent' })).json();
    const b = (await report(manager, villa.id, { type: 'electrical' })).json();
    const c = (await report(manager, studio.id, { priority: 'high' })).json();
    await api(manager, 'PATCH', `/api/v1/maintenance/issues/${b.id}`, { status: 'on_hold' });
    const ids = async (query: string) =>
      (await api(manager, 'GET', `/api/v1/maintenance/issues?${query}`))
        .json()
        .items.map((item: { id: string }) => item.id);

    expect(await ids(`houseId=${villa.id}`)).toEqual([b.id, a.id]);
    expect(await ids(`houseId=${villa.id}&status=open`)).toEqual([a.id]);
    expect(await ids(`houseId=${villa.id}&status=open&status=on_hold`)).toEqual([b.id, a.id]);
    expect(await ids(`houseId=${villa.id}&type=electrical`)).toEqual([b.id]);
    const pressing = await ids('priority=urgent&priority=high');
    expect(pressing).toEqual(expect.arrayContaining([a.id, c.id]));
    expect(pressing).not.toContain(b.id);

    const first = (
      await api(manager, 'GET', `/api/v1/maintenance/issues?houseId=${villa.id}&limit=1`)
    ).json();
    expect(first.items.map((item: { id: string }) => item.id)).toEqual([b.id]);
    const second = (
      await api(
        manager,
        'GET',
        `/api/v1/maintenance/issues?houseId=${villa.id}&limit=1&cursor=${first.nextCursor}`,
      )
    ).json();
    expect(second).toMatchObject({ items: [{ id: a.id }], nextCursor: null });
    expect((await api(manager, 'GET', '/api/v1/maintenance/issues?status=broken')).statusCode).toBe(400);
    expect((await api(manager, 'GET', '/api/v1/maintenance/issues?cursor=forged')).statusCode).toBe(400);
  });

  it('honours If-Match, and lets only admins delete a work order with no posted cost, block included', async () => {
    const { admin, manager, villa } = await team();
    const issue = (
      await report(manager, villa.id, { block: { start: '2042-06-01', end: '2042-06-03' } })
    ).json();
    const url = `/api/v1/maintenance/issues/${issue.id}`;
    const stale = await api(manager, 'PATCH', url, { title: 'New title' }, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(412);
    expect((await api(manager, 'PATCH', url, { title: 'New title' }, { 'if-match': '"1"' })).statusCode).toBe(
      200,
    );

    expect((await api(manager, 'DELETE', url)).statusCode).toBe(403);
    const blocksBefore = await countRows('blocks', villa.id);
    expect((await api(admin, 'DELETE', url)).statusCode).toBe(204);
    expect((await api(admin, 'GET', url)).statusCode).toBe(404);
    expect(await countRows('blocks', villa.id)).toBe(blocksBefore - 1);

    const paid = (await report(manager, villa.id, { laborCost: '10.00' })).json();
    await api(manager, 'PATCH', `/api/v1/maintenance/issues/${paid.id}`, { status: 'resolved' });
    // Corrected to nothing afterwards, it still went to the ledger twice: it stays.
    await api(manager, 'PATCH', `/api/v1/maintenance/issues/${paid.id}`, { laborCost: '0.00' });
    const refused = await api(admin, 'DELETE', `/api/v1/maintenance/issues/${paid.id}`);
    expect(refused.statusCode).toBe(409);
    expect((await api(admin, 'GET', `/api/v1/maintenance/issues/${paid.id}`)).statusCode).toBe(200);
  });

  it("puts urgent and high work orders of houses with an arrival within two days on the day's operations", async () => {
    const { app } = get();
    const { manager, staff, villa, studio } = await team();
    const day = '2043-07-10';
    const arriving = await createReservation(app, manager, {
      houseId: villa.id,
      checkIn: '2043-07-12',
      checkOut: '2043-07-15',
    });
    await createReservation(app, manager, {
      houseId: studio.id,
      checkIn: '2043-07-20',
      checkOut: '2043-07-22',
    });
    const urgent = (await report(manager, villa.id, { priority: 'urgent', title: 'No hot water' })).json();
    await report(manager, villa.id, { priority: 'low', title: 'Squeaky door' });
    await report(manager, studio.id, { priority: 'urgent', title: 'Broken window' });
    const done = (await report(manager, villa.id, { priority: 'high' })).json();
    await api(manager, 'PATCH', `/api/v1/maintenance/issues/${done.id}`, { status: 'resolved' });

    const daily = (await api(staff, 'GET', `/api/v1/operations/daily?date=${day}`)).json();
    expect(daily.urgentWorkOrders).toEqual([
      {
        issueId: urgent.id,
        houseId: villa.id,
        houseName: villa.name,
        type: 'plumbing',
        title: 'No hot water',
        priority: 'urgent',
        status: 'open',
        dueDate: null,
        nextArrival: { reservationId: arriving.id, checkIn: '2043-07-12' },
      },
    ]);
    const later = (await api(staff, 'GET', `/api/v1/operations/daily?date=2043-07-05`)).json();
    expect(later.urgentWorkOrders).toEqual([]);
  });

  it('keeps photos and invoices on the work order: the team adds them, owners of the house read them, a deleted work order takes them along', async () => {
    const { app } = get();
    const { admin, staff, owner, villa, studio } = await team();
    const issue = (await report(staff, villa.id)).json();
    const files = `/api/v1/maintenance/issues/${issue.id}/attachments`;
    const upload = (actor: Actor, body: ReturnType<typeof fileUpload>) =>
      app.inject({
        method: 'POST',
        url: files,
        headers: { ...headersOf(actor), ...body.headers },
        payload: body.payload,
      });

    const photo = await upload(staff, fileUpload(await jpeg(640, 480)));
    expect(photo.statusCode).toBe(201);
    expect(photo.json()).toMatchObject({ kind: 'photo', contentType: 'image/jpeg', width: 640, height: 480 });
    const invoice = await upload(
      admin,
      fileUpload(pdfWithJavaScript(), {
        fileName: 'facture.pdf',
        contentType: 'application/pdf',
        kind: 'invoice',
      }),
    );
    expect(invoice.statusCode).toBe(201);
    expect((await upload(owner, fileUpload(await jpeg()))).statusCode).toBe(403);

    const listed = (await api(owner, 'GET', files)).json().items;
    expect(listed.map((item: { kind: string }) => item.kind).sort()).toEqual(['invoice', 'photo']);
    const content = await api(owner, 'GET', photo.json().url);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/jpeg');

    // An owner of another house sees neither the work order nor its files.
    const onStudio = (await report(admin, studio.id)).json();
    const studioFiles = `/api/v1/maintenance/issues/${onStudio.id}/attachments`;
    expect((await api(owner, 'GET', studioFiles)).statusCode).toBe(404);

    expect((await api(admin, 'DELETE', `/api/v1/maintenance/issues/${issue.id}`)).statusCode).toBe(204);
    expect((await api(admin, 'GET', photo.json().url)).statusCode).toBe(404);
    const left = await app.db
      .selectFrom('attachments')
      .select('id')
      .where('owner_id', '=', issue.id)
      .execute();
    expect(left).toEqual([]);
  });
});
