import type { Static } from 'typebox';
import { type Db, inTransaction } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { newId } from '../../db/ids.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { versionMismatch } from '../../http/versions.ts';
import type { Member } from '../../kernel/access.ts';
import type { DomainEventBus } from '../../kernel/events.ts';
import { normalizeEmail } from '../../kernel/secrets.ts';
import {
  deleteGuest,
  findGuestRow,
  type GuestRow,
  guestHasStays,
  insertGuest,
  listGuests,
  updateGuest,
} from './guests.repository.ts';
import type { GuestCreateBody, GuestListQuery, GuestUpdateBody } from './guests.schemas.ts';

const ANONYMIZED_NAME = 'Anonymized guest';
const regions = new Intl.DisplayNames(['en'], { type: 'region' });

const noSuchGuest = () => notFound('No such guest.');
const emailTaken = () => conflict('guest-email-taken', 'Another guest already has this email.');

function guestView(row: GuestRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    nationality: row.nationality,
    notes: row.notes,
    anonymizedAt: row.anonymized_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** An ISO 3166-1 alpha-2 code of a real region, upper-cased; a 400 otherwise. */
function nationality(code: string | null | undefined): string | null | undefined {
  if (code === undefined || code === null) return code;
  const upper = code.toUpperCase();
  if (regions.of(upper) === upper) {
    throw badRequest('The request is not valid.', [fieldError('body.nationality', 'invalid-country')]);
  }
  return upper;
}

/**
 * A guest's stays as the caller may see them, for the export: stays are the
 * reservations module's, which sits above this one, so it is handed in at
 * composition rather than imported.
 */
export type StaysOfGuest = (member: Member, guestId: string) => Promise<unknown[]>;

export class GuestsService {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #staysOf: StaysOfGuest;
  readonly #events: DomainEventBus;

  constructor(options: { db: Db; now: () => Date; staysOf: StaysOfGuest; events: DomainEventBus }) {
    this.#db = options.db;
    this.#now = options.now;
    this.#staysOf = options.staysOf;
    this.#events = options.events;
  }

  async list(member: Member, query: Static<typeof GuestListQuery>) {
    const after = decodeCursor(query.cursor, ['text', 'id']);
    const rows = await listGuests(this.#db, {
      organizationId: member.organizationId,
      search: query.search?.trim().toLowerCase(),
      after: after ? [String(after[0]), String(after[1])] : undefined,
      limit: query.limit + 1,
    });
    const result = page(rows, query.limit, (row) => [row.name, row.id]);
    return { items: result.items.map(guestView), nextCursor: result.nextCursor };
  }

  async get(member: Member, guestId: string) {
    const row = await findGuestRow(this.#db, member.organizationId, guestId);
    if (!row) throw noSuchGuest();
    return guestView(row);
  }

  async create(member: Member, input: Static<typeof GuestCreateBody>) {
    const id = newId();
    const country = nationality(input.nationality) ?? null;
    try {
      await inTransaction(this.#db, (tx) =>
        insertGuest(tx, {
          id,
          organizationId: member.organizationId,
          name: input.name.trim(),
          email: input.email ? normalizeEmail(input.email) : null,
          phone: input.phone?.trim() || null,
          nationality: country,
          notes: input.notes ?? null,
          now: this.#now().toISOString(),
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
    return this.get(member, id);
  }

  async update(member: Member, guestId: string, input: Static<typeof GuestUpdateBody>, expected?: number) {
    const changes = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.email !== undefined ? { email: input.email ? normalizeEmail(input.email) : null } : {}),
      ...(input.phone !== undefined ? { phone: input.phone?.trim() || null } : {}),
      ...(input.nationality !== undefined ? { nationality: nationality(input.nationality) ?? null } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
    };
    try {
      await inTransaction(this.#db, async (tx) => {
        const current = await findGuestRow(tx, member.organizationId, guestId);
        if (!current) throw noSuchGuest();
        if (expected !== undefined && expected !== current.version) throw versionMismatch(current.version);
        if (current.anonymized_at)
          throw conflict('guest-anonymized', 'This guest was anonymized and cannot be edited.');
        const key = { organizationId: member.organizationId, id: guestId, version: current.version };
        if (!(await updateGuest(tx, key, changes, this.#now().toISOString())))
          throw versionMismatch(current.version);
        if (changes.name !== undefined && changes.name !== current.name) {
          await this.#events.publish(tx, 'guest.renamed', {
            organizationId: member.organizationId,
            guestId,
            name: changes.name,
          });
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
    return this.get(member, guestId);
  }

  /** A guest entered by mistake; one with stays is anonymized instead, so the stays and money stay. */
  async delete(member: Member, guestId: string, expected?: number): Promise<void> {
    await inTransaction(this.#db, async (tx) => {
      const current = await findGuestRow(tx, member.organizationId, guestId);
      if (!current) throw noSuchGuest();
      if (expected !== undefined && expected !== current.version) throw versionMismatch(current.version);
      if (await guestHasStays(tx, guestId)) {
        throw conflict(
          'guest-has-reservations',
          'This guest has stays: anonymize them instead of deleting them.',
        );
      }
      await deleteGuest(tx, member.organizationId, guestId);
    });
  }

  /**
   * The right to erasure: the person disappears (name, email, phone,
   * nationality, notes), their stays and the money stay, and the erasure is
   * recorded.
   */
  async anonymize(member: Member, guestId: string) {
    const now = this.#now().toISOString();
    await inTransaction(this.#db, async (tx) => {
      const current = await findGuestRow(tx, member.organizationId, guestId);
      if (!current) throw noSuchGuest();
      if (current.anonymized_at) return;
      const key = { organizationId: member.organizationId, id: guestId, version: current.version };
      const erased = {
        name: ANONYMIZED_NAME,
        email: null,
        phone: null,
        nationality: null,
        notes: null,
        anonymized_at: now,
      };
      if (!(await updateGuest(tx, key, erased, now))) throw versionMismatch(current.version);
      await this.#events.publish(tx, 'guest.renamed', {
        organizationId: member.organizationId,
        guestId,
        name: ANONYMIZED_NAME,
      });
      // What the audit log and the notifications recorded of the guest goes too.
      await this.#events.publish(tx, 'guest.anonymized', {
        organizationId: member.organizationId,
        guestId,
        formerName: current.name,
        placeholder: ANONYMIZED_NAME,
      });
    });
    return this.get(member, guestId);
  }

  /** Everything held about a guest (the right of access): their record and every stay. */
  async export(member: Member, guestId: string) {
    const guest = await this.get(member, guestId);
    const reservations = await this.#staysOf(member, guestId);
    return { exportedAt: this.#now().toISOString(), guest, reservations };
  }
}
