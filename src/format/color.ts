/** Whether the table is coloured: only a table, on a terminal, unless --no-color or NO_COLOR. */
import { loadColor } from './table.js';

export interface ColorContext {
  /** Standard output is a terminal. */
  isTTY: boolean;
  /** NO_COLOR is set (to anything but ''). */
  noColorEnv: boolean;
  /** The terminal's width in columns: COLUMNS when set, else what the terminal says, else 80. */
  columns: number;
}

export function useColor(flags: { color: boolean; format: string }, ctx: ColorContext): boolean {
  return flags.format === 'table' && flags.color && ctx.isTTY && !ctx.noColorEnv;
}

/** The width a table is fitted to: the terminal's, for a table on a terminal without --wide; else null (never folded). */
export function tableWidth(flags: { format: string; wide?: boolean }, ctx: ColorContext): number | null {
  return flags.format === 'table' && ctx.isTTY && flags.wide !== true ? ctx.columns : null;
}

/** {@link useColor}, with chalk loaded when the answer is yes. */
export async function colorFor(flags: { color: boolean; format: string }, ctx: ColorContext): Promise<boolean> {
  const on = useColor(flags, ctx);
  if (on) await loadColor();
  return on;
}
