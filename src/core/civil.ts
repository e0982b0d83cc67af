/**
 * Civil dates as integer day numbers: days since 1970-01-01 in the proleptic
 * Gregorian calendar. Pure arithmetic (Hinnant's algorithms): no Date object,
 * so the machine's time zone can never move a day.
 */
export type Day = number;

/** Day number of year y, month m (1-12), day d (1-31). Does not validate. */
export function dayFromCivil(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Civil {
  y: number;
  m: number;
  d: number;
}

/** Inverse of {@link dayFromCivil}. */
export function civilFromDay(day: Day): Civil {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m - 1] ?? 0);
}

/** True when y-m-d names a real calendar day (years 1–9999). */
export function isValidCivil(y: number, m: number, d: number): boolean {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** ISO `YYYY-MM-DD`. */
export function formatDay(day: Day): string {
  const { y, m, d } = civilFromDay(day);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Parses a strict ISO `YYYY-MM-DD`; returns undefined when it is not a real date. */
export function parseIsoDay(text: string): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return isValidCivil(y, mo, d) ? dayFromCivil(y, mo, d) : undefined;
}

/** Monday = 0 … Sunday = 6. */
export function weekdayMon0(day: Day): number {
  // 1970-01-01 was a Thursday (index 3).
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * The same month and day in another year; Feb 29 in a common year becomes Feb 28
 * (so an end date never spills into March).
 */
export function sameDateInYear(day: Day, year: number): Day {
  const { m, d } = civilFromDay(day);
  return dayFromCivil(year, m, Math.min(d, daysInMonth(year, m)));
}

/** Adds calendar months, clamping the day to the target month's length. */
export function addMonths(day: Day, months: number): Day {
  const { y, m, d } = civilFromDay(day);
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return dayFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Jan 1` style label. */
export function formatMonthDay(day: Day): string {
  const { m, d } = civilFromDay(day);
  return `${MONTH_ABBR[m - 1]} ${d}`;
}

/** `Jan 1, 2023` style label. */
export function formatLongDay(day: Day): string {
  const { y } = civilFromDay(day);
  return `${formatMonthDay(day)}, ${y}`;
}
