/**
 * Security rules for text that comes from the data: nothing may drive a
 * terminal, and nothing may run as a formula in a spreadsheet.
 */

// C0 controls, DEL, C1 controls, and bidirectional overrides/isolates.
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
