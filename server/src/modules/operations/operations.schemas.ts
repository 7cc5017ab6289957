import { Type } from 'typebox';
import { CalendarDate, CalendarDateOut } from '../../http/inputs.ts';
import { ReservationAnyView } from '../reservations/reservations.schemas.ts';

export const DailyQuery = Type.Object(
  { date: Type.Optional(CalendarDate('The day, YYYY-MM-DD; today in the organization by default')) },
  { additionalProperties: false },
);

const Turnover = Type.Object(
  {
    houseId: Type.String(),
    houseName: Type.String(),
    roundId: Type.String(),
    openedAt: Type.String({ format: 'date-time' }),
    done: Type.Integer(),
    total: Type.Integer(),
    nextArrival: Type.Union([
      Type.Object(
        { reservationId: Type.String(), checkIn: CalendarDateOut },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { $id: 'Turnover', additionalProperties: false },
);

const PressingWorkOrder = Type.Object(
  {
    issueId: Type.String(),
    houseId: Type.String(),
    houseName: Type.String(),
    type: Type.String(),
    title: Type.String(),
    priority: Type.Ref('MaintenancePriority'),
    status: Type.Ref('MaintenanceStatus'),
    dueDate: Type.Union([CalendarDateOut, Type.Null()]),
    nextArrival: Type.Object(
      { reservationId: Type.String(), checkIn: CalendarDateOut },
      { additionalProperties: false },
    ),
  },
  { $id: 'PressingWorkOrder', additionalProperties: false },
);

export const DailySchema = Type.Object(
  {
    date: CalendarDateOut,
    arrivals: Type.Array(ReservationAnyView),
    departures: Type.Array(ReservationAnyView),
    inHouse: Type.Array(ReservationAnyView, {
      description: 'Stays that began before the day and end after it',
    }),
    turnovers: Type.Array(Type.Ref('Turnover'), {
      description:
        'Houses whose turnover is not done, most urgent first; never a house with guests in it ' +
        '(a stay under way, or a guest checked in who leaves after the day)',
    }),
    notReady: Type.Array(Type.Ref('Turnover'), {
      description: 'Houses not ready with an arrival on the day or the next',
    }),
    urgentWorkOrders: Type.Array(Type.Ref('PressingWorkOrder'), {
      description:
        'Urgent and high-priority work orders not done on houses with an arrival within two days, the nearest arrival first',
    }),
  },
  { $id: 'DailyOperations', additionalProperties: false },
);

export const operationSchemas = [Turnover, PressingWorkOrder, DailySchema];
