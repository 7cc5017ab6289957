import { expect, it } from 'vitest';
import { describeApp, testConfig } from '../../test/app.ts';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from './seed.ts';

interface Stay {
  houseId: string;
  checkIn: string;
  checkOut: string;
  status: string;
}

// A year of stays, cleanings and all, made through the services: PGlite needs its time.
const SEEDING_MS = 180_000;

describeApp('the demonstration data', (get) => {
  it(
    'never leaves a turnover open in a house with guests in it, and shows one under way and one not started',
    async () => {
      const { app, db } = get();
      await seedDemo(db.database, testConfig({ database: db.config }));
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: DEMO_EMAIL, password: DEMO_PASSWORD },
      });
      const headers = { authorization: `Bearer ${login.json().accessToken}` };
      const read = async (url: string) => (await app.inject({ method: 'GET', url, headers })).json();

      const houses: { id: string; name: string }[] = (await read('/api/v1/houses?limit=200')).items;
      const byName = new Map(houses.map((house) => [house.name, house.id]));
      const daily = await read('/api/v1/operations/daily');
      const today: string = daily.date;
      const current: Stay[] = [];
      for (const house of houses) {
        const page = await read(`/api/v1/reservations?houseId=${house.id}&status=checked_in&limit=200`);
        current.push(...page.items);
      }

      // The state the first user found: a guest checked in while the house's round was still open.
      for (const stay of current) {
        const checklist = await read(`/api/v1/houses/${stay.houseId}/checklist`);
        expect(checklist.ready, `house ${checklist.houseName}`).toBe(true);
      }
      const occupied = new Set(current.filter((stay) => stay.checkOut > today).map((stay) => stay.houseId));
      const turnovers: { houseId: string; done: number; total: number }[] = daily.turnovers;
      for (const turnover of turnovers) expect(occupied.has(turnover.houseId)).toBe(false);

      // Mv1's cleaning is under way, Mv2's not started: both are empty today and on Today's list.
      const mv1 = turnovers.find((turnover) => turnover.houseId === byName.get('Mv1'));
      const mv2 = turnovers.find((turnover) => turnover.houseId === byName.get('Mv2'));
      expect(mv1?.done).toBeGreaterThan(0);
      expect(mv1?.done).toBeLessThan(mv1?.total ?? 0);
      expect(mv2?.done).toBe(0);

      // Every round was finished before the next guests came: none was skipped.
      for (const house of houses) {
        const rounds = await read(`/api/v1/houses/${house.id}/checklist/rounds?limit=200`);
        const skipped = rounds.items.filter((round: { skipped: unknown }) => round.skipped !== null);
        expect(skipped, house.name).toEqual([]);
      }

      // The ledger holds what the stays were paid: every stay's rent entries add up to its amount paid,
      // the guests who left owe nothing, and deposits are held, not income.
      for (const house of houses) {
        const stays = await read(`/api/v1/reservations?houseId=${house.id}&limit=200`);
        for (const stay of stays.items as (Stay & {
          id: string;
          advancePaid: string;
          balanceDue: string;
        })[]) {
          const ledger = await read(`/api/v1/ledger?reservationId=${stay.id}&category=rent&limit=200`);
          expect(ledger.totals.income, `stay ${stay.id}`).toBe(stay.advancePaid);
          if (stay.status === 'checked_out') expect(stay.balanceDue).toBe('0.00');
        }
      }
      const year = await read(`/api/v1/finance/summary?from=2000-01-01&to=2100-01-01`);
      expect(Number(year.totals.income)).toBeGreaterThan(0);
      expect(Number(year.totals.expense)).toBeGreaterThan(0);
      expect((await read('/api/v1/finance/closings')).items).toHaveLength(1);

      // A year of history on the dashboard: each of the last twelve months has stays, and last
      // month's statement of the apartment takes the commission of its newer contract.
      const [thisYear, thisMonth] = today.split('-').map(Number) as [number, number];
      const monthStart = (back: number) => {
        const index = thisYear * 12 + thisMonth - 1 - back;
        return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
      };
      const history = await read(`/api/v1/analytics/occupancy?from=${monthStart(12)}&to=${monthStart(0)}`);
      expect(history.rows).toHaveLength(12);
      for (const row of history.rows) expect(row.bookedNights, row.month).toBeGreaterThan(0);
      const statement = await read(
        `/api/v1/owner-statements?houseId=${byName.get('Mv5')}&month=${monthStart(1).slice(0, 7)}`,
      );
      expect(statement.contract).toMatchObject({ accommodationRate: '18.00', incomeRate: '5.00' });
      expect(Number(statement.commission)).toBeGreaterThan(0);
    },
    SEEDING_MS,
  );
});
