interface NumberNote {
  line: number;
  text: string;
  count: number;
}
interface InvalidNote {
  line: number;
  bytes: number;
  lines: number;
  column: string | null;
  first: number;
}
/** Notes of one part of a file, as plain data. */
export interface NotesData {
  numbers: [string, NumberNote][];
  invalid: InvalidNote | null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** What a load kept but changed, once per column and kind, with the first line and how often. */
export class Notes {
  private readonly numbers = new Map<string, NumberNote>();
  private invalid: InvalidNote | null = null;

  constructor(private readonly file: string) {}

  number(line: number, column: string, text: string) {
    const seen = this.numbers.get(column);
    if (seen) seen.count++;
    else this.numbers.set(column, { line, text, count: 1 });
  }

  bytes(line: number, count: number, text: string) {
    if (this.invalid) {
      this.invalid.bytes += count;
      this.invalid.lines++;
      return;
    }
    this.invalid = { line, bytes: count, lines: 1, column: fieldWith(text, "\uFFFD"), first: count };
  }

  /** What was noted, as plain data (to cross from a parsing worker). */
  data(): NotesData {
    return { numbers: [...this.numbers], invalid: this.invalid };
  }

  /** Adds what was noted on a later part of the same file: the first of each kind stays the one named. */
  merge(later: NotesData) {
    for (const [column, n] of later.numbers) {
      const seen = this.numbers.get(column);
      if (seen) seen.count += n.count;
      else this.numbers.set(column, { ...n });
    }
    const bad = later.invalid;
    if (!bad) return;
    if (this.invalid) {
      this.invalid.bytes += bad.bytes;
      this.invalid.lines += bad.lines;
    } else this.invalid = { ...bad };
  }

  messages(typed: boolean): string[] {
    const out: string[] = [];
    for (const [column, n] of this.numbers) {
      const more = n.count > 1 ? ` (${plural(n.count - 1, "more number")} like it in this column)` : "";
      const value = Number(n.text);
      const kept = typed
        ? `read as ${Number.isFinite(value) ? String(value) : `${value}, marked off scale`}, the nearest a double holds`
        : "kept as text, digit for digit";
      out.push(
        `${this.file}, line ${n.line}, column “${column}”: ${n.text} is more than a double holds exactly; ${kept}${more}`,
      );
    }
    const bad = this.invalid;
    if (bad) {
      const where = bad.column === null ? "" : `, column “${bad.column}”`;
      const all = bad.lines > 1 ? ` (${plural(bad.bytes, "byte")} on ${plural(bad.lines, "line")} in all)` : "";
      out.push(
        `${this.file}, line ${bad.line}${where}: ${plural(bad.first, "byte")} that ${bad.first === 1 ? "is" : "are"} not UTF-8, read as “\uFFFD”${all}`,
      );
    }
    return out;
  }
}

/** The top-level field of a JSON line whose value holds a character (null when the line is not an object). */
function fieldWith(line: string, ch: string): string | null {
  try {
    const record = JSON.parse(line) as unknown;
    if (!record || typeof record !== "object" || Array.isArray(record)) return null;
    for (const [k, v] of Object.entries(record)) if (JSON.stringify(v).includes(ch)) return k;
  } catch {
    // a broken line is named by the parse that follows
  }
  return null;
}
