import { fromCents } from '../../http/money.ts';

/**
 * What each notification says, in French or English. Who reads it decides
 * what it may hold: managers see the guest's name (and, for a balance, the
 * amount); owners and staff see the house and the dates, never a guest's
 * name, contact details or money. No message ever holds a guest's email or
 * phone: the link leads to them, for whoever may see them.
 */
export type MessageLocale = 'en' | 'fr';
export type Audience = 'manager' | 'owner' | 'staff';

export interface Message {
  title: string;
  body: string;
}

export const messageLocale = (locale: string | null | undefined): MessageLocale =>
  locale === 'fr' ? 'fr' : 'en';

const dateFormats = {
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  fr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
};

/** A calendar date as people write it: "12 Jul 2026", "12 juil. 2026". */
export function formatDate(locale: MessageLocale, date: string): string {
  return dateFormats[locale].format(new Date(`${date}T00:00:00Z`));
}

const range = (locale: MessageLocale, start: string, end: string) =>
  `${formatDate(locale, start)} → ${formatDate(locale, end)}`;

/** An amount in cents in the organization's currency, formatted from its decimal string (no float). */
export function formatMoney(locale: MessageLocale, cents: number, currency: string): string {
  const format = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency });
  // Intl reads a decimal string exactly.
  return format.format(fromCents(cents) as unknown as number);
}

const SOURCES: Record<string, string> = {
  direct: 'direct',
  airbnb: 'Airbnb',
  booking: 'Booking.com',
  vrbo: 'Vrbo',
  other: 'channel',
};

const house = (facts: { houseCode: string; houseName: string }) => `${facts.houseCode} · ${facts.houseName}`;

// --- stays -------------------------------------------------------------------------------

export interface StayFacts {
  houseCode: string;
  houseName: string;
  guestName: string;
  checkIn: string;
  checkOut: string;
  source: string;
  /** Before a move: its house code and dates. */
  previous?: { houseCode: string; checkIn: string; checkOut: string };
  /** Who did it: a member's name, or null for a channel's sync (then `source` names the channel). */
  actorName: string | null;
  /** Deleted rather than cancelled. */
  deleted?: boolean;
}

function byWhom(locale: MessageLocale, facts: StayFacts): string {
  if (facts.actorName) return locale === 'fr' ? `par ${facts.actorName}` : `by ${facts.actorName}`;
  const channel = SOURCES[facts.source] ?? facts.source;
  return locale === 'fr' ? `depuis ${channel}` : `from ${channel}`;
}

export function stayMessage(
  kind: 'stay_created' | 'stay_changed' | 'stay_cancelled',
  locale: MessageLocale,
  audience: Audience,
  facts: StayFacts,
): Message {
  // The guest's name is for the managers; the others learn of the house's nights.
  const who = audience === 'manager' ? ` · ${facts.guestName}` : '';
  const dates = range(locale, facts.checkIn, facts.checkOut);
  const by = byWhom(locale, facts);
  const fr = locale === 'fr';
  switch (kind) {
    case 'stay_created':
      return {
        title: fr ? `Nouveau séjour : ${facts.houseCode}${who}` : `New stay: ${facts.houseCode}${who}`,
        body: fr ? `${house(facts)}, ${dates}, ${by}.` : `${house(facts)}, ${dates}, ${by}.`,
      };
    case 'stay_changed': {
      const before = facts.previous
        ? `${facts.previous.houseCode !== facts.houseCode ? `${facts.previous.houseCode}, ` : ''}${range(locale, facts.previous.checkIn, facts.previous.checkOut)}`
        : '';
      return {
        title: fr ? `Séjour déplacé : ${facts.houseCode}${who}` : `Stay moved: ${facts.houseCode}${who}`,
        body: fr
          ? `${house(facts)}, désormais ${dates}${before ? ` (avant : ${before})` : ''}, ${by}.`
          : `${house(facts)}, now ${dates}${before ? ` (was ${before})` : ''}, ${by}.`,
      };
    }
    case 'stay_cancelled':
      return {
        title: facts.deleted
          ? fr
            ? `Séjour supprimé : ${facts.houseCode}${who}`
            : `Stay deleted: ${facts.houseCode}${who}`
          : fr
            ? `Séjour annulé : ${facts.houseCode}${who}`
            : `Stay cancelled: ${facts.houseCode}${who}`,
        body: fr
          ? `${house(facts)}, ${dates}, ${by}. Ces nuits sont libres.`
          : `${house(facts)}, ${dates}, ${by}. These nights are free again.`,
      };
  }
}

// --- channels ------------------------------------------------------------------------------

export function channelConflictMessage(
  locale: MessageLocale,
  facts: {
    houseCode: string;
    houseName: string;
    channelName: string;
    ranges: { start: string; end: string }[];
  },
): Message {
  const ranges = facts.ranges.map((each) => range(locale, each.start, each.end)).join(', ');
  if (locale === 'fr') {
    return {
      title: `Conflit de calendrier : ${facts.houseName} (${facts.channelName})`,
      body: `Le calendrier « ${facts.channelName} » de ${house(facts)} contient des dates déjà prises : ${ranges}. Rien n’a été supprimé : réglez le conflit en annulant ou en déplaçant l’un des deux.`,
    };
  }
  return {
    title: `Calendar conflict: ${facts.houseName} (${facts.channelName})`,
    body: `The "${facts.channelName}" calendar of ${house(facts)} holds dates already taken: ${ranges}. Nothing was removed: settle it by cancelling or moving one of them.`,
  };
}

const SYNC_ERRORS: Record<MessageLocale, Record<string, string>> = {
  en: {
    fetch_failed: 'the address could not be reached',
    timeout: 'the channel took too long to answer',
    http_status: 'the channel answered with an error',
    not_calendar: 'the address does not give a calendar',
    empty_feed: 'the calendar came back empty',
    too_many_cancellations: 'it would cancel more than half of the stays to come',
  },
  fr: {
    fetch_failed: 'l’adresse est injoignable',
    timeout: 'le canal a mis trop de temps à répondre',
    http_status: 'le canal a répondu par une erreur',
    not_calendar: 'l’adresse ne donne pas un calendrier',
    empty_feed: 'le calendrier est revenu vide',
    too_many_cancellations: 'il annulerait plus de la moitié des séjours à venir',
  },
};

export function channelErrorMessage(
  locale: MessageLocale,
  facts: { houseCode: string; houseName: string; channelName: string; code: string },
): Message {
  const reason = SYNC_ERRORS[locale][facts.code];
  if (locale === 'fr') {
    return {
      title: `Canal en erreur : ${facts.houseName} (${facts.channelName})`,
      body: `Le calendrier « ${facts.channelName} » de ${house(facts)} n’a pas pu être lu${reason ? ` : ${reason}` : ''}. Rien n’a été changé ; il sera relu à la prochaine synchronisation.`,
    };
  }
  return {
    title: `Channel in error: ${facts.houseName} (${facts.channelName})`,
    body: `The "${facts.channelName}" calendar of ${house(facts)} could not be read${reason ? `: ${reason}` : ''}. Nothing was changed; it will be read again at the next sync.`,
  };
}

// --- work orders ---------------------------------------------------------------------------

export interface WorkOrderFacts {
  houseCode: string;
  houseName: string;
  title: string;
  priority: string;
  actorName: string | null;
}

const PRIORITIES: Record<MessageLocale, Record<string, string>> = {
  en: { low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' },
  fr: { low: 'basse', normal: 'normale', high: 'haute', urgent: 'urgente' },
};

export function workOrderMessage(
  kind: 'work_order_reported' | 'work_order_assigned' | 'work_order_urgent' | 'work_order_resolved',
  locale: MessageLocale,
  facts: WorkOrderFacts,
): Message {
  const fr = locale === 'fr';
  const what = `${facts.houseCode} · ${facts.title}`;
  const by = facts.actorName ? (fr ? ` par ${facts.actorName}` : ` by ${facts.actorName}`) : '';
  const priority = PRIORITIES[locale][facts.priority] ?? facts.priority;
  switch (kind) {
    case 'work_order_reported':
      return {
        title: fr ? `Intervention signalée : ${what}` : `Work order reported: ${what}`,
        body: fr
          ? `${facts.houseName} : « ${facts.title} », priorité ${priority}, signalée${by}.`
          : `${facts.houseName}: "${facts.title}", ${priority} priority, reported${by}.`,
      };
    case 'work_order_assigned':
      return {
        title: fr ? `Intervention pour vous : ${what}` : `Assigned to you: ${what}`,
        body: fr
          ? `${facts.houseName} : « ${facts.title} », priorité ${priority}, vous a été confiée${by}.`
          : `${facts.houseName}: "${facts.title}", ${priority} priority, was assigned to you${by}.`,
      };
    case 'work_order_urgent':
      return {
        title: fr ? `Urgent : ${what}` : `Urgent: ${what}`,
        body: fr
          ? `${facts.houseName} : « ${facts.title} » est urgente${by}.`
          : `${facts.houseName}: "${facts.title}" is urgent${by}.`,
      };
    case 'work_order_resolved':
      return {
        title: fr ? `Intervention terminée : ${what}` : `Work order resolved: ${what}`,
        body: fr
          ? `${facts.houseName} : « ${facts.title} » a été résolue${by}.`
          : `${facts.houseName}: "${facts.title}" was resolved${by}.`,
      };
  }
}

// --- reminders -----------------------------------------------------------------------------

export interface ArrivalFacts {
  houseCode: string;
  houseName: string;
  guestName: string;
  checkIn: string;
  checkInTime: string;
  /** The turnover's progress: items done of all. */
  done: number;
  total: number;
}

export function houseNotReadyMessage(
  locale: MessageLocale,
  audience: Audience,
  facts: ArrivalFacts,
): Message {
  const guest = audience === 'manager' ? facts.guestName : null;
  const when = `${formatDate(locale, facts.checkIn)} ${facts.checkInTime}`;
  if (locale === 'fr') {
    return {
      title: `Pas prête : ${facts.houseCode} avant une arrivée`,
      body: `${house(facts)} n’est pas prête pour ${guest ?? 'les prochains voyageurs'}, attendus le ${when} ; ménage ${facts.done}/${facts.total}.`,
    };
  }
  return {
    title: `Not ready: ${facts.houseCode} before an arrival`,
    body: `${house(facts)} is not ready for ${guest ?? 'the next guests'}, due ${when}; turnover ${facts.done}/${facts.total} done.`,
  };
}

export function turnoverOverdueMessage(
  locale: MessageLocale,
  audience: Audience,
  facts: ArrivalFacts,
): Message {
  const guest = audience === 'manager' ? facts.guestName : null;
  const when = `${formatDate(locale, facts.checkIn)} ${facts.checkInTime}`;
  if (locale === 'fr') {
    return {
      title: `Ménage en retard : ${facts.houseCode}`,
      body: `Le ménage de ${house(facts)} n’était pas fini à l’arrivée de ${guest ?? 'des voyageurs'} (${when}) : ${facts.done}/${facts.total}.`,
    };
  }
  return {
    title: `Turnover overdue: ${facts.houseCode}`,
    body: `The turnover of ${house(facts)} was not finished when ${guest ?? 'the guests'} were due (${when}): ${facts.done}/${facts.total} done.`,
  };
}

/** For managers only: the one message that holds an amount. */
export function balanceDueMessage(
  locale: MessageLocale,
  facts: ArrivalFacts & { dueCents: number; currency: string },
): Message {
  const amount = formatMoney(locale, facts.dueCents, facts.currency);
  const when = `${formatDate(locale, facts.checkIn)} ${facts.checkInTime}`;
  if (locale === 'fr') {
    return {
      title: `Solde dû : ${facts.guestName}, ${facts.houseCode}`,
      body: `${facts.guestName} arrive à ${house(facts)} le ${when} ; il reste ${amount} à encaisser.`,
    };
  }
  return {
    title: `Balance due: ${facts.guestName}, ${facts.houseCode}`,
    body: `${facts.guestName} arrives at ${house(facts)} on ${when} with ${amount} still to pay.`,
  };
}
