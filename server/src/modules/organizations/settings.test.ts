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
import { DEFAULT_NOTIFICATION_PREFERENCES } from '../../kernel/notification-kinds.ts';

const SETTINGS = '/api/v1/organization/settings';

describeApp('organization settings', (get) => {
  const api = (
    actor: Actor,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) =>
    get().app.inject({
      method,
      url,
      headers: { ...('headers' in actor ? actor.headers : bearer(actor)), ...headers },
      ...(payload ? { payload } : {}),
    });

  /** The organization's row as stored, to see that a refused change wrote nothing. */
  const storedRow = async (admin: Actor) => {
    const organizationId = (await api(admin, 'GET', '/api/v1/organization')).json().id as string;
    return get()
      .app.db.selectFrom('organizations')
      .selectAll()
      .where('id', '=', organizationId)
      .executeTakeFirstOrThrow();
  };

  it('starts from the defaults, and every member reads them; only admins and managers see the tourist tax', async () => {
    const { app } = get();
    const admin = await registerUser(app, { organizationName: 'Domaine des Oliviers' });
    const manager = await addMember(app, admin, 'manager');
    const staff = await addMember(app, admin, 'staff');
    const owner = await addMember(app, admin, 'owner');

    const read = await api(admin, 'GET', SETTINGS);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.json()).toEqual({
      name: 'Domaine des Oliviers',
      currency: 'EUR',
      language: 'en',
      timezone: 'Europe/Paris',
      checkInTime: '16:00',
      checkOutTime: '10:00',
      touristTax: null,
      notificationDefaults: DEFAULT_NOTIFICATION_PREFERENCES,
      auditRetentionDays: null,
      version: 1,
      updatedAt: expect.any(String),
    });

    expect((await api(manager, 'GET', SETTINGS)).json()).toMatchObject({ touristTax: null, version: 1 });
    for (const member of [staff, owner]) {
      const seen = await api(member, 'GET', SETTINGS);
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toMatchObject({
        name: 'Domaine des Oliviers',
        currency: 'EUR',
        checkInTime: '16:00',
      });
      expect(seen.json()).not.toHaveProperty('touristTax');
    }
    expect((await app.inject({ method: 'GET', url: SETTINGS })).statusCode).toBe(401);
  });

  it('lets an admin change every setting, with If-Match; a stale version is 412 and writes nothing', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const changed = await api(
      admin,
      'PATCH',
      SETTINGS,
      {
        name: '  Mas des Vignes  ',
        currency: 'CHF',
        language: 'fr',
        timezone: 'Europe/Zurich',
        checkInTime: '15:30',
        checkOutTime: '11:00',
        touristTax: { mode: 'percentage', percent: '5', cap: '2.30', platformSources: ['airbnb'] },
        notificationDefaults: { kinds: { stay_created: { email: true } }, digest: false },
        auditRetentionDays: 365,
      },
      { 'if-match': '"1"' },
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.json()).toMatchObject({
      name: 'Mas des Vignes',
      currency: 'CHF',
      language: 'fr',
      timezone: 'Europe/Zurich',
      checkInTime: '15:30',
      checkOutTime: '11:00',
      touristTax: {
        mode: 'percentage',
        rate: null,
        percent: '5.00',
        cap: '2.30',
        platformSources: ['airbnb'],
      },
      auditRetentionDays: 365,
      version: 2,
    });
    // A partial change of the notification defaults keeps what it does not name.
    expect(changed.json().notificationDefaults).toEqual({
      kinds: {
        ...DEFAULT_NOTIFICATION_PREFERENCES.kinds,
        stay_created: { inApp: true, email: true },
      },
      digest: false,
    });
    expect(await api(admin, 'GET', SETTINGS).then((response) => response.json())).toEqual(changed.json());
    // The purge job and the emails read the columns themselves.
    expect(await storedRow(admin)).toMatchObject({ audit_retention_days: 365, locale: 'fr', version: 2 });

    const stale = await api(admin, 'PATCH', SETTINGS, { checkInTime: '17:00' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ type: 'urn:staykeep:problem:version-mismatch', currentVersion: 2 });
    expect((await api(admin, 'GET', SETTINGS)).json()).toMatchObject({ checkInTime: '15:30', version: 2 });

    // Back to "keep for ever" and no default tax; without If-Match the change applies to the current version.
    const cleared = await api(admin, 'PATCH', SETTINGS, { auditRetentionDays: null, touristTax: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ auditRetentionDays: null, touristTax: null, version: 3 });
  });

  it('refuses every change to managers, staff and owners', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    for (const role of ['manager', 'staff', 'owner'] as const) {
      const member = await addMember(app, admin, role);
      const refused = await api(member, 'PATCH', SETTINGS, { checkInTime: '12:00' });
      expect(refused.statusCode, role).toBe(403);
    }
    expect((await api(admin, 'GET', SETTINGS)).json()).toMatchObject({ checkInTime: '16:00', version: 1 });
  });

  it('answers every bad value with a 400 on its field, and writes nothing', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const before = await storedRow(admin);
    const cases: [object, string, string][] = [
      [{ name: '   ' }, 'body.name', 'required'],
      [{ name: 'x'.repeat(201) }, 'body.name', 'too-long'],
      [{ name: 'Line\u0000break' }, 'body.name', 'control-characters'],
      [{ currency: 'eur' }, 'body.currency', 'invalid-format'],
      [{ currency: 'XYZ' }, 'body.currency', 'invalid-format'],
      [{ currency: 'EURO' }, 'body.currency', 'invalid-format'],
      [{ language: 'de' }, 'body.language', 'not-allowed'],
      [{ timezone: 'Mars/Olympus' }, 'body.timezone', 'invalid-time-zone'],
      [{ timezone: 'Europe/Paris ' }, 'body.timezone', 'invalid-time-zone'],
      [{ checkInTime: '24:00' }, 'body.checkInTime', 'invalid-format'],
      [{ checkInTime: '9:00' }, 'body.checkInTime', 'invalid-format'],
      [{ checkOutTime: '10:60' }, 'body.checkOutTime', 'invalid-format'],
      [{ checkOutTime: 10 }, 'body.checkOutTime', 'wrong-type'],
      [{ touristTax: { mode: 'per_night' } }, 'body.touristTax.rate', 'required'],
      [{ touristTax: { mode: 'percentage', cap: '2.00' } }, 'body.touristTax.percent', 'required'],
      [{ touristTax: { mode: 'percentage', percent: '101' } }, 'body.touristTax.percent', 'too-large'],
      [{ touristTax: { mode: 'per_night', rate: '1.655' } }, 'body.touristTax.rate', 'invalid-amount'],
      [{ touristTax: { mode: 'per_night', rate: '-1' } }, 'body.touristTax.rate', 'invalid-amount'],
      [{ touristTax: { mode: 'weekly', rate: '1' } }, 'body.touristTax.mode', 'not-allowed'],
      [
        { touristTax: { mode: 'per_night', rate: '1', extra: 1 } },
        'body.touristTax.extra',
        'unknown-property',
      ],
      [
        { touristTax: { mode: 'per_night', rate: '1', platformSources: ['expedia'] } },
        'body.touristTax.platformSources.0',
        'not-allowed',
      ],
      [{ notificationDefaults: { digest: 'yes' } }, 'body.notificationDefaults.digest', 'wrong-type'],
      [
        { notificationDefaults: { kinds: { pizza_delivered: { inApp: true } } } },
        'body.notificationDefaults.kinds.pizza_delivered',
        'unknown-property',
      ],
      [
        { notificationDefaults: { kinds: { stay_created: { sms: true } } } },
        'body.notificationDefaults.kinds.stay_created.sms',
        'unknown-property',
      ],
      [{ auditRetentionDays: 0 }, 'body.auditRetentionDays', 'too-small'],
      [{ auditRetentionDays: 1.5 }, 'body.auditRetentionDays', 'wrong-type'],
      [{ auditRetentionDays: '30' }, 'body.auditRetentionDays', 'wrong-type'],
      [{ locale: 'fr' }, 'body.locale', 'unknown-property'],
      [{ version: 3 }, 'body.version', 'unknown-property'],
    ];
    for (const [payload, path, code] of cases) {
      const response = await api(admin, 'PATCH', SETTINGS, payload);
      const label = `${JSON.stringify(payload)} → ${response.body}`;
      expect(response.statusCode, label).toBe(400);
      expect(response.headers['content-type'], label).toContain('application/problem+json');
      expect(response.json().errors, label).toContainEqual(expect.objectContaining({ path, code }));
    }
    // Several bad fields at once are each named, and a good field beside them is not written either.
    const several = await api(admin, 'PATCH', SETTINGS, {
      checkInTime: '12:00',
      currency: 'ABC',
      touristTax: { mode: 'per_night' },
    });
    expect(several.statusCode).toBe(400);
    expect(
      several
        .json()
        .errors.map((error: { path: string }) => error.path)
        .sort(),
    ).toEqual(['body.currency', 'body.touristTax.rate']);
    expect(await storedRow(admin)).toEqual(before);
  });

  it('keeps each organization to itself', async () => {
    const { app } = get();
    const first = await registerUser(app, { organizationName: 'First' });
    const second = await registerUser(app, { organizationName: 'Second' });
    const secondOrganization = (await api(second, 'GET', '/api/v1/organization')).json().id as string;

    // Naming another organization in the header does not reach it: to a non-member it does not exist.
    const foreign = { 'x-organization-id': secondOrganization };
    expect((await api(first, 'GET', SETTINGS, undefined, foreign)).statusCode).toBe(404);
    expect((await api(first, 'PATCH', SETTINGS, { name: 'Taken over' }, foreign)).statusCode).toBe(404);

    expect((await api(first, 'PATCH', SETTINGS, { checkInTime: '14:00' })).statusCode).toBe(200);
    expect((await api(second, 'GET', SETTINGS)).json()).toMatchObject({
      name: 'Second',
      checkInTime: '16:00',
      version: 1,
    });
  });

  it('gives a new house the default check-in and check-out times and time zone, unless it has its own', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const changed = await api(admin, 'PATCH', SETTINGS, {
      checkInTime: '17:00',
      checkOutTime: '09:30',
      timezone: 'America/Guadeloupe',
    });
    expect(changed.statusCode, changed.body).toBe(200);

    const plain = await createHouse(app, admin);
    expect(plain).toMatchObject({
      checkInTime: '17:00',
      checkOutTime: '09:30',
      timezone: 'America/Guadeloupe',
    });
    const own = await createHouse(app, admin, {
      checkInTime: '15:00',
      checkOutTime: '11:00',
      timezone: 'Europe/Lisbon',
    });
    expect(own).toMatchObject({ checkInTime: '15:00', checkOutTime: '11:00', timezone: 'Europe/Lisbon' });

    // A later change of the defaults leaves existing houses as they are.
    await api(admin, 'PATCH', SETTINGS, { checkInTime: '18:00' });
    expect((await api(admin, 'GET', `/api/v1/houses/${plain.id}`)).json().checkInTime).toBe('17:00');
  });

  it('taxes the stays of a house without a rule under the default, and a house rule wins over it', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const house = await createHouse(app, admin);
    const ruled = await createHouse(app, admin);
    const stayTax = async (houseId: string) => {
      const stay = await createReservation(app, admin, { houseId, guests: 2, totalPrice: '300.00' });
      return (await api(admin, 'GET', `/api/v1/reservations/${stay.id}/payments`)).json().touristTax;
    };
    expect(await stayTax(house.id)).toBeNull();

    expect(
      (await api(admin, 'PATCH', SETTINGS, { touristTax: { mode: 'per_night', rate: '1.50' } })).statusCode,
    ).toBe(200);
    expect(
      (await api(admin, 'PUT', `/api/v1/houses/${ruled.id}/tourist-tax`, { mode: 'per_night', rate: '2.00' }))
        .statusCode,
    ).toBe(200);
    // Two nights, two adults.
    expect(await stayTax(house.id)).toMatchObject({ perAdultNight: '1.50', amount: '6.00' });
    expect(await stayTax(ruled.id)).toMatchObject({ perAdultNight: '2.00', amount: '8.00' });
  });

  it('changes the currency only while no money is recorded in it', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    // Houses with prices are settings, not records: the currency may still change.
    const house = await createHouse(app, admin, { nightlyPrice: null });
    expect((await api(admin, 'PATCH', SETTINGS, { currency: 'CHF' })).statusCode).toBe(200);
    // A stay without a price records no amount either.
    await createReservation(app, admin, { houseId: house.id, totalPrice: '0' });
    expect((await api(admin, 'PATCH', SETTINGS, { currency: 'GBP' })).statusCode).toBe(200);

    await createReservation(app, admin, { houseId: house.id, totalPrice: '450.00' });
    const before = await storedRow(admin);
    const refused = await api(admin, 'PATCH', SETTINGS, { currency: 'EUR', checkInTime: '12:00' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      type: 'urn:staykeep:problem:currency-in-use',
      currentCurrency: 'GBP',
    });
    expect(await storedRow(admin)).toEqual(before);
    // Naming the currency it already has changes nothing and is not refused.
    expect((await api(admin, 'PATCH', SETTINGS, { currency: 'GBP' })).statusCode).toBe(200);

    // A ledger entry alone is enough.
    const other = await registerUser(app);
    const entry = await api(other, 'POST', '/api/v1/ledger', {
      date: '2031-03-01',
      type: 'expense',
      category: 'supplies',
      description: 'Light bulbs',
      amount: '12.00',
    });
    expect(entry.statusCode, entry.body).toBe(201);
    expect((await api(other, 'PATCH', SETTINGS, { currency: 'USD' })).statusCode).toBe(409);
  });

  it('writes invitations to people without an account in the organization’s language', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    expect((await api(admin, 'PATCH', SETTINGS, { language: 'fr' })).statusCode).toBe(200);
    const email = `nouvelle-${Date.now()}@example.org`;
    expect((await api(admin, 'POST', '/api/v1/invitations', { email, role: 'staff' })).statusCode).toBe(201);
    const message = await app.db
      .selectFrom('email_outbox')
      .select(['locale'])
      .where('recipient', '=', email)
      .executeTakeFirstOrThrow();
    expect(message.locale).toBe('fr');
  });
});
