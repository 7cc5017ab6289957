import { describe, expect, it } from 'vitest';
import type { Tx } from '../db/database.ts';
import { DomainEventBus } from './events.ts';

// The bus hands the publisher's transaction on untouched: any object stands for it here.
const tx = { id: 'the publisher’s transaction' } as unknown as Tx;
const house = { organizationId: 'o1', houseId: 'h1', now: '2026-12-02T10:00:00.000Z' };

describe('domain events', () => {
  it('runs every subscriber of an event, in the order registered, with the publisher’s transaction', async () => {
    const bus = new DomainEventBus();
    const calls: string[] = [];
    bus.on('house.created', async (given, event) => {
      calls.push(`first ${event.houseId} ${given === tx}`);
    });
    bus.on(['house.changed', 'house.created'], async (_, event) => {
      calls.push(`second ${event.houseId}`);
    });
    await bus.publish(tx, 'house.created', house);
    await bus.publish(tx, 'house.changed', house);
    await bus.publish(tx, 'house.deleted', house);
    expect(calls).toEqual(['first h1 true', 'second h1', 'second h1']);
  });

  it('fails the publisher when a subscriber fails, and runs none after it', async () => {
    const bus = new DomainEventBus();
    const calls: string[] = [];
    bus.on('house.created', async () => {
      throw new Error('the ledger refused');
    });
    bus.on('house.created', async () => {
      calls.push('after');
    });
    await expect(bus.publish(tx, 'house.created', house)).rejects.toThrow('the ledger refused');
    expect(calls).toEqual([]);
  });
});
