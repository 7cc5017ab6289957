import type { BenchContext, Scenario } from './types.ts';

const auth = (context: BenchContext) => ({ authorization: `Bearer ${context.data.token}` });

export const reservationById: Scenario = {
  name: 'reservation',
  description:
    'GET /api/v1/reservations/:id, authenticated, rotating over 1,000 stays spread over the data set',
  requests: (context) =>
    context.data.reservationIds.map((id) => ({ path: `/api/v1/reservations/${id}`, headers: auth(context) })),
};

export const houseMonth: Scenario = {
  name: 'house-month',
  description:
    "GET /api/v1/reservations?houseId=&from=&to=: one house's stays in one month (about 8), every house in turn",
  requests: (context) =>
    context.data.houseIds.map((houseId, i) => ({
      path: `/api/v1/reservations?houseId=${houseId}&from=2021-${String((i % 12) + 1).padStart(2, '0')}-01&to=2021-${String((i % 12) + 1).padStart(2, '0')}-28`,
      headers: auth(context),
    })),
};

export const calendar: Scenario = {
  name: 'calendar',
  description: 'GET /api/v1/calendar for all 100 houses over 31 days (about 800 stays)',
  requests: (context) => [{ path: '/api/v1/calendar?from=2023-07-01&to=2023-08-01', headers: auth(context) }],
};

let created = 0;

export const createStay: Scenario = {
  name: 'create',
  description:
    'POST /api/v1/reservations: a new one-night stay on free nights (after the data set), houses in turn',
  expectStatus: 201,
  requests: (context) => [
    {
      method: 'POST',
      path: '/api/v1/reservations',
      headers: auth(context),
      next: () => {
        created += 1;
        const house = created % context.data.houseIds.length;
        const day = new Date(
          Date.UTC(2031, 0, 1) + Math.floor(created / context.data.houseIds.length) * 86_400_000,
        );
        const checkIn = day.toISOString().slice(0, 10);
        const checkOut = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
        return {
          path: '/api/v1/reservations',
          body: JSON.stringify({
            houseId: context.data.houseIds[house],
            guestName: 'Bench',
            checkIn,
            checkOut,
            guests: 2,
          }),
        };
      },
    },
  ],
};

export const createConflict: Scenario = {
  name: 'create-conflict',
  description: 'POST /api/v1/reservations on nights already taken: answered 409 naming the stay',
  expectStatus: 409,
  requests: (context) =>
    context.data.houseIds.map((houseId) => ({
      method: 'POST' as const,
      path: '/api/v1/reservations',
      headers: auth(context),
      body: JSON.stringify({
        houseId,
        guestName: 'Late',
        checkIn: '2020-06-10',
        checkOut: '2020-06-13',
        guests: 2,
      }),
    })),
};
