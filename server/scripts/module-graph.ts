/**
 * The server's module graph, from dependency-cruiser, at the level of folders:
 * each domain module (`server/src/modules/<name>`) and each lower layer
 * (`kernel`, `db`, `http`, `config.ts`).
 *
 *   node server/scripts/module-graph.ts --check   fails on a rule broken (npm run lint)
 *   node server/scripts/module-graph.ts --write   redraws the graph in docs/architecture.md
 *
 * The rules: no cycle between modules, however long; the lower layers import
 * no module; nothing but the composition (app.ts, services.ts, main.ts, cli/)
 * imports the composition; and each table has one writing module (the one
 * whose code inserts into, updates or deletes from it).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOC = path.join(ROOT, 'docs/architecture.md');
const BEGIN = '<!-- module-graph:begin (npm run graph) -->';
const END = '<!-- module-graph:end -->';

/** Below the modules: what any of them may use, and which uses none of them. */
const LOWER_LAYERS = new Set(['kernel', 'db', 'http', 'config.ts']);
/** Above the modules: what puts them together into the app and its commands. */
const COMPOSITION = new Set(['app.ts', 'services.ts', 'main.ts', 'cli', 'openapi.ts']);

export type Graph = Map<string, Set<string>>;

/** Folder-level dependencies of `server/src` (tests left out), keyed by short names: `auth`, `kernel`… */
export async function serverGraph(sourceDir = path.join(ROOT, 'server/src')): Promise<Graph> {
  const relative = path.relative(ROOT, sourceDir).split(path.sep).join('/');
  const result = await cruise([relative], {
    baseDir: ROOT,
    includeOnly: `^${relative}/`,
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    collapse: `^${relative}/(modules/[^/]+|[^/]+)`,
  });
  if (typeof result.output === 'string') throw new Error('dependency-cruiser answered text, not a graph');
  const short = (name: string) => name.slice(relative.length + 1).replace(/^modules\//, '');
  const graph: Graph = new Map();
  for (const module of result.output.modules) {
    const from = short(module.source);
    const targets = graph.get(from) ?? new Set<string>();
    for (const dependency of module.dependencies) {
      const to = short(dependency.resolved);
      if (to !== from) targets.add(to);
    }
    graph.set(from, targets);
  }
  return graph;
}

const isModule = (name: string) => !LOWER_LAYERS.has(name) && !COMPOSITION.has(name);

/** The groups of modules that reach each other (Tarjan's strongly connected components of two or more). */
export function moduleCycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!isModule(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of [...graph.keys()].filter(isModule).sort()) if (!index.has(node)) visit(node);
  return groups;
}

/** Every broken rule, as a sentence; empty when the graph is as it should be. */
export function violations(graph: Graph): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      if (LOWER_LAYERS.has(from) && isModule(to))
        found.push(`${from} is a lower layer and imports the module ${to}`);
      if (COMPOSITION.has(to) && !COMPOSITION.has(from))
        found.push(`${from} imports the composition (${to})`);
    }
  }
  for (const group of moduleCycles(graph)) {
    const members = new Set(group);
    const edges = group.flatMap((from) =>
      [...(graph.get(from) ?? [])].filter((to) => members.has(to)).map((to) => `${from} → ${to}`),
    );
    found.push(`a cycle between ${group.join(', ')}: ${edges.join('; ')}`);
  }
  return found;
}

// How Kysely names the table a statement writes: `.insertInto('x')`, `.updateTable('x')`, `.deleteFrom('x')`.
const WRITE = /\.(?:insertInto|updateTable|deleteFrom)\(\s*'([a-z_]+)'/g;

/** The modules whose code (tests left out) writes each table. */
export function tableWriters(sourceDir = path.join(ROOT, 'server/src')): Map<string, Set<string>> {
  const writers = new Map<string, Set<string>>();
  const modulesDir = path.join(sourceDir, 'modules');
  for (const module of readdirSync(modulesDir)) {
    const files = readdirSync(path.join(modulesDir, module), { recursive: true, encoding: 'utf8' });
    for (const file of files.filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))) {
      for (const [, table] of readFileSync(path.join(modulesDir, module, file), 'utf8').matchAll(WRITE)) {
        const modules = writers.get(table as string) ?? new Set<string>();
        modules.add(module);
        writers.set(table as string, modules);
      }
    }
  }
  return writers;
}

/** A sentence for each table written by more than one module. */
export function sharedTables(writers: Map<string, Set<string>>): string[] {
  return [...writers]
    .filter(([, modules]) => modules.size > 1)
    .map(([table, modules]) => `the table ${table} is written by ${[...modules].sort().join(' and ')}`);
}

/**
 * The modules and their dependencies on each other, as Mermaid (every module also uses the lower
 * layers, left out of the drawing). An edge that closes a cycle, should one appear, is dotted.
 */
export function mermaid(graph: Graph): string {
  const cycles = moduleCycles(graph);
  const closesCycle = (from: string, to: string) =>
    cycles.some((group) => group.includes(from) && group.includes(to));
  const modules = [...graph.keys()].filter(isModule).sort();
  const lines = ['```mermaid', 'flowchart TD'];
  for (const from of modules) {
    const targets = [...(graph.get(from) ?? [])].filter(isModule).sort();
    if (targets.length === 0) lines.push(`  ${from}`);
    for (const to of targets) lines.push(`  ${from} ${closesCycle(from, to) ? '-.->' : '-->'} ${to}`);
  }
  lines.push('```');
  return lines.join('\n');
}

async function main() {
  const mode = process.argv[2];
  const graph = await serverGraph();
  if (mode === '--check') {
    const writers = tableWriters();
    const broken = [...violations(graph), ...sharedTables(writers)];
    for (const sentence of broken) console.error(`module graph: ${sentence}`);
    if (broken.length > 0) process.exitCode = 1;
    else
      console.log(
        `module graph: ${graph.size} folders, no cycle between modules, layers kept, ${writers.size} tables with one writer each`,
      );
  } else if (mode === '--write') {
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(BEGIN);
    const end = doc.indexOf(END);
    if (start < 0 || end < start) throw new Error(`docs/architecture.md has no ${BEGIN} … ${END} section`);
    writeFileSync(DOC, `${doc.slice(0, start + BEGIN.length)}\n${mermaid(graph)}\n${doc.slice(end)}`);
    console.log('docs/architecture.md: module graph redrawn');
  } else {
    console.error('usage: node server/scripts/module-graph.ts --check | --write');
    process.exitCode = 2;
  }
}

if (import.meta.main) await main();
