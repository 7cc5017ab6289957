import { expect, it } from 'vitest';
import { testConfig } from '../../../test/app.ts';
import { describeEachDatabase } from '../../../test/databases.ts';
import { bearer, registerUser } from '../../../test/factories.ts';
import { databaseUrl, runCommand } from '../../../test/server-process.ts';
import { buildApp } from '../../app.ts';
import { ChecklistsService } from './checklists.service.ts';

const HOUSES = 20;
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describeEachDatabase('departures open their turnover round exactly once', (get) => {
  it(`opens one round per departed house when two job runners race over ${HOUSES} houses`, async () => {
    const { config, database } = get();
    // The houses and their stays were entered a week ago: a house's opening round, opened after a
    // departure, would stand for that departure's round.
    let weekAgo = true;
    const now = () => new Date(Date.now() - (weekAgo ? 7 * 86_400_000 : 0));
    const app = await buildApp(testConfig({ database: config }), { database, now });
    try {
      const admin = bearer(await registerUser(app));
      for (let index = 1; index <= HOUSES; index++) {
        const house = await app.inject({
          method: 'POST',
          url: '/api/v1/houses',
          headers: admin,
          payload: {
            code: `depart-${index}`,
            name: `D${index}`,
            type: 'villa',
            maxGuests: 4,
            nightlyPrice: 90,
          },
        });
        const stay = await app.inject({
          method: 'POST',
          url: '/api/v1/reservations',
          headers: admin,
          payload: {
            houseId: house.json().id,
            guestName: 'Left yesterday',
            checkIn: day(-4),
            checkOut: day(-1),
            guests: 2,
            status: 'confirmed',
          },
        });
        expect(stay.statusCode).toBe(201);
      }
      weekAgo = false;

      // Two processes on SQLite and PostgreSQL; PGlite lives in this process, so two runners share it.
      let opened: number[];
      if (config.kind === 'pglite') {
        const runner = () => new ChecklistsService({ db: app.db, now: () => new Date() }).openDueRounds();
        opened = await Promise.all([runner(), runner()]);
      } else {
        const env = { DATABASE_URL: databaseUrl(config) };
        const runs = await Promise.all([runCommand(['turnovers'], env), runCommand(['turnovers'], env)]);
        for (const run of runs) expect(run.code, run.stderr).toBe(0);
        opened = runs.map((run) => Number(run.stdout.match(/opened (\d+) turnover rounds/)?.[1]));
      }
      expect(opened.reduce((sum, count) => sum + count, 0)).toBe(HOUSES);

      const rounds = await app.db
        .selectFrom('turnover_rounds')
        .innerJoin('houses', 'houses.id', 'turnover_rounds.house_id')
        .select(['turnover_rounds.house_id', 'turnover_rounds.reservation_id'])
        .where('houses.code', 'like', 'depart-%')
        .where('turnover_rounds.reservation_id', 'is not', null)
        .execute();
      expect(rounds).toHaveLength(HOUSES);
      expect(new Set(rounds.map((round) => round.house_id)).size).toBe(HOUSES);
    } finally {
      await app.close();
    }
  }, 90_000); // two processes racing over 20 houses: slow on a loaded two-core machine
});
