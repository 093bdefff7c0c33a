/**
 * The plain values every transport hands to the views, as DuckDB holds them: numbers where a double
 * holds them exactly, else DuckDB's own text. Integers beyond 2^53 and decimals with a fraction are
 * exact text ("9007199254740993", "12345678901234567.89"); dates, times, timestamps, intervals and
 * blobs are DuckDB's text ("2020-01-01", "3 days", "\xAA"); NaN and ±Infinity stay numbers.
 */

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An integer of any width: a number when a double holds it exactly, else its digits. */
export function integerValue(v: bigint): number | string {
  return v <= SAFE && v >= -SAFE ? Number(v) : v.toString();
}

/** A decimal from its unscaled integer: exact text with `scale` digits after the point (an integer when none). */
export function decimalValue(unscaled: bigint, scale: number): number | string {
  if (scale <= 0) return integerValue(unscaled);
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const two = (n: number) => String(n).padStart(2, "0");

/** Days since 1970-01-01 as DuckDB writes a DATE. */
export function dateText(days: number): string {
  const d = new Date(days * 86_400_000);
  const y = d.getUTCFullYear();
  const year = String(y <= 0 ? 1 - y : y).padStart(4, "0");
  return `${year}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}${y <= 0 ? " (BC)" : ""}`;
}

/** A time of day in microseconds as DuckDB writes it: HH:MM:SS, and the fraction without trailing zeros. */
export function timeText(micros: bigint): string {
  const negative = micros < 0n;
  let m = negative ? -micros : micros;
  const fraction = m % 1_000_000n;
  m /= 1_000_000n;
  const s = Number(m % 60n);
  const min = Number((m / 60n) % 60n);
  const h = m / 3600n;
  const frac = fraction === 0n ? "" : `.${fraction.toString().padStart(6, "0").replace(/0+$/, "")}`;
  return `${negative ? "-" : ""}${two(Number(h))}:${two(min)}:${two(s)}${frac}`;
}

/** Microseconds since the epoch as DuckDB writes a TIMESTAMP (with `+00` for one with a time zone, in UTC). */
export function timestampText(micros: bigint, zoned = false): string {
  let days = micros / 86_400_000_000n;
  let rest = micros % 86_400_000_000n;
  if (rest < 0n) {
    rest += 86_400_000_000n;
    days -= 1n;
  }
  return `${dateText(Number(days))} ${timeText(rest)}${zoned ? "+00" : ""}`;
}

const plural = (n: number, unit: string) => `${n} ${unit}${Math.abs(n) === 1 ? "" : "s"}`;

/** An interval as DuckDB writes it: "1 year 2 months 3 days 04:00:00", "00:00:00" when empty. */
export function intervalText(months: number, days: number, micros: bigint): string {
  const parts: string[] = [];
  const years = Math.trunc(months / 12);
  const mon = months % 12;
  if (years) parts.push(plural(years, "year"));
  if (mon) parts.push(plural(mon, "month"));
  if (days) parts.push(plural(days, "day"));
  if (micros !== 0n || parts.length === 0) parts.push(timeText(micros));
  return parts.join(" ");
}

/** Bytes as DuckDB writes a BLOB: printable ASCII as it is, every other byte as \xHH. */
export function blobText(bytes: ArrayLike<number>): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const regular = b >= 32 && b <= 126 && b !== 92 && b !== 39 && b !== 34;
    out += regular ? String.fromCharCode(b) : `\\x${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * An object whose keys come from data: every key is an own property, `__proto__` and `constructor`
 * included, so no name of a column or a struct field is lost or read from Object's prototype.
 */
export function dataObject(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    if (k === "__proto__")
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}

/** A value of a record keyed by data: only its own properties count (never `constructor` of Object). */
export function own<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** JSON has no NaN or infinities: they are written as the strings "NaN", "Infinity", "-Infinity", never as null. */
const keepNonFinite = (_: string, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v);
export const jsonText = (v: unknown) => JSON.stringify(v === undefined ? null : v, keepNonFinite);
