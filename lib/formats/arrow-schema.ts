import {
  Bool,
  type DataType,
  Field,
  Float64,
  List,
  Struct,
  Table,
  Utf8,
  tableToIPC,
  vectorFromArray,
} from "apache-arrow";

const text = () => new Utf8();
const f = (name: string, type: DataType) => new Field(name, type, true);
const textList = () => new List(f("item", text()));
const messageList = () => new List(f("item", new Struct([f("content", text()), f("role", text())])));

const simpleAspect = () => new Struct([f("Rating", text()), f("Rationale", text())]);
const typedAspect = () =>
  new Struct([f("Type", textList()), f("Rationale", text()), f("Rating", text()), f("Rationale For Rating", text())]);

/** The column types of each known layout when it arrives as JSON (Parquet keeps its own schema). */
export const layoutArrowFields = {
  ultrachatRaw: (): Field[] => [f("id", text()), f("data", textList())],
  ultrachat200k: (): Field[] => [f("prompt", text()), f("prompt_id", text()), f("messages", messageList())],
  binarized: (): Field[] => [
    f("prompt", text()),
    f("prompt_id", text()),
    f("chosen", messageList()),
    f("rejected", messageList()),
    f("messages", messageList()),
    f("score_chosen", new Float64()),
    f("score_rejected", new Float64()),
  ],
  ultrafeedback: (): Field[] => [
    f("source", text()),
    f("id", text()),
    f("instruction", text()),
    f("models", textList()),
    f("correct_answers", textList()),
    f("incorrect_answers", textList()),
    f(
      "completions",
      new List(
        f(
          "item",
          new Struct([
            f("model", text()),
            f("principle", text()),
            f("custom_system_prompt", text()),
            f("response", text()),
            f(
              "annotations",
              new Struct([
                f("instruction_following", simpleAspect()),
                f("honesty", simpleAspect()),
                f("truthfulness", typedAspect()),
                f("helpfulness", typedAspect()),
              ]),
            ),
            f("critique", text()),
            f("overall_score", new Float64()),
            f("fine-grained_score", new Float64()),
          ]),
        ),
      ),
    ),
  ],
};

/** Column types for a file of unknown layout, inferred from its first records. */
export function inferFields(rows: readonly Record<string, unknown>[]): Field[] {
  const kinds = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      const set = kinds.get(key) ?? new Set<string>();
      if (value !== null && value !== undefined) set.add(typeof value);
      kinds.set(key, set);
    }
  }
  return [...kinds].map(([name, seen]) => {
    if (seen.size === 1 && seen.has("number")) return f(name, new Float64());
    if (seen.size === 1 && seen.has("boolean")) return f(name, new Bool());
    return f(name, text());
  });
}

function coerce(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  if (type instanceof Float64) {
    const n = typeof value === "number" ? value : Number(value);
    return Number.isFinite(n) ? n : null;
  }
  if (type instanceof Bool) return typeof value === "boolean" ? value : null;
  if (type instanceof Utf8) return typeof value === "string" ? value : JSON.stringify(value);
  return value;
}

/** Builds one Arrow IPC stream from records already in the given column layout. */
export function recordsToIPC(fields: readonly Field[], rows: readonly Record<string, unknown>[]): Uint8Array {
  const columns: Record<string, ReturnType<typeof vectorFromArray>> = {};
  for (const field of fields) {
    const generic = field.type instanceof Utf8 || field.type instanceof Float64 || field.type instanceof Bool;
    const values = rows.map((r) => (generic ? coerce(r[field.name], field.type) : (r[field.name] ?? null)));
    columns[field.name] = vectorFromArray(values, field.type);
  }
  return tableToIPC(new Table(columns), "stream");
}
