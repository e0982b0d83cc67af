/**
 * The source layout the project keeps: layers import downwards only (cli →
 * report → format, io → core), core touches no file, process or terminal,
 * and no module imports itself back through others.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { ROOT } from '../../helpers/paths.js';

const SRC = path.join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Module → the modules and packages it imports. */
const graph = new Map<string, string[]>(
  files(SRC).map((f) => {
    const text = readFileSync(f, 'utf8');
    const deps = [...text.matchAll(IMPORT)].map((m) => {
      const spec = (m[1] ?? m[2])!;
      return spec.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(f), spec.replace(/\.js$/, '.ts'))) : spec;
    });
    return [path.relative(SRC, f), deps];
  }),
);

const layer = (m: string) => (m.includes('/') ? m.split('/')[0]! : m.replace(/\.ts$/, ''));
/** What each layer may import (besides itself). */
const ALLOWED: Record<string, string[]> = {
  core: ['errors'],
  errors: [],
  format: ['core', 'errors'],
  io: ['core', 'errors'],
  report: ['core', 'format', 'errors'],
  document: ['core', 'format', 'errors'],
  cli: ['core', 'format', 'io', 'report', 'document', 'errors'],
};

describe('source layout', () => {
  test('layers import downwards only', () => {
    const bad: string[] = [];
    for (const [m, deps] of graph) {
      for (const d of deps) {
        if (!d.endsWith('.ts')) continue;
        const from = layer(m);
        const to = layer(d);
        if (from !== to && !ALLOWED[from]!.includes(to)) bad.push(`${m} → ${d}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('core touches no file, process, clock or terminal', () => {
    const bad: string[] = [];
    for (const [m, deps] of graph) {
      if (layer(m) !== 'core') continue;
      for (const d of deps)
        if (/^(node:)?(fs|fs\/promises|child_process|worker_threads|net|tty)$|^(chalk|cli-table3|cli-progress)$/.test(d))
          bad.push(`${m} → ${d}`);
      const text = readFileSync(path.join(SRC, m), 'utf8');
      if (/\bprocess\.|new Date\(\)|Date\.now\(\)/.test(text)) bad.push(`${m} uses process or the clock`);
    }
    expect(bad).toEqual([]);
  });

  test('no import circle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (m: string, stack: string[]) => {
      if (state.get(m) === 'done') return;
      if (state.get(m) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(m)), m].join(' → '));
        return;
      }
      state.set(m, 'open');
      for (const d of graph.get(m) ?? []) if (graph.has(d)) visit(d, [...stack, m]);
      state.set(m, 'done');
    };
    for (const m of graph.keys()) visit(m, []);
    expect(cycles).toEqual([]);
  });
});
