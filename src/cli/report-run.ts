/**
 * Running a report: every section is its command, run on one shared read of
 * the input; the outputs are rendered from the sections' results and written
 * only when every section succeeded (each atomically, so a failed run leaves
 * the previous report in place).
 */
import type { Definition, SectionPlan } from './report-definition.js';
import type { CommandOptions, CommandSpec } from './command.js';
import { Messages } from './messages.js';
import { readFiles } from './read-incidents.js';
import { SharedReads } from './shared-read.js';
import { isCrimedeltaError, InputError, UsageError } from '../errors.js';
import { stderrLine } from '../format/sanitize.js';
import { type CommandOutput, type Format, type Piece, renderJson } from '../format/index.js';
import { checkOutputPath, type FileId, fileId, type Io, writeFileOut } from '../io/output.js';
import { packageVersion } from './version.js';
import { type Doc, renderDocument } from '../document/index.js';

export interface ReportOutput {
  /** A file, or '-' for standard output. */
  path: string;
  format: Format;
}

/** A command-line flag that overrides the definition: commander's attribute name and value. */
export interface Override {
  key: string;
  attr: string;
  value: unknown;
}

export interface ReportOptions extends CommandOptions {
  def: Definition;
  check: boolean;
  outputs: ReportOutput[];
  overrides: Override[];
  /** --as-of on the command line, else the definition's. */
  asOf?: string;
  /** --quiet / --debug, passed on to every section. */
  extra: string[];
}

/** The typed options of a section for one format (commands/report.ts). */
export type SectionOptionsFn = (
  o: Pick<ReportOptions, 'def' | 'overrides' | 'asOf' | 'extra'>,
  plan: SectionPlan,
  index: number,
  format: Format,
) => Promise<{ spec: CommandSpec; opts: CommandOptions }>;

/** The identities of the report's input files, which no output may be. */
export function reportInputIds(files: readonly string[]): Map<FileId, string> {
  const ids = new Map<FileId, string>();
  for (const f of files) {
    const id = fileId(f);
    if (id !== null) ids.set(id, f);
  }
  return ids;
}

type Kind = 'piece' | Exclude<Format, 'json' | 'html' | 'xlsx'>;

const mute = {
  write: (_chunk: unknown, cb?: unknown) => {
    if (typeof cb === 'function') (cb as () => void)();
    return true;
  },
} as unknown as Io['stderr'];

function kindOf(f: Format): Kind {
  return f === 'json' || f === 'html' || f === 'xlsx' ? 'piece' : f;
}

/** Text formats: the sections one after another under their headings. */
function joinText(format: Kind, o: ReportOptions, texts: string[]): string {
  const { def } = o;
  const heading = (i: number) => def.sections[i]!.heading ?? `${i + 1}. ${def.sections[i]!.command}`;
  const end = (t: string) => (t.endsWith('\n') ? t : `${t}\n`);
  if (format === 'md') {
    return `# ${def.title}\n\n${texts.map((t, i) => `## ${heading(i)}\n\n${def.sections[i]!.note ? `${def.sections[i]!.note}\n\n` : ''}${end(t)}`).join('\n')}`;
  }
  if (format === 'csv' || format === 'tsv') {
    // Each section's table after a line with its heading, the tables apart by a blank line.
    const cell = (s: string) => (format === 'csv' ? (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s) : s.replace(/[\t\r\n]/g, ' '));
    return texts.map((t, i) => `${cell(heading(i))}\n${end(t)}`).join('\n');
  }
  const rule = (s: string) => `${s}\n${'='.repeat(Math.min(80, [...s].length))}`;
  return `${rule(def.title)}\n\n${texts.map((t, i) => `${heading(i)}\n${def.sections[i]!.note ? `${def.sections[i]!.note}\n` : ''}\n${end(t)}`).join('\n')}`;
}

export async function runReport(o: ReportOptions, io: Io, msg: Messages, sectionOptions: SectionOptionsFn): Promise<string> {
  const { def } = o;
  if (o.check) {
    const cmds = def.sections.map((s) => s.command).join(', ');
    const outs = o.outputs.map((x) => (x.path === '-' ? `standard output (${x.format})` : x.path)).join(', ');
    const files = def.files.length ? `${def.files.length === 1 ? '1 file' : `${def.files.length} files`}` : 'the bundled sample';
    return `${def.path}: valid — ${def.sections.length} section${def.sections.length === 1 ? '' : 's'} (${cmds}) on ${files}; output: ${outs}\n`;
  }
  const inputs = reportInputIds(def.files);
  for (const out of o.outputs) if (out.path !== '-') checkOutputPath(out.path, inputs);

  const kinds = [...new Set(o.outputs.map((x) => kindOf(x.format)))];
  const primary = kinds[0]!;
  const shared = new SharedReads(readFiles, io, msg);
  const muted = new Messages({ ...io, stderr: mute }, { quiet: true });
  const n = def.sections.length;
  let finished = 0;
  const progress = io.stderr.isTTY === true && !o.quiet;
  const jobs: (() => Promise<CommandOutput>)[] = [];
  const slots: { section: number; kind: Kind }[] = [];
  for (const [i, s] of def.sections.entries()) {
    for (const kind of kinds) {
      slots.push({ section: i, kind });
      jobs.push(async () => {
        const { spec, opts } = await sectionOptions(o, s, i, kind === 'piece' ? 'xlsx' : kind);
        const toFile = !o.outputs.some((x) => x.path === '-' && x.format === kind);
        const jobIo = toFile ? { ...io, stdout: { isTTY: false } as Io['stdout'] } : io;
        try {
          const out = await spec.run(opts, jobIo, kind === primary ? msg : muted);
          if (kind === primary && progress) {
            finished++;
            io.stderr.write(`crimedelta: [${finished}/${n}] ${stderrLine(s.heading ?? s.command)}\n`);
          }
          return out;
        } catch (e) {
          throw prefixed(e, `${def.path}:${s.line}: section ${i + 1} (${s.command})`);
        }
      });
    }
  }
  const results = await shared.run(jobs);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  // --fail-on: the named warnings fail the run before anything is written.
  if (msg.failures().length) return '';

  const value = (section: number, kind: Kind): CommandOutput => {
    const k = slots.findIndex((x) => x.section === section && x.kind === kind);
    return (results[k] as PromiseFulfilledResult<CommandOutput>).value;
  };
  const pieces = () => def.sections.map((_, i) => value(i, 'piece') as Piece);
  const doc = (): Doc => {
    const d: Doc = {
      title: def.title,
      generator: `crimedelta ${packageVersion()}`,
      sections: pieces().map((p, i) => {
        const s = def.sections[i]!;
        return {
          command: s.command,
          ...(s.heading !== undefined ? { heading: s.heading } : {}),
          ...(s.note !== undefined ? { note: s.note } : {}),
          json: p.json,
          grids: p.grids,
        };
      }),
    };
    if (def.note !== undefined) d.note = def.note;
    return d;
  };
  const rendered: { path: string; content: string | Uint8Array }[] = [];
  for (const out of o.outputs) {
    let content: string | Uint8Array;
    if (out.format === 'html' || out.format === 'xlsx') content = await renderDocument(out.format, doc());
    else if (out.format === 'json') {
      content = renderJson({
        command: 'report',
        title: def.title,
        ...(def.note !== undefined ? { note: def.note } : {}),
        sections: doc().sections.map((s) => ({ command: s.command, heading: s.heading ?? null, note: s.note ?? null, report: s.json })),
      });
    } else {
      const kind = out.format;
      content = joinText(
        kind,
        o,
        def.sections.map((_, i) => value(i, kind) as string),
      );
    }
    rendered.push({ path: out.path, content });
  }
  let stdout = '';
  for (const r of rendered) {
    if (r.path === '-') stdout += typeof r.content === 'string' ? r.content : '';
    else await writeFileOut(r.path, r.content);
  }
  return stdout;
}

function prefixed(e: unknown, where: string): unknown {
  if (!isCrimedeltaError(e) || e.message.startsWith(where.split(':')[0]!)) return e;
  const text = `${where}: ${e.message}`;
  const out = e.exitCode === 2 ? new UsageError(e.code as never, text) : new InputError(e.code as never, text);
  out.stack = e.stack;
  return out;
}
