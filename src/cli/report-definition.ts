/**
 * A report definition (YAML, or JSON): read, checked against a schema made
 * from the commands' own options (so every flag of a command is a key of its
 * section, with the same name and the same value parser), and turned into one
 * command line per section. Errors name the file, the line and the key, with
 * the nearest valid key.
 */
import { readdirSync, statSync } from 'node:fs';
import { readTextFile } from '../io/small-files.js';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { z } from 'zod';
import { closest } from '../core/suggest.js';
import { InputError, UsageError } from '../errors.js';

/** The commands a section can run. */
export const SECTION_COMMANDS = ['compare', 'compstat', 'trend', 'evaluate', 'inspect', 'alerts'] as const;
export type SectionCommand = (typeof SECTION_COMMANDS)[number];

/** Options that belong to the whole report, not to a section (where the output goes, what fails the run). */
const REPORT_ONLY = new Set(['format', 'output', 'color', 'no-color', 'wide', 'raw', 'fail-on', 'max-skipped', 'quiet', 'debug', 'help']);

/** A key of a definition as a command-line flag. */
export interface FlagDef {
  key: string;
  option: Option;
}

/** The options of each command, and which of them are input options, from the commander definitions. */
export interface CommandCatalog {
  commands: Map<string, Command>;
  /** Keys of the input options (files are given apart). */
  inputKeys: Set<string>;
  /** Keys of the run options (--fail-on, --max-skipped, --quiet, --debug). */
  runKeys: Set<string>;
}

/** The key of an option in a definition: its long flag without the dashes (`--no-header` is `no-header`). */
export function optionKey(o: Option): string {
  return (o.long ?? o.short ?? '').replace(/^-+/, '');
}

/** A section as planned: its command and the command line its options make. */
export interface SectionPlan {
  command: SectionCommand;
  heading?: string;
  note?: string;
  /** The section's flags (input flags of `input:` first), as a command line without files. */
  argv: string[];
  /** Line of the section in the definition. */
  line: number;
  /** The input flags and files of the section (for the one-read key and -o checks). */
  files: string[];
}

export interface Definition {
  path: string;
  title: string;
  note?: string;
  asOf?: string;
  files: string[];
  sections: SectionPlan[];
  /** Outputs listed in the file, resolved against its folder. */
  output: string[];
  failOn?: string[];
  maxSkipped?: number;
}

/** Thrown for a definition problem: exit 2 with FILE:LINE. */
function defError(file: string, line: number, text: string): UsageError {
  return new UsageError('BAD_DEFINITION', `${file}:${line}: ${text}`);
}

const scalar = z.union([z.string(), z.number()]);

/** The schema of one option's value, checked by the option's own parser (so the words are the command line's). */
function optionSchema(o: Option): z.ZodType {
  // A repeatable flag collects its values (its parser takes the previous value); a choice is one value.
  const repeatable = !o.argChoices && (o.parseArg?.length ?? 0) >= 2;
  const check = (v: unknown, ctx: z.RefinementCtx) => {
    const values = Array.isArray(v) ? v : [v];
    let prev: unknown = undefined;
    for (const x of values) {
      if (typeof x === 'boolean') continue;
      try {
        prev = o.parseArg ? o.parseArg(String(x), prev) : x;
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^error: /, '') });
        return;
      }
    }
  };
  if (!o.required && !o.optional) return z.boolean();
  if (o.argChoices) {
    const choice = z.enum(o.argChoices as [string, ...string[]]);
    return repeatable ? z.union([choice, z.array(choice).min(1)]) : choice;
  }
  const base = repeatable ? z.union([scalar, z.array(scalar).min(1)]) : scalar;
  return (o.optional ? z.union([z.boolean(), base]) : base).superRefine(check);
}

/** The flags for one option's value (none for false). */
function optionArgv(o: Option, value: unknown): string[] {
  const flag = o.long ?? o.short!;
  if (value === false || value === undefined || value === null) return [];
  if (value === true) return [flag];
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => [flag, String(v)]);
}

function optionsShape(options: readonly Option[], keep: (key: string) => boolean): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const o of options) {
    const key = optionKey(o);
    if (!key || !keep(key)) continue;
    shape[key] = optionSchema(o).optional();
  }
  return shape;
}

/** Files or globs (`*`, `?`, `[…]` in any part of the path), relative to `dir`, expanded in sorted order. */
export function expandFiles(patterns: readonly string[], dir: string, where: string): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    const abs = isAbsolute(p) ? p : join(dir, p);
    const found = /[*?[]/.test(p) ? glob(abs) : [abs];
    if (found.length === 0) throw new InputError('NO_SUCH_FILE', `${where}: no file matches ${p}`);
    for (const f of found) {
      try {
        statSync(f);
      } catch {
        throw new InputError('NO_SUCH_FILE', `${where}: ${p}: no such file`);
      }
      const rel = relative(process.cwd(), f);
      const shown = rel === '' ? f : rel;
      if (!out.includes(shown)) out.push(shown);
    }
  }
  return out;
}

function globRegex(part: string): RegExp {
  let re = '';
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = part.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${part
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function glob(abs: string): string[] {
  const parts = abs.split('/');
  let bases = [parts[0] === '' ? '/' : parts[0]!];
  for (const part of parts.slice(1)) {
    if (part === '') continue;
    const next: string[] = [];
    for (const b of bases) {
      if (!/[*?[]/.test(part)) {
        next.push(join(b, part));
        continue;
      }
      let names: string[];
      try {
        names = readdirSync(b);
      } catch {
        continue;
      }
      const re = globRegex(part);
      for (const n of names.sort()) if (re.test(n) && (part.startsWith('.') || !n.startsWith('.'))) next.push(join(b, n));
    }
    bases = next;
  }
  return bases.filter((f) => {
    try {
      return statSync(f).isFile();
    } catch {
      return false;
    }
  });
}

/** The line of the node at `path` (its key when `key` is given), 1-based. */
function lineOf(doc: ReturnType<typeof parseDocument>, lc: LineCounter, path: readonly PropertyKey[], key?: string): number {
  let node: unknown = doc.contents;
  let line = 1;
  const at = (n: unknown) => {
    const r = (n as YamlNode | null)?.range;
    if (r) line = lc.linePos(r[0]).line;
  };
  at(node);
  const steps = key === undefined ? path : [...path, key];
  for (const step of steps) {
    if (isMap(node)) {
      const pair = node.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      at(pair.key);
      if (key !== undefined && step === key && steps[steps.length - 1] === step) break;
      node = pair.value;
      if (pair.value) at(pair.value);
    } else if (isSeq(node)) {
      node = node.items[Number(step)];
      at(node);
    } else break;
  }
  return line;
}

/** A path in words: `sections[2].compare.span`. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${String(p)}` : String(p))).join('');
}

/**
 * Reads and checks a definition. `catalog` lists the commands' options;
 * `cli` are the files given on the command line (none: those of `input:`).
 */
export function loadDefinition(path: string, catalog: CommandCatalog, ignoreFiles = false): Definition {
  const text = readTextFile(path, path);
  const name = path;
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = lc.linePos(e.pos[0]).line;
    throw defError(name, line, `not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw defError(name, 1, 'a report definition is a map with title, input, sections and output (see crimedelta report --help)');
  }

  // The schema, from the commands' options.
  const first = catalog.commands.get('compare')!;
  const inputOptions = first.options.filter((o) => catalog.inputKeys.has(optionKey(o)));
  const runOptions = first.options.filter((o) => catalog.runKeys.has(optionKey(o)));
  const inputShape = optionsShape(inputOptions, () => true);
  const filesSchema = z.union([z.string(), z.array(z.string()).min(1)]);
  const inputSchema = z.strictObject({ files: filesSchema.optional(), ...inputShape });
  const sectionShape: Record<string, z.ZodType> = {
    heading: z.union([z.string(), z.number()]).optional(),
    note: z.string().optional(),
  };
  for (const c of SECTION_COMMANDS) {
    const cmd = catalog.commands.get(c)!;
    const own = z.strictObject(optionsShape(cmd.options, (k) => !REPORT_ONLY.has(k)));
    sectionShape[c] = z.preprocess((v) => (v === null ? {} : v), own).optional();
  }
  const sectionSchema = z.strictObject(sectionShape).superRefine((s, ctx) => {
    const cmds = SECTION_COMMANDS.filter((c) => (s as Record<string, unknown>)[c] !== undefined);
    if (cmds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          cmds.length === 0
            ? `a section names one command: ${SECTION_COMMANDS.join(', ')} (e.g. "- compare: {years: 2022,2023}")`
            : `a section names one command, and this one names ${cmds.join(' and ')}: make a section of each`,
      });
    }
  });
  const runShape = optionsShape(runOptions, (k) => k === 'fail-on' || k === 'max-skipped');
  const schema = z.strictObject({
    title: z.union([z.string(), z.number()]),
    note: z.string().optional(),
    input: inputSchema,
    'as-of': z.string().optional(),
    sections: z.array(sectionSchema).min(1),
    output: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    ...runShape,
  });
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    // An unknown key first: a misspelled key is also a missing one.
    const issues = [...parsed.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
    throw issueError(issues[0]!, issues.length, name, doc, lc, catalog, data);
  }
  const def = parsed.data as Record<string, unknown> & { input: Record<string, unknown>; sections: Record<string, unknown>[] };

  const dir = dirname(resolve(path));
  const input = def.input;
  const fileList = input.files === undefined ? [] : Array.isArray(input.files) ? (input.files as string[]) : [input.files as string];
  if (!fileList.length && input.sample !== true && !ignoreFiles) {
    throw defError(name, lineOf(doc, lc, ['input']), 'input: give files (a list of files or globs, relative to this file) or sample: true');
  }
  if (fileList.length && input.sample === true) {
    throw defError(name, lineOf(doc, lc, ['input'], 'sample'), 'input: sample: true reads the bundled sample: give it without files');
  }
  const files = ignoreFiles ? [] : expandFiles(fileList, dir, `${name}:${lineOf(doc, lc, ['input'], 'files')}: files`);
  const inputArgv = inputOptions.flatMap((o) => optionArgv(o, input[optionKey(o)]));
  const sections: SectionPlan[] = def.sections.map((s, i) => {
    const command = SECTION_COMMANDS.find((c) => s[c] !== undefined)!;
    const opts = (s[command] ?? {}) as Record<string, unknown>;
    const cmd = catalog.commands.get(command)!;
    const own = cmd.options.filter((o) => opts[optionKey(o)] !== undefined);
    const plan: SectionPlan = {
      command,
      argv: [...inputArgv, ...own.flatMap((o) => optionArgv(o, opts[optionKey(o)]))],
      line: lineOf(doc, lc, ['sections', i]),
      files,
    };
    if (typeof s.heading === 'string' || typeof s.heading === 'number') plan.heading = String(s.heading);
    if (typeof s.note === 'string') plan.note = s.note;
    return plan;
  });
  const out: Definition = {
    path: name,
    title: String(def.title),
    files,
    sections,
    output: (def.output === undefined ? [] : Array.isArray(def.output) ? (def.output as string[]) : [def.output as string]).map((o) =>
      o === '-' ? o : isAbsolute(o) ? o : relative(process.cwd(), join(dir, o)) || basename(o),
    ),
  };
  if (typeof def.note === 'string') out.note = def.note;
  if (typeof def['as-of'] === 'string') out.asOf = def['as-of'];
  if (def['fail-on'] !== undefined) out.failOn = (Array.isArray(def['fail-on']) ? def['fail-on'] : [def['fail-on']]).map(String);
  if (def['max-skipped'] !== undefined) out.maxSkipped = Number(def['max-skipped']);
  return out;
}

/** The keys valid where an unknown key was found. */
function validKeys(path: readonly PropertyKey[], catalog: CommandCatalog): string[] {
  const top = ['title', 'note', 'input', 'as-of', 'sections', 'output', 'fail-on', 'max-skipped'];
  if (path.length === 0) return top;
  if (path[0] === 'input') return ['files', ...catalog.inputKeys];
  if (path[0] === 'sections' && path.length === 2) return [...SECTION_COMMANDS, 'heading', 'note'];
  if (path[0] === 'sections' && path.length === 3) {
    const cmd = catalog.commands.get(String(path[2]));
    return cmd ? cmd.options.map(optionKey).filter((k) => k && !REPORT_ONLY.has(k)) : [];
  }
  return [];
}

function issueError(
  first: z.core.$ZodIssue,
  count: number,
  file: string,
  doc: ReturnType<typeof parseDocument>,
  lc: LineCounter,
  catalog: CommandCatalog,
  data: unknown,
): UsageError {
  const more = count > 1 ? ` (and ${count - 1} more problem${count > 2 ? 's' : ''})` : '';
  let issue = first;
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const line = lineOf(doc, lc, path, key);
    const where = path.length ? ` in ${pathText(path)}` : '';
    const valid = validKeys(path, catalog);
    const near = closest(key, valid, 1);
    let hint = near.length ? ` — did you mean \`${near[0]}\`?` : '';
    if (!near.length && REPORT_ONLY.has(key))
      hint = ' — output, format and fail-on are set for the whole report (top level or the command line)';
    else if (!near.length && path[0] === 'sections' && path.length === 3 && catalog.inputKeys.has(key)) hint = '';
    else if (!near.length && path[0] === 'sections' && path.length === 2 && catalog.inputKeys.has(key))
      hint = ` — input options go under input:, or inside the section's command`;
    return defError(file, line, `unknown key \`${key}\`${where}${hint}${more}`);
  }
  const line = lineOf(doc, lc, path);
  if (issue.code === 'invalid_union') {
    // A leaf that is not a type mismatch says what is wrong; else the types that would do.
    const leaves: z.core.$ZodIssue[] = [];
    const walk = (i: z.core.$ZodIssue) => (i.code === 'invalid_union' ? i.errors.flat().forEach(walk) : leaves.push(i));
    walk(issue);
    const specific = leaves.find((s) => s.code !== 'invalid_type');
    if (specific) issue = { ...specific, path: issue.path };
    else {
      const want = [...new Set(leaves.map((s) => expectedWords((s as { expected: string }).expected)))];
      if (want.includes('a string') && want.includes('a number')) want.splice(want.indexOf('a number'), 1);
      issue = { code: 'invalid_type', expected: want.join(' or '), path: issue.path, message: '' } as unknown as z.core.$ZodIssue;
    }
  }
  const tail = path[path.length - 1];
  const key =
    path[0] === 'sections' && typeof tail === 'number'
      ? `section ${tail + 1}`
      : path.length
        ? `\`${String(path.filter((p) => typeof p === 'string').pop())}\``
        : 'the definition';
  let text = issue.message;
  if (issue.code === 'invalid_type') {
    let value: unknown = data;
    for (const p of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[p] : undefined;
    const got =
      value === undefined || value === null
        ? 'nothing'
        : Array.isArray(value)
          ? 'a list'
          : typeof value === 'object'
            ? 'a map'
            : `a ${typeof value}`;
    const want = issue.expected.includes(' ') ? issue.expected : expectedWords(issue.expected);
    text = value === undefined ? `is missing (expected ${want})` : `expected ${want}, got ${got}`;
  } else if (issue.code === 'invalid_value') {
    text = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (issue.code === 'invalid_union') {
    text = 'has the wrong type (a value, or a list of values)';
  } else if (issue.code === 'too_small' && issue.origin === 'array') {
    text = 'needs at least one item';
  }
  return defError(file, line, `${key}${typeof tail === 'string' && path.length > 1 ? ` (${pathText(path)})` : ''}: ${text}${more}`);
}

function expectedWords(e: string): string {
  return e === 'object' ? 'a map of keys' : e === 'array' ? 'a list' : e === 'boolean' ? 'true or false' : `a ${e}`;
}
