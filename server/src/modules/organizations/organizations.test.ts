import { expect, it } from 'vitest';
import { describeApp, type TestContext } from '../../../test/app.ts';
import { bearer, registerUser, type TestSession } from '../../../test/factories.ts';

const DAY = 86_400_000;

/** The token of the last invitation emailed to an address, read from the outbox as a person would from the email. */
async function invitationToken(context: TestContext, email: string): Promise<string> {
  const message = await context.db.database.db
    .selectFrom('email_outbox')
    .select('body_text')
    .where('recipient', '=', email)
    .where('template', '=', 'invitation')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const token = message.body_text.match(/\/invitations\/accept\?token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no invitation link in: ${message.body_text}`);
  return token;
}

describeApp('members and invitations', (get) => {
  const invite = (admin: TestSession, email: string, role: string) =>
    get().app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: bearer(admin),
      payload: { email, role },
    });

  /** An admin with a fresh organization, and a second person who joined it with `role`. */
  async function organizationWith(role: string) {
    const { app } = get();
    const admin = await registerUser(app, { organizationName: `Org ${Math.random()}` });
    const member = await registerUser(app);
    expect((await invite(admin, member.email, role)).statusCode).toBe(201);
    const token = await invitationToken(get(), member.email);
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: bearer(member),
      payload: { token },
    });
    expect(accepted.statusCode).toBe(200);
    return { admin, member, organizationId: accepted.json().organizationId as string };
  }

  it('invites an existing account, which joins with the role once it accepts', async () => {
    const { app } = get();
    const admin = await registerUser(app, { organizationName: 'Domaine des Oliviers' });
    const cleaner = await registerUser(app, { name: 'Inès Martin' });
    const created = await invite(admin, cleaner.email.toUpperCase(), 'staff');
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/invitations/${created.json().id}`);
    expect(created.json()).toMatchObject({ email: cleaner.email, role: 'staff' });

    const pending = await app.inject({ method: 'GET', url: '/api/v1/invitations', headers: bearer(admin) });
    expect(pending.json().items.map((item: { email: string }) => item.email)).toEqual([cleaner.email]);

    const token = await invitationToken(get(), cleaner.email);
    const preview = await app.inject({ method: 'GET', url: `/api/v1/invitations/preview?token=${token}` });
    expect(preview.json()).toMatchObject({
      organizationName: 'Domaine des Oliviers',
      email: cleaner.email,
      role: 'staff',
      status: 'pending',
    });

    const accepted = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: bearer(cleaner),
      payload: { token },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ organizationName: 'Domaine des Oliviers', role: 'staff' });

    const me = (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(cleaner) })).json();
    expect(me.memberships.map((m: { role: string }) => m.role)).toEqual(['admin', 'staff']);

    const members = await app.inject({ method: 'GET', url: '/api/v1/members', headers: bearer(admin) });
    expect(members.json().items.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([
      ['Inès Martin', 'staff'],
      [admin.user.name, 'admin'],
    ]);

    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: bearer(cleaner),
      payload: { token },
    });
    expect(again.statusCode).toBe(409);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/invitations', headers: bearer(admin) })).json().items,
    ).toEqual([]);
  });

  it('lets a new person register through the invitation, joining instead of getting an organization', async () => {
    const { app } = get();
    const admin = await registerUser(app, { organizationName: 'Les Gîtes du Lac' });
    const email = `new-owner-${Date.now()}@example.org`;
    await invite(admin, email, 'owner');
    const token = await invitationToken(get(), email);
    const registered = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email, password: 'un mot de passe assez long', name: 'Paul Owner', invitationToken: token },
    });
    expect(registered.statusCode).toBe(201);
    expect(registered.json().user.verified).toBe(true);
    const me = (
      await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(registered.json()) })
    ).json();
    expect(me.memberships).toEqual([
      { organizationId: expect.any(String), organizationName: 'Les Gîtes du Lac', role: 'owner' },
    ]);
  });

  it('keeps an invitation to the email it was sent to, and refuses it once expired', async () => {
    const { app, clock } = get();
    const admin = await registerUser(app);
    const invited = await registerUser(app);
    const stranger = await registerUser(app);
    await invite(admin, invited.email, 'manager');
    const token = await invitationToken(get(), invited.email);

    const wrongPerson = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: bearer(stranger),
      payload: { token },
    });
    expect(wrongPerson.statusCode).toBe(403);
    expect(wrongPerson.json().type).toBe('urn:staykeep:problem:invitation-for-another-email');

    clock.advance(8 * DAY);
    const late = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: bearer(await loginAgain(invited)),
      payload: { token },
    });
    clock.reset();
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toBe('urn:staykeep:problem:invitation-expired');

    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: bearer(invited),
      payload: { token: 'no-such-token' },
    });
    expect(unknown.statusCode).toBe(404);
  });

  /** A fresh access token (the clock moved past the old one's expiry). */
  async function loginAgain(session: TestSession) {
    const response = await get().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: session.email, password: session.password },
    });
    return response.json();
  }

  it('revokes a pending invitation; a new invitation replaces the old one', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const email = `twice-${Date.now()}@example.org`;
    await invite(admin, email, 'staff');
    const first = await invitationToken(get(), email);
    const second = (await invite(admin, email, 'manager')).json();
    const oldPreview = await app.inject({ method: 'GET', url: `/api/v1/invitations/preview?token=${first}` });
    expect(oldPreview.statusCode).toBe(404);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${second.id}`,
      headers: bearer(admin),
    });
    expect(revoked.statusCode).toBe(204);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${second.id}`,
      headers: bearer(admin),
    });
    expect(again.statusCode).toBe(404);
  });

  it('refuses to invite someone who is already a member', async () => {
    const { admin, member } = await organizationWith('staff');
    const response = await invite(admin, member.email, 'manager');
    expect(response.statusCode).toBe(409);
    expect(response.json().type).toBe('urn:staykeep:problem:already-member');
  });

  it('changes roles, records who did it, and never leaves an organization without an admin', async () => {
    const { app, db } = get();
    const { admin, member, organizationId } = await organizationWith('staff');
    const promote = await app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${member.user.id}`,
      headers: { ...bearer(admin), 'x-organization-id': organizationId },
      payload: { role: 'admin' },
    });
    expect(promote.statusCode).toBe(200);
    expect(promote.json()).toMatchObject({ userId: member.user.id, role: 'admin' });
    const history = await db.database.db
      .selectFrom('user_status_history')
      .select(['field', 'old_value', 'new_value', 'changed_by'])
      .where('user_id', '=', member.user.id)
      .execute();
    expect(history).toEqual([
      { field: 'role', old_value: 'staff', new_value: 'admin', changed_by: admin.user.id },
    ]);

    // Two admins: one may step down; then the last one may not.
    const stepDown = await app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${admin.user.id}`,
      headers: { ...bearer(admin), 'x-organization-id': organizationId },
      payload: { role: 'manager' },
    });
    expect(stepDown.statusCode).toBe(200);
    const lastAdmin = await app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${member.user.id}`,
      headers: { ...bearer(member), 'x-organization-id': organizationId },
      payload: { role: 'staff' },
    });
    expect(lastAdmin.statusCode).toBe(409);
    expect(lastAdmin.json().type).toBe('urn:staykeep:problem:last-admin');
    const removeLast = await app.inject({
      method: 'DELETE',
      url: `/api/v1/members/${member.user.id}`,
      headers: { ...bearer(member), 'x-organization-id': organizationId },
    });
    expect(removeLast.statusCode).toBe(409);
  });

  it('removes a member, who then loses access at once', async () => {
    const { app } = get();
    const { admin, member, organizationId } = await organizationWith('manager');
    const asMember = { ...bearer(member), 'x-organization-id': organizationId };
    expect((await app.inject({ method: 'GET', url: '/api/v1/members', headers: asMember })).statusCode).toBe(
      200,
    );
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/members/${member.user.id}`,
      headers: { ...bearer(admin), 'x-organization-id': organizationId },
    });
    expect(removed.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/members', headers: asMember })).statusCode).toBe(
      404,
    );
  });

  it('lets only admins manage members: staff get 403, another organization gets 404', async () => {
    const { app } = get();
    const { admin, member, organizationId } = await organizationWith('staff');
    const asStaff = { ...bearer(member), 'x-organization-id': organizationId };
    expect((await app.inject({ method: 'GET', url: '/api/v1/members', headers: asStaff })).statusCode).toBe(
      403,
    );
    const staffInvites = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asStaff,
      payload: { email: 'x@example.org', role: 'admin' },
    });
    expect(staffInvites.statusCode).toBe(403);
    expect(staffInvites.json().type).toBe('urn:staykeep:problem:forbidden');

    // An admin elsewhere cannot touch this organization's members, nor learn that they exist.
    const outsider = await registerUser(app);
    const foreign = await app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${member.user.id}`,
      headers: bearer(outsider),
      payload: { role: 'admin' },
    });
    expect(foreign.statusCode).toBe(404);
    const foreignDelete = await app.inject({
      method: 'DELETE',
      url: `/api/v1/members/${admin.user.id}`,
      headers: bearer(outsider),
    });
    expect(foreignDelete.statusCode).toBe(404);
  });

  it('validates invitations: email format and known roles only', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const badRole = await invite(admin, 'someone@example.org', 'superuser');
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().errors[0].path).toBe('body.role');
    const badEmail = await invite(admin, 'someone', 'staff');
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().errors[0].path).toBe('body.email');
    expect((await app.inject({ method: 'GET', url: '/api/v1/invitations' })).statusCode).toBe(401);
  });

  it('pages the members by name, each page with the houses assigned to its owners', async () => {
    const { app } = get();
    const admin = await registerUser(app, { name: 'Ada Admin', organizationName: `Org ${Math.random()}` });
    for (const [name, role] of [
      ['Bea Owner', 'owner'],
      ['Cy Staff', 'staff'],
      ['Dee Manager', 'manager'],
    ]) {
      const person = await registerUser(app, { name });
      expect((await invite(admin, person.email, role as string)).statusCode).toBe(201);
      const token = await invitationToken(get(), person.email);
      await app.inject({
        method: 'POST',
        url: '/api/v1/invitations/accept',
        headers: bearer(person),
        payload: { token },
      });
    }
    const house = await app.inject({
      method: 'POST',
      url: '/api/v1/houses',
      headers: bearer(admin),
      payload: { code: 'maison-1', name: 'Mv1', type: 'villa', maxGuests: 4 },
    });
    const list = (query: string) =>
      app.inject({ method: 'GET', url: `/api/v1/members${query}`, headers: bearer(admin) });
    const all = (await list('')).json();
    const owner = all.items.find((member: { name: string }) => member.name === 'Bea Owner');
    await app.inject({
      method: 'PUT',
      url: `/api/v1/members/${owner.userId}/houses`,
      headers: bearer(admin),
      payload: { houseIds: [house.json().id] },
    });

    const first = (await list('?limit=2')).json();
    expect(first.items.map((member: { name: string }) => member.name)).toEqual(['Ada Admin', 'Bea Owner']);
    expect(first.items[1].houseIds).toEqual([house.json().id]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await list(`?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((member: { name: string }) => member.name)).toEqual(['Cy Staff', 'Dee Manager']);
    expect(second.nextCursor).toBeNull();
    expect(all).toMatchObject({ nextCursor: null });
    expect(all.items).toHaveLength(4);

    const forged = await list('?cursor=bm90IGEgY3Vyc29y');
    expect(forged.statusCode).toBe(400);
    expect(forged.json().errors[0]).toMatchObject({ path: 'querystring.cursor', code: 'invalid-cursor' });
  });
});
