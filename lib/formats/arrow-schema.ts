import {
  Bool,
  DataType,
  Field,
  Float64,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} from "apache-arrow";
import { ColumnNamer } from "./column-names";
import { NUMBER_TEXT, numberOf } from "./ratings";

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

type Kind = "number" | "boolean" | "text";

const kindOf = (v: unknown): Kind | null =>
  v === null || v === undefined ? null : typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "text";

/**
 * The columns of a file of unknown layout, as they arrive: every key of every record is a column
 * (stored under a name the database can hold, see `ColumnNamer`), and a column that holds more than one
 * kind of value becomes text, so no value and no late column is lost.
 */
export class GenericColumns {
  readonly namer = new ColumnNamer();
  private readonly kinds = new Map<string, Kind | null>();

  /** The batch's records under stored names; `changed` when a column appeared or became text since the last batch. */
  observe(records: readonly Record<string, unknown>[]): { rows: Record<string, unknown>[]; changed: boolean } {
    let changed = false;
    const rows = records.map((record) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(record)) {
        const stored = this.namer.name(key);
        out[stored] = value;
        const seen = this.kinds.get(stored);
        const kind = kindOf(value);
        if (seen === undefined) {
          this.kinds.set(stored, kind);
          changed = true;
        } else if (kind !== null && seen !== kind && seen !== "text") {
          // Unknown so far (all null) or another kind: text holds both.
          if (seen !== null) changed = true;
          this.kinds.set(stored, seen === null ? kind : "text");
        }
      }
      return out;
    });
    return { rows, changed };
  }

  /** Once written, a column whose values were all null stays text: later values of any kind fit it. */
  settle() {
    for (const [c, k] of this.kinds) if (k === null) this.kinds.set(c, "text");
  }

  get columns(): string[] {
    return [...this.kinds.keys()];
  }

  fields(): Field[] {
    return [...this.kinds].map(([name, kind]) =>
      f(name, kind === "number" ? new Float64() : kind === "boolean" ? new Bool() : text()),
    );
  }
}

function coerce(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  if (type instanceof Float64) {
    // NaN and the infinities are values a double holds (shown off scale); text that is no number is not.
    if (typeof value === "number") return value;
    const text = String(value).trim();
    return NUMBER_TEXT.test(text) ? numberOf(text) : null;
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

/** A type in words, for messages about files whose columns do not fit their layout. */
export function typeInWords(type: DataType): string {
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const item = (type.children[0] as Field).type;
    return DataType.isStruct(item)
      ? "a list of structs"
      : DataType.isList(item)
        ? "a list of lists"
        : `a list of ${typeInWords(item).replace(/^an? /, "")}`;
  }
  if (DataType.isStruct(type)) return "a struct";
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type) || DataType.isDictionary(type)) return "text";
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type)) return "a number";
  if (DataType.isBool(type)) return "a true/false value";
  return String(type);
}

const shape = (type: DataType): string =>
  DataType.isList(type) || DataType.isFixedSizeList(type)
    ? `list<${shape((type.children[0] as Field).type)}>`
    : DataType.isStruct(type)
      ? "struct"
      : "scalar";

/**
 * Whether a file's columns have the shapes its layout needs (lists where lists, structs where structs),
 * or what is wrong, naming the column, what it holds and what was expected. Scalars are not checked:
 * text and numbers are cast where they are read.
 */
export function layoutTypeProblem(label: string, expected: readonly Field[], actual: readonly Field[]): string | null {
  for (const want of expected) {
    const have = actual.find((f) => f.name === want.name);
    if (!have || shape(have.type) === shape(want.type)) continue;
    return `column “${want.name}” holds ${typeInWords(have.type)}, but ${label} needs ${typeInWords(want.type)} there`;
  }
  return null;
}

/** The same Arrow IPC stream with its columns renamed, in order (the data is not copied, only re-framed). */
export function renameColumns(ipc: Uint8Array, names: readonly string[]): Uint8Array {
  const table = tableFromIPC(ipc);
  const schema = new Schema(
    table.schema.fields.map((f, i) => f.clone({ name: names[i] ?? f.name })),
    table.schema.metadata,
  );
  return tableToIPC(new Table(table.batches.map((b) => new RecordBatch(schema, b.data))), "stream");
}
