import { describe, expect, it } from 'vitest';
import { centsToAmount, entityLink, entityName, fieldChanges, valueKind } from './audit.ts';

describe('fieldChanges', () => {
  const before = { name: 'Mas des Oliviers', maxGuests: 6, tags: ['pool'], notes: null, version: 1 };

  it('keeps only the fields an update changed, in the order recorded', () => {
    const after = { ...before, name: 'Mas des Pins', tags: ['pool', 'sea'], version: 2 };
    expect(fieldChanges({ before, after })).toEqual([
      { field: 'name', before: 'Mas des Oliviers', after: 'Mas des Pins', changed: true },
      { field: 'tags', before: ['pool'], after: ['pool', 'sea'], changed: true },
      { field: 'version', before: 1, after: 2, changed: true },
    ]);
  });

  it('shows every field when asked, the unchanged ones unmarked', () => {
    const after = { ...before, name: 'Mas des Pins' };
    const every = fieldChanges({ before, after }, true);
    expect(every.map((change) => [change.field, change.changed])).toEqual([
      ['name', true],
      ['maxGuests', false],
      ['tags', false],
      ['notes', false],
      ['version', false],
    ]);
  });

  it('counts a field on one side only as changed', () => {
    expect(fieldChanges({ before: { a: 1 }, after: { a: 1, b: null } })).toEqual([
      { field: 'b', before: undefined, after: null, changed: true },
    ]);
  });

  it('lists every field of a creation and of a deletion', () => {
    expect(fieldChanges({ before: null, after: before }).map((change) => change.field)).toEqual(
      Object.keys(before),
    );
    expect(fieldChanges({ before, after: null }).every((change) => change.changed)).toBe(true);
  });
});

describe('valueKind', () => {
  it('reads cents only in a field named …Cents', () => {
    expect(valueKind('totalCents', 128000)).toEqual({ kind: 'money', cents: 128000 });
    expect(valueKind('maxGuests', 6)).toEqual({ kind: 'number', value: 6 });
  });

  it('tells instants, days, booleans, nothing and text apart', () => {
    expect(valueKind('createdAt', '2026-12-03T20:16:50.113Z').kind).toBe('instant');
    expect(valueKind('checkIn', '2027-06-04').kind).toBe('date');
    expect(valueKind('held', false)).toEqual({ kind: 'boolean', value: false });
    expect(valueKind('notes', null).kind).toBe('none');
    expect(valueKind('checkInTime', '16:00')).toEqual({ kind: 'text', value: '16:00' });
    expect(valueKind('tags', ['a'])).toEqual({ kind: 'text', value: '["a"]' });
  });
});

describe('centsToAmount', () => {
  it('writes cents as an amount, negative ones too', () => {
    expect(centsToAmount(128000)).toBe('1280.00');
    expect(centsToAmount(5)).toBe('0.05');
    expect(centsToAmount(-1250)).toBe('-12.50');
  });
});

describe('entityLink', () => {
  const entry = (entityType: string, fields: Record<string, unknown> = {}, action = 'update') => ({
    entityType,
    entityId: 'e1',
    action,
    before: fields,
    after: fields,
  });

  it('links an entity to its own page while it exists', () => {
    expect(entityLink(entry('reservation'))).toBe('/reservations/e1');
    expect(entityLink(entry('house'))).toBe('/houses/e1');
    expect(entityLink(entry('maintenance_issue'))).toBe('/maintenance/e1');
    expect(entityLink(entry('ledger_entry'))).toBe('/finance/entries/e1');
    expect(entityLink(entry('house', {}, 'delete'))).toBeUndefined();
  });

  it('links what has no page of its own to what it belongs to', () => {
    expect(entityLink(entry('payment', { reservationId: 'r1' }))).toBe('/reservations/r1');
    expect(entityLink(entry('channel', { houseId: 'h1' }))).toBe('/houses/h1/channels');
    expect(entityLink({ ...entry('ical_export'), entityId: 'h2:airbnb' })).toBe('/houses/h2/channels');
    expect(entityLink(entry('audit_log'))).toBeUndefined();
  });
});

describe('entityName', () => {
  it('names an entity from what was recorded, the latest side first', () => {
    expect(
      entityName({
        entityType: 'house',
        before: { name: 'Mas des Oliviers' },
        after: { name: 'Mas des Pins' },
      }),
    ).toBe('Mas des Pins');
    expect(entityName({ entityType: 'house', before: { name: 'Mas' }, after: null })).toBe('Mas');
    expect(entityName({ entityType: 'reservation', before: null, after: { guestName: 'Camille' } })).toBe(
      'Camille',
    );
    expect(entityName({ entityType: 'checklist_tick', before: {}, after: {} })).toBeUndefined();
  });
});
