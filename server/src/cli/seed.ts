import sharp from 'sharp';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { addDays } from '../kernel/dates.ts';
import { listMemberships } from '../modules/auth/auth.repository.ts';
import { createServices } from '../services.ts';

export const DEMO_EMAIL = 'demo@staykeep.example';
export const DEMO_PASSWORD = 'villas au soleil';

/** The demo houses' prices, which their stays charge too. */
const nightlyPrice = (index: number) => 160 + index * 40;

/**
 * A small deterministic random sequence (mulberry32), so every demo looks the
 * same. 32-bit integer steps: a plain multiply-and-modulo in doubles loses
 * precision, and its low bits repeat, which gave every stay the same guest.
 */
function sequence(seed: number) {
  let state = seed >>> 0;
  return (low: number, high: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    const unit = ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
    return low + Math.floor(unit * (high - low + 1));
  };
}

const GUESTS = [
  {
    name: 'Camille Martin',
    email: 'camille.martin@example.org',
    phone: '+33 6 11 22 33 44',
    nationality: 'FR',
  },
  {
    name: 'Lucas Bernard',
    email: 'lucas.bernard@example.org',
    phone: '+33 6 55 66 77 88',
    nationality: 'FR',
  },
  { name: 'Emma Wilson', email: 'emma.wilson@example.com', phone: '+44 7700 900123', nationality: 'GB' },
  { name: 'Jonas Becker', email: 'jonas.becker@example.de', phone: '+49 151 23456789', nationality: 'DE' },
  { name: 'Sofia Rossi', email: 'sofia.rossi@example.it', phone: '+39 333 1234567', nationality: 'IT' },
  { name: 'Chloé Dubois', email: null, phone: '+33 7 12 34 56 78', nationality: 'FR' },
  { name: 'Noah Janssen', email: 'noah.janssen@example.nl', phone: null, nationality: 'NL' },
  { name: 'Inès Moreau', email: 'ines.moreau@example.org', phone: '+33 6 98 76 54 32', nationality: 'FR' },
] as const;

export type DemoLanguage = 'fr' | 'en';

/** The month `months` months from the one `date` is in, as YYYY-MM. */
function addMonths(date: string, months: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The words of the demo in each language; guests' and places' names stay as they are. */
const WORDING = {
  en: {
    instance: 'Staykeep demo',
    manager: 'Demo Manager',
    poolLiner: 'Pool liner to replace',
    poolLinerDetail: 'The liner is torn along the steps; the pool cannot be used until it is replaced.',
    ownerStay: 'Owner stay',
    boiler: 'Boiler service',
    boilerNote: 'Annual service, burner cleaned, flue checked.',
    supplies: 'Cleaning products and linen',
    utilities: 'Water and electricity',
    insurance: 'Insurance of the houses',
    contractChange: 'New terms: cleaning of the apartment included',
    leak: 'Water leak under the kitchen sink',
    leakDetail: 'The guests found water on the floor this morning.',
    socket: 'Terrace socket does not work',
  },
  fr: {
    instance: 'Démo Staykeep',
    manager: 'Gérance démo',
    poolLiner: 'Liner de la piscine à remplacer',
    poolLinerDetail: 'Le liner est déchiré le long des marches : piscine inutilisable jusqu’au remplacement.',
    ownerStay: 'Séjour du propriétaire',
    boiler: 'Entretien de la chaudière',
    boilerNote: 'Entretien annuel, brûleur nettoyé, conduit vérifié.',
    supplies: 'Produits d’entretien et linge',
    utilities: 'Eau et électricité',
    insurance: 'Assurance des maisons',
    contractChange: 'Nouvelles conditions : ménage de l’appartement compris',
    leak: 'Fuite d’eau sous l’évier de la cuisine',
    leakDetail: 'Les clients ont trouvé de l’eau par terre ce matin.',
    socket: 'La prise de la terrasse ne fonctionne pas',
  },
} satisfies Record<DemoLanguage, Record<string, string>>;

/**
 * The language of the terminal (LC_ALL, LC_MESSAGES, then LANG, as POSIX
 * programs read it): French for fr_*, English otherwise.
 */
export function terminalLanguage(env: NodeJS.ProcessEnv = process.env): DemoLanguage {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/**
 * Demonstration data, made through the services like any user's data: an
 * account (printed below), five houses maison-1…maison-5 named Mv1…Mv5, a
 * year of stays around today, a few blocks, and the cleaning rounds after
 * each past departure. Everything is worded in `language`: the account's and
 * its organization's language, so the default checklist comes in it too.
 *
 * The demo account is the instance administrator when it is the instance's
 * first account, so that the administration page can be looked at. On an
 * instance that already has accounts it is an ordinary account: a password
 * printed in the README must not administer someone's real instance.
 * Running it twice changes nothing the second time.
 */
export async function seedDemo(
  database: Database,
  config: Config,
  language: DemoLanguage = 'en',
): Promise<string[]> {
  const { db } = database;
  const words = WORDING[language];

  // Check-outs and cleanings of the past happen at their own dates, so rounds and logs read like a real history.
  let clock: Date | null = null;
  const services = createServices({
    database,
    config,
    log: { warn: () => {}, info: () => {}, error: () => {} } as never,
    now: () => clock ?? new Date(),
  });
  const outcome = await services.auth.createAccount({
    email: DEMO_EMAIL,
    password: DEMO_PASSWORD,
    name: words.manager,
    instanceAdmin: 'if-first',
    locale: language,
  });
  const user = await db
    .selectFrom('users')
    .select(['id', 'instance_admin', 'locale'])
    .where('email', '=', DEMO_EMAIL)
    .executeTakeFirstOrThrow();
  const lines = [
    `account: ${DEMO_EMAIL} / ${DEMO_PASSWORD} (language: ${user.locale})`,
    user.instance_admin
      ? 'the demo account is the instance administrator (page Administration)'
      : 'the instance already had accounts: the demo account does not administer it',
  ];
  if (outcome !== 'created') return [...lines, 'the demo data was already there: nothing added'];

  // A fresh instance is the demo's own and takes its name; an instance that had accounts keeps its name.
  if (user.instance_admin) {
    await db
      .updateTable('instance_settings')
      .set({ value: JSON.stringify(words.instance), updated_at: new Date().toISOString() })
      .where('key', '=', 'name')
      .execute();
    lines.push(`instance name: ${words.instance}`);
  }

  const [membership] = await listMemberships(db, user.id);
  if (!membership) throw new Error('the demo account has no organization');
  const member = { userId: user.id, organizationId: membership.organizationId, role: membership.role };

  /** A photo of the problem, drawn here: a wall, a band and a stain, in the given colours. */
  async function attachPhoto(issueId: string, fileName: string, background: string, stain: string) {
    const drawing = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900">
      <rect width="1200" height="900" fill="${background}"/>
      <rect y="520" width="1200" height="60" fill="#8a8a8a"/>
      <ellipse cx="600" cy="700" rx="360" ry="90" fill="${stain}"/></svg>`;
    const data = await sharp(Buffer.from(drawing)).jpeg({ quality: 80 }).toBuffer();
    await services.files.attach(member, 'maintenance_issue', issueId, { data, fileName, kind: 'photo' });
  }

  const today = new Date().toISOString().slice(0, 10);
  // The houses came into use a year ago, before their first stays, and were prepared for them: the
  // dashboard compares each month with the same month a year before.
  const inUseSince = `${addDays(today, -367)}T08:00:00.000Z`;
  clock = new Date(inUseSince);
  const site = await services.houses.createSite(member, {
    name: 'Domaine des Oliviers',
    address: 'Ramatuelle',
  });
  const houses = [];
  for (let i = 1; i <= 5; i++) {
    houses.push(
      await services.houses.create(member, {
        code: `maison-${i}`,
        name: `Mv${i}`,
        type: i === 5 ? 'apartment' : 'villa',
        maxGuests: i === 5 ? 4 : 6 + i,
        nightlyPrice: String(nightlyPrice(i - 1)),
        siteId: i <= 3 ? site.id : null,
        location: i <= 3 ? 'Ramatuelle' : 'Saint-Tropez',
      }),
    );
  }
  clock = null;
  // Work orders that make a house unusable block its calendar: placed before the stays, which go around them.
  const pool = await services.maintenance.create(member, {
    houseId: houses[0]?.id ?? '',
    type: 'pool',
    title: words.poolLiner,
    description: words.poolLinerDetail,
    priority: 'high',
    assigneeName: 'Piscines du Golfe',
    assigneePhone: '+33 4 94 00 00 00',
    dueDate: addDays(today, 22),
    block: { start: addDays(today, 20), end: addDays(today, 23) },
  });
  await services.maintenance.update(member, pool.id, { status: 'in_progress', materialsCost: '640.00' });
  await attachPhoto(pool.id, 'liner.jpg', '#3a8fc1', '#f2f2f2');
  // The boiler was serviced a month ago, on the dates it blocked.
  clock = new Date(`${addDays(today, -34)}T09:00:00.000Z`);
  const boiler = await services.maintenance.create(member, {
    houseId: houses[4]?.id ?? '',
    type: 'heating',
    title: words.boiler,
    priority: 'normal',
    assigneeName: 'Chauffage Varois',
    block: { start: addDays(today, -30), end: addDays(today, -28) },
  });
  clock = new Date(`${addDays(today, -28)}T16:00:00.000Z`);
  await services.maintenance.update(member, boiler.id, {
    status: 'resolved',
    laborCost: '145.00',
    materialsCost: '38.50',
    resolutionNote: words.boilerNote,
  });
  clock = null;
  await services.calendar.createBlock(member, {
    houseId: houses[2]?.id ?? '',
    start: addDays(today, 45),
    end: addDays(today, 52),
    kind: 'owner',
    note: words.ownerStay,
  });

  // Regular guests come back: each is one guest record, linked to all their stays.
  const guests = [];
  for (const guest of GUESTS) guests.push(await services.guests.create(member, guest));

  /** The team ticks the house's checklist two hours after a departure (or its opening), a step every few minutes. */
  async function clean(houseId: string, departedAt: string, share = 1): Promise<void> {
    const list = await services.checklists.checklist(member, houseId);
    const items = list.categories.flatMap((category) => category.items);
    clock = new Date(Date.parse(departedAt) + 2 * 3_600_000);
    for (const item of items.slice(0, Math.round(items.length * share))) {
      clock = new Date(clock.getTime() + 4 * 60_000);
      await services.checklists.toggle(member, houseId, item.id, true);
    }
    clock = null;
  }

  for (const house of houses) await clean(house.id, inUseSince);

  /** When a guest checks in: mid-afternoon of the arrival, never later than now. */
  const arrivalTime = (day: string) => new Date(Math.min(Date.parse(`${day}T15:00:00.000Z`), Date.now()));

  const random = sequence(20_261_122);
  let stays = 0;
  for (const [index, house] of houses.entries()) {
    // The last departure's cleaning waits until the next arrival, to know whether it is the latest.
    let uncleaned: string | null = null;
    const nightly = nightlyPrice(index);
    let day = addDays(today, -365 + random(0, 3));
    const end = addDays(today, 185);
    while (day < end) {
      const nights = random(2, 9);
      const checkOut = addDays(day, nights);
      const guest = guests[random(0, guests.length - 1)] ?? guests[0];
      const price = nights * nightly;
      // Mv1 and Mv2 show a turnover under way and one not started: nobody is staying in them today.
      if (index < 2 && day <= today && checkOut > today) {
        day = addDays(today, 1);
        continue;
      }
      if (await services.calendar.isTaken(member, house.id, day, checkOut)) {
        day = addDays(day, 1);
        continue;
      }
      const created = await services.reservations.create(member, {
        houseId: house.id,
        guestId: guest?.id,
        checkIn: day,
        checkOut,
        guests: random(1, house.maxGuests),
        source: (['direct', 'airbnb', 'booking', 'vrbo'] as const)[random(0, 3)],
        totalPrice: price.toFixed(2),
        // Only stays still to come may be waiting for confirmation.
        status: day <= today || random(0, 3) > 0 ? 'confirmed' : 'pending',
      });
      stays += 1;
      // Guests pay an advance of 30 % a month ahead (or on booking), and a deposit of some houses.
      const advance = Math.round(price * 30) / 100;
      const booked = addDays(day, -30) < today ? addDays(day, -30) : today;
      if (created.status === 'confirmed') {
        await services.finance.recordPayment(member, created.id, {
          date: booked,
          amount: advance.toFixed(2),
          kind: 'advance',
          method: 'bank_transfer',
        });
        if (index < 2) {
          await services.finance.recordPayment(member, created.id, {
            date: booked,
            amount: '500.00',
            kind: 'deposit',
            method: 'card',
          });
        }
      }
      // The past has been lived: stays that ended are checked out, the current one checked in.
      if (created.status === 'confirmed' && day <= today) {
        // The house was cleaned after the previous guests, before these arrived.
        if (uncleaned) await clean(house.id, uncleaned);
        uncleaned = null;
        clock = arrivalTime(day);
        await services.reservations.update(member, created.id, { status: 'checked_in' });
        // The balance is paid on arrival; the current guests of the third house still owe it.
        if (!(index === 2 && checkOut > today)) {
          await services.finance.recordPayment(member, created.id, {
            date: day,
            amount: (price - advance).toFixed(2),
            kind: 'balance',
            method: 'card',
          });
        }
        clock = null;
        if (checkOut <= today && index < 2) {
          await services.finance.recordPayment(member, created.id, {
            date: checkOut,
            amount: '500.00',
            kind: 'deposit_return',
            method: 'card',
          });
        }
        if (checkOut <= today) {
          uncleaned = `${checkOut}T10:30:00.000Z`;
          clock = new Date(uncleaned);
          await services.reservations.update(member, created.id, { status: 'checked_out' });
          clock = null;
        }
      }
      day = addDays(checkOut, random(0, 6));
    }
    // Today, with nobody in them: the first house's cleaning is under way, the second's not
    // started, the others are ready. A house with guests in it was cleaned before they came.
    if (uncleaned && index !== 1) await clean(house.id, uncleaned, index === 0 ? 0.5 : 1);
  }

  // What the houses cost each month, and the insurance of the whole organization; the
  // month before last is closed, as the accountant has it.
  for (let month = 12; month >= 1; month--) {
    const first = `${addMonths(today, -month)}-01`;
    for (const [index, house] of houses.entries()) {
      await services.finance.create(member, {
        houseId: house.id,
        date: addDays(first, 4),
        type: 'expense',
        category: 'supplies',
        description: words.supplies,
        amount: (85 + index * 12.5).toFixed(2),
      });
      await services.finance.create(member, {
        houseId: house.id,
        date: addDays(first, 14),
        type: 'expense',
        category: 'utilities',
        description: words.utilities,
        amount: (140 + index * 21.3).toFixed(2),
      });
    }
  }
  await services.finance.create(member, {
    houseId: null,
    date: `${addMonths(today, -5)}-10`,
    type: 'expense',
    category: 'insurance',
    description: words.insurance,
    amount: '2480.00',
  });
  // The owners' contracts: the manager takes 20 % of accommodation, and from three months ago 18 %
  // of the apartment's, plus 5 % of all its income. Made before the close, which then keeps them.
  for (const house of houses) {
    await services.statements.createContract(member, house.id, {
      effectiveFrom: inUseSince.slice(0, 7),
      accommodationRate: '20',
      incomeRate: '0',
    });
  }
  await services.statements.createContract(member, houses[4]?.id ?? '', {
    effectiveFrom: addMonths(today, -3),
    accommodationRate: '18',
    incomeRate: '5',
    note: words.contractChange,
  });
  await services.finance.close(member, addMonths(today, -2));

  // Problems found since: an urgent leak a guest reported, a socket nobody has looked at yet.
  const leak = await services.maintenance.create(member, {
    houseId: houses[1]?.id ?? '',
    type: 'plumbing',
    title: words.leak,
    description: words.leakDetail,
    priority: 'urgent',
    reportedByGuest: true,
  });
  await attachPhoto(leak.id, 'leak.jpg', '#d9c4a3', '#3d7bd9');
  await services.maintenance.create(member, {
    houseId: houses[3]?.id ?? '',
    type: 'electrical',
    title: words.socket,
    priority: 'normal',
  });

  return [
    ...lines,
    `5 houses (maison-1…maison-5), ${stays} stays from a year ago to six months ahead, an owner's stay`,
    '4 work orders: a pool liner to replace (blocking maison-1), a resolved boiler service, an urgent leak, a socket',
    'payments of every stay (advances, balances, deposits) in the ledger, monthly expenses, the month before last closed',
    "owners' contracts (20 % of accommodation; maison-5 changed three months ago): statements under Finance",
    'the default checklist, with a turnover under way in maison-1 and not started in maison-2',
  ];
}
