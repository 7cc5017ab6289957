import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Graph,
  moduleCycles,
  serverGraph,
  sharedTables,
  tableWriters,
  violations,
} from './module-graph.ts';

const graph = (edges: Record<string, string[]>): Graph =>
  new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]));

describe('the module graph check', () => {
  it('fails on a deliberate cycle between two modules of real source files', async () => {
    const fixture = await serverGraph(path.join(import.meta.dirname, 'fixtures/cycle'));
    expect(fixture.get('stays')).toEqual(new Set(['cleaning']));
    expect(moduleCycles(fixture)).toEqual([['cleaning', 'stays']]);
    expect(violations(fixture)).toEqual([
      'a cycle between cleaning, stays: cleaning → stays; stays → cleaning',
    ]);
  });

  it('finds a long cycle, not only a pair, and leaves the lower layers out of it', () => {
    const long = graph({ a: ['b', 'kernel'], b: ['c'], c: ['a'], kernel: ['db'], d: ['a'] });
    expect(moduleCycles(long)).toEqual([['a', 'b', 'c']]);
  });

  it('keeps the layers: nothing below the modules imports one, no module imports the composition', () => {
    expect(violations(graph({ http: ['email'], email: ['db'], houses: ['services.ts'] }))).toEqual([
      'http is a lower layer and imports the module email',
      'houses imports the composition (services.ts)',
    ]);
  });

  it('fails on a table that two modules write', () => {
    const writers = tableWriters(path.join(import.meta.dirname, 'fixtures/cycle'));
    expect(writers.get('nights')).toEqual(new Set(['cleaning', 'stays']));
    expect(sharedTables(writers)).toEqual(['the table nights is written by cleaning and stays']);
  });

  it('holds on the server as it is', async () => {
    expect(violations(await serverGraph())).toEqual([]);
    const writers = tableWriters();
    expect(sharedTables(writers)).toEqual([]);
    expect(writers.get('occupied_nights')).toEqual(new Set(['occupancy']));
  });
});
