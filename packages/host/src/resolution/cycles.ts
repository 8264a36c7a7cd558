import { DependencyCycleError } from '@berth/sdk';
import { dependencyEntries } from './installed.js';
import type { Choice } from './state.js';
import type { ResolutionCandidate, ResolutionFailure } from './types.js';

/** Chosen plugin → its dependencies that are also chosen. */
type Graph = ReadonlyMap<string, readonly string[]>;

/**
 * Finds every chosen plugin that lies on a dependency cycle and fails it with a {@link DependencyCycleError} whose
 * path starts and ends at that plugin (the shortest such cycle, e.g. `'a' -> 'b' -> 'c' -> 'a'`).
 */
export function findCycles<C extends ResolutionCandidate>(chosen: Choice<C>): ResolutionFailure<C>[] {
  const graph = buildGraph(chosen);
  const failures: ResolutionFailure<C>[] = [];
  for (const component of stronglyConnected(graph)) {
    const members = new Set(component);
    for (const name of [...component].sort()) {
      const cycle = shortestCycle(graph, name, members);
      const candidate = chosen.get(name);
      if (cycle === undefined || candidate === undefined) continue;
      failures.push({ name, candidate, error: new DependencyCycleError(name, cycle, candidate.manifestFile) });
    }
  }
  return failures;
}

function buildGraph<C extends ResolutionCandidate>(chosen: Choice<C>): Graph {
  const graph = new Map<string, string[]>();
  for (const [name, candidate] of chosen) {
    graph.set(name, dependencyEntries(candidate).map(([dep]) => dep).filter((dep) => chosen.has(dep)));
  }
  return graph;
}

/** The strongly connected components of `graph` (Tarjan, iterative so deep chains cannot overflow the stack). */
function stronglyConnected(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: number };
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++] as string;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || (graph.get(frame.node) ?? []).includes(frame.node)) components.push(component);
      }
    }
  }
  return components;
}

/** The shortest path from `start` back to itself inside `members` (breadth-first), first name repeated last. */
function shortestCycle(graph: Graph, start: string, members: ReadonlySet<string>): string[] | undefined {
  const previous = new Map<string, string>();
  const queue: string[] = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    for (const target of [...(graph.get(node) ?? [])].sort()) {
      if (!members.has(target)) continue;
      if (target === start) return pathBack(previous, node, start);
      if (previous.has(target)) continue;
      previous.set(target, node);
      queue.push(target);
    }
  }
  return undefined;
}

/** Rebuilds `start -> … -> last -> start` from the breadth-first predecessor map. */
function pathBack(previous: ReadonlyMap<string, string>, last: string, start: string): string[] {
  if (last === start) return [start, start];
  const reversed = [last];
  for (let node = last; node !== start; ) {
    node = previous.get(node) ?? start;
    if (node !== start) reversed.push(node);
  }
  return [start, ...reversed.reverse(), start];
}
