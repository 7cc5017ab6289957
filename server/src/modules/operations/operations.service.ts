import type { Db } from '../../db/database.ts';
import type { Member } from '../../kernel/access.ts';
import { addDays, localDate } from '../../kernel/dates.ts';
import { latestRounds } from '../checklists/checklists.repository.ts';
import { housesVisibleTo } from '../houses/houses.service.ts';
import type { MaintenanceService } from '../maintenance/maintenance.service.ts';
import { findOrganization } from '../organizations/organizations.repository.ts';
import type { ReservationsService } from '../reservations/reservations.service.ts';
import { houseNames, nextArrivals, occupiedHouses } from './operations.repository.ts';

/**
 * The day's work across the houses: who arrives and leaves, who stays, which
 * houses need their turnover and by when, and which are not ready for a guest
 * arriving within a day. Stays come through the reservations service, so
 * staff and owners get them without contact details or money, as everywhere.
 */
export class OperationsService {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #reservations: ReservationsService;
  readonly #maintenance: MaintenanceService;

  constructor(options: {
    db: Db;
    now: () => Date;
    reservations: ReservationsService;
    maintenance: MaintenanceService;
  }) {
    this.#db = options.db;
    this.#now = options.now;
    this.#reservations = options.reservations;
    this.#maintenance = options.maintenance;
  }

  async daily(member: Member, date?: string) {
    const organization = await findOrganization(this.#db, member.organizationId);
    const day = date ?? localDate(this.#now(), organization?.timezone ?? 'UTC');
    const tomorrow = addDays(day, 1);
    const visible = await housesVisibleTo(this.#db, member);
    const [houses, rounds, arrivalsAhead, occupied] = await Promise.all([
      houseNames(this.#db, member.organizationId, visible),
      latestRounds(this.#db, member.organizationId, visible),
      nextArrivals(this.#db, member.organizationId, day),
      occupiedHouses(this.#db, member.organizationId, day),
    ]);
    // A stay leaving today ended before today's night: the range starts a day earlier to include it;
    // it ends three days on, for the arrivals of the next two days that pressing work orders are weighed against.
    const stays = (await this.#stays(member, addDays(day, -1), addDays(day, 3))).filter(
      (stay) => stay.status !== 'cancelled',
    );
    const names = new Map(houses.map((house) => [house.id, house.name]));
    // Nobody is sent to clean a house with guests in it: its turnover waits for their departure.
    const unfinished = rounds.filter(
      (round) => round.completed_at === null && names.has(round.house_id) && !occupied.has(round.house_id),
    );
    const turnovers = unfinished
      .map((round) => {
        const deadline = arrivalsAhead.get(round.house_id);
        return {
          houseId: round.house_id,
          houseName: names.get(round.house_id) ?? '',
          roundId: round.id,
          openedAt: round.opened_at,
          done: round.done,
          total: round.total,
          nextArrival: deadline ? { reservationId: deadline.reservationId, checkIn: deadline.checkIn } : null,
        };
      })
      // The most urgent first: the nearest arrival, then houses with none.
      .sort((a, b) => (a.nextArrival?.checkIn ?? '9999').localeCompare(b.nextArrival?.checkIn ?? '9999'));
    return {
      date: day,
      urgentWorkOrders: await this.#pressingWorkOrders(member, stays, day, names),
      arrivals: stays.filter((stay) => stay.checkIn === day),
      departures: stays.filter((stay) => stay.checkOut === day),
      inHouse: stays.filter((stay) => stay.checkIn < day && stay.checkOut > day),
      turnovers,
      notReady: turnovers.filter(
        (turnover) => turnover.nextArrival !== null && turnover.nextArrival.checkIn <= tomorrow,
      ),
    };
  }

  /** Urgent and high-priority work not done on houses a guest arrives at within two days. */
  async #pressingWorkOrders(
    member: Member,
    stays: { houseId: string; id: string; checkIn: string }[],
    day: string,
    names: Map<string, string>,
  ) {
    const firstArrival = new Map<string, { reservationId: string; checkIn: string }>();
    for (const stay of stays) {
      if (stay.checkIn < day || stay.checkIn > addDays(day, 2) || !names.has(stay.houseId)) continue;
      const known = firstArrival.get(stay.houseId);
      if (!known || stay.checkIn < known.checkIn) {
        firstArrival.set(stay.houseId, { reservationId: stay.id, checkIn: stay.checkIn });
      }
    }
    const issues = await this.#maintenance.pressingOn(member.organizationId, [...firstArrival.keys()]);
    return issues
      .map((issue) => ({
        issueId: issue.id,
        houseId: issue.house_id,
        houseName: names.get(issue.house_id) ?? '',
        type: issue.type,
        title: issue.title,
        priority: issue.priority,
        status: issue.status,
        dueDate: issue.due_date,
        nextArrival: firstArrival.get(issue.house_id) ?? { reservationId: '', checkIn: day },
      }))
      .sort(
        (a, b) =>
          a.nextArrival.checkIn.localeCompare(b.nextArrival.checkIn) ||
          (a.priority === b.priority ? 0 : a.priority === 'urgent' ? -1 : 1),
      );
  }

  async #stays(member: Member, from: string, to: string) {
    const stays = [];
    let cursor: string | undefined;
    do {
      const page = await this.#reservations.list(member, { from, to, limit: 200, cursor });
      stays.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return stays;
  }
}
