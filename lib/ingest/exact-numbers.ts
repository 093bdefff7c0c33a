/**
 * JSON numbers a double does not hold exactly (9007199254740993, 12345678901234567.89, 1e400):
 * found in a line's text before it is parsed, so they can be kept as their exact text and named.
 */

/** Could the line hold such a number? Sixteen digits or more in a row (a point between), or a long exponent. */
const MAYBE = /(?:\d\.?){16,}|[eE]\+?\d{3,}/;

/** A decimal number as (sign, digits, exponent), zeros trimmed: two texts of one value compare equal. */
function canonical(text: string): string | null {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return null;
  const [, sign, int = "", frac = "", exp = "0"] = m;
  let digits = (int + frac).replace(/^0+/, "");
  let e = Number(exp) - frac.length;
  const trimmed = digits.replace(/0+$/, "");
  e += digits.length - trimmed.length;
  digits = trimmed;
  return digits === "" ? "0" : `${sign}${digits}e${e}`;
}

/** Whether a JSON number's text is exactly the value JavaScript reads from it. */
export function exactInDouble(text: string): boolean {
  const n = Number(text);
  if (!Number.isFinite(n)) return false;
  return canonical(text) === canonical(n.toString().replace("e+", "e"));
}

export interface LossyNumber {
  /** Offsets of the number in the line. */
  from: number;
  to: number;
  text: string;
  /** The top-level field that holds it (the column). */
  column: string;
}

/** The numbers of one JSON line a double would change, each with the column it is in. */
export function lossyNumbers(line: string): LossyNumber[] {
  if (!MAYBE.test(line)) return [];
  const out: LossyNumber[] = [];
  /** For each open container: whether it is an object, and the key last read at its level. */
  const stack: { object: boolean; key: string }[] = [];
  let expectKey = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === "\\" ? 2 : 1;
      const top = stack.at(-1);
      if (top?.object && expectKey) {
        try {
          top.key = JSON.parse(line.slice(i, j + 1)) as string;
        } catch {
          top.key = line.slice(i + 1, j);
        }
        expectKey = false;
      }
      i = j;
    } else if (c === "{" || c === "[") {
      stack.push({ object: c === "{", key: "" });
      expectKey = c === "{";
    } else if (c === "}" || c === "]") {
      stack.pop();
    } else if (c === ",") {
      expectKey = stack.at(-1)?.object ?? false;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(line.slice(i, i + 400));
      if (!m) continue;
      const text = m[0];
      if (!exactInDouble(text)) out.push({ from: i, to: i + text.length, text, column: stack[0]?.key ?? "" });
      i += text.length - 1;
    }
  }
  return out;
}

/** The line with those numbers written as strings of their exact text. */
export function quoteNumbers(line: string, lossy: readonly LossyNumber[]): string {
  let out = "";
  let at = 0;
  for (const n of lossy) {
    out += `${line.slice(at, n.from)}"${n.text}"`;
    at = n.to;
  }
  return out + line.slice(at);
}
