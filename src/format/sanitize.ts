/**
 * Security rules for text that comes from the data: nothing may drive a
 * terminal, and nothing may run as a formula in a spreadsheet.
 */

// C0 controls, DEL, C1 controls, and bidirectional overrides/isolates (matching controls is the point).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Shows control characters visibly (␛ for ESC, ␀ for NUL…) so they cannot act on a terminal. */
export function visible(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/** OWASP CSV injection: text starting with = + - @ tab or CR is prefixed with a quote. */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

// What JSON.stringify leaves raw and a terminal or an editor may still act on:
// DEL, C1 controls (U+009B is CSI on some terminals), bidi overrides/isolates,
// and the line/paragraph separators that break JavaScript string literals.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Escapes, in JSON text made by JSON.stringify, the characters it leaves raw
 * that can act on a terminal. They can only occur inside strings, so the
 * `\uXXXX` escape keeps the same value for every JSON reader.
 */
export function escapeJsonUnsafe(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The longest text a table cell shows; longer values end in `…` (the JSON has them whole). */
export const MAX_CELL = 200;

/** Cuts text to `max` characters (code points), ending in `…` when cut. */
export function clip(text: string, max = MAX_CELL): string {
  if (text.length <= max) return text;
  const cps = Array.from(text.slice(0, max * 2 + 2));
  return cps.length <= max ? text : cps.slice(0, max - 1).join('') + '\u2026';
}

/** A line for standard error: one line, no control characters from the data. */
export function stderrLine(text: string): string {
  return visible(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}
