import { beforeAll, describe, expect, it } from "vitest";
import { fetchCount, fetchListPage } from "../data/list";
import { NativeEngine } from "../engine/native";
import { columnTypes, exportSelect, selectionPages } from "../export/run";
import { parseClauses } from "../filters/url";
import { sampleFile } from "../test/fixtures";
import { loadFiles } from "../test/native-load";
import type { DatasetRef, ListState } from "../types";
import { listedKeys, markedRows, marksNotFound, rowKey } from "./actions";
import { MarkBook } from "./book";
import { markKeySql, markScope } from "./keys";
import { MemoryMarkStore } from "./store";
import { COLUMNS, insertStatements, MarksTable } from "./table";
import type { MarkEntry } from "./types";

let engine: NativeEngine;
let pairs: DatasetRef;
let raw: DatasetRef;
let pairRows: Record<string, unknown>[];

const link = (q: string): ListState => ({ search: "", sort: null, clauses: parseClauses(new URLSearchParams(q)) });
const clock = (start = Date.UTC(2026, 11, 4)) => {
  let t = start;
  return () => new Date((t += 1000));
};

/** Appends marks to the table in one go, as the browser's Arrow import does (here through a staged table). */
async function stage(entries: readonly MarkEntry[]) {
  await engine.query(`CREATE OR REPLACE TEMP TABLE marks_stage (${COLUMNS})`);
  for (const s of insertStatements(entries, "marks_stage")) await engine.query(s.sql, s.params);
  await engine.query("INSERT INTO marks SELECT * FROM marks_stage");
}

/** A page's marks over the test engine: the book, and the engine's table following it (bulk changes staged, or not). */
function page(store = new MemoryMarkStore(), staged = false) {
  const book = new MarkBook(store, clock());
  const table = new MarksTable(
    () => engine,
    (s) => book.hasAny(s),
    staged ? stage : undefined,
  );
  book.onUpdate(({ scope, entries, replaced }) => void table.update(scope, entries, replaced));
  return { book, table };
}

async function attach(ds: DatasetRef, p: ReturnType<typeof page>, scope: string) {
  ds.derived!.marks = p.table;
  await p.book.open(scope);
  await p.table.attach(ds.table, scope, () => p.book.entries(scope));
}

beforeAll(async () => {
  engine = await NativeEngine.open();
  pairs = await loadFiles(engine, "pairs", "ultrafeedback_binarized", [
    sampleFile("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet"),
  ]);
  raw = await loadFiles(engine, "raw", "ultrachat_raw", [sampleFile("ultrachat/train_0.jsonl")]);
  pairRows = (
    await engine.query(
      "SELECT __row, prompt_id, chosen, rejected, messages, score_chosen, score_rejected FROM pairs ORDER BY __row",
    )
  ).rows;
});

describe("what marks are kept under", () => {
  it("names one split the same from the sample, the Hub, a file and a server", () => {
    const of = (id: string, name: string, files: string[]) =>
      markScope({ id, name, layout: "ultrafeedback_binarized", columns: [], files });
    const scopes = new Set([
      of("ultrafeedback_binarized-test_prefs", "UltraFeedback binarized · test_prefs", [
        "x/test_prefs-00000-of-00001.parquet",
      ]),
      of("hf:HuggingFaceH4/ultrafeedback_binarized:test_prefs", "ultrafeedback_binarized · test_prefs", []),
      of("file:test_prefs-00000-of-00001.parquet", "test_prefs-00000-of-00001.parquet", []),
      of("server:test_prefs", "test_prefs", ["/data/TEST_PREFS.parquet"]),
    ]);
    expect([...scopes]).toEqual(["ultrafeedback_binarized:test_prefs"]);
    expect(of("hf:HuggingFaceH4/ultrafeedback_binarized:train_prefs", "train_prefs", [])).toBe(
      "ultrafeedback_binarized:train_prefs",
    );
    expect(markScope({ id: "ultrafeedback", name: "x", layout: "ultrafeedback", columns: [] })).toBe("ultrafeedback");
  });

  it("keys a table of no known layout by row number under its files' fingerprint, or by its prompt_id", () => {
    const a = markScope({
      id: "file:a.csv",
      name: "a.csv",
      layout: "generic",
      columns: ["x"],
      fingerprint: "a.csv|10|1",
    });
    const b = markScope({
      id: "file:a.csv",
      name: "a.csv",
      layout: "generic",
      columns: ["x"],
      fingerprint: "a.csv|11|2",
    });
    expect(a).toMatch(/^generic:[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
    expect(markKeySql({ layout: "generic", columns: ["x"] })).toBe("CAST(__row AS VARCHAR)");
    expect(markScope({ id: "f", name: "f", layout: "generic", columns: ["prompt_id"] })).toBe("generic:prompt_id");
  });

  it("keys a row by its own id, whatever the order of the list", async () => {
    expect(await rowKey(engine, pairs, 0)).toBe(pairRows[0]!.prompt_id);
    expect(await rowKey(engine, raw, 3)).toBe(
      String((await engine.query("SELECT id FROM raw WHERE __row = 3")).rows[0]!.id),
    );
    const byScore = { search: "", sort: { column: "score_chosen", desc: true }, clauses: [] };
    const sorted = await fetchListPage(engine, pairs, byScore, 0, 200);
    for (const r of sorted.slice(0, 10)) expect(await rowKey(engine, pairs, r.row)).toBe(pairRows[r.row]!.prompt_id);
  });
});

describe("marks in SQL", () => {
  it("lists exactly the rows marked, by each mark and none, in any order, and follows undo", async () => {
    const p = page();
    const scope = "ultrafeedback_binarized:test_prefs";
    await attach(pairs, p, scope);
    const key = (row: number) => String(pairRows[row]!.prompt_id);
    await p.book.apply(
      scope,
      [0, 3, 7].map((r) => ({ key: key(r), completion: null, mark: "keep" as const })),
    );
    await p.book.apply(scope, [{ key: key(5), completion: null, mark: "discard" }]);
    await p.book.apply(scope, [{ key: key(9), completion: null, note: "look again" }]);
    await p.book.apply(scope, [{ key: key(11), completion: null, mark: "swap" }]);
    await p.table.settled();
    const rows = async (q: string, sort: ListState["sort"] = null) =>
      (await fetchListPage(engine, pairs, { ...link(q), sort }, 0, 1000)).map((r) => r.row).sort((a, b) => a - b);
    // A mark is on a key: every row with that prompt_id (the sample repeats some) carries it.
    const withKeyOf = (marked: number[]) => {
      const keys = new Set(marked.map(key));
      return pairRows.flatMap((r, i) => (keys.has(String(r.prompt_id)) ? [i] : []));
    };
    expect(withKeyOf([0, 3, 7])).toEqual([0, 2, 3, 7, 37]);
    expect(await rows("mark=keep")).toEqual(withKeyOf([0, 3, 7]));
    expect(await rows("mark=keep", { column: "score_chosen", desc: true })).toEqual(withKeyOf([0, 3, 7]));
    expect(await rows("mark=discard")).toEqual(withKeyOf([5]));
    expect(await rows("mark=keep&mark=swap")).toEqual(withKeyOf([0, 3, 7, 11]));
    const total = pairRows.length;
    // A note alone is no decision: row 9 is among the unmarked.
    expect(await fetchCount(engine, pairs, link("mark=none"))).toBe(total - withKeyOf([0, 3, 5, 7, 11]).length);
    expect(await rows("mark=none")).toContain(9);
    expect(p.book.counts(scope)).toEqual({ keep: 3, discard: 1, review: 0, swap: 1, completions: 0, notes: 1 });

    await p.book.undo();
    await p.table.settled();
    expect(await rows("mark=swap")).toEqual([]);
    await p.book.apply(
      scope,
      [0, 3].map((r) => ({ key: key(r), completion: null, mark: "review" as const })),
      "bulk",
    );
    await p.table.settled();
    expect(await rows("mark=review")).toEqual(withKeyOf([0, 3]));
    expect(await rows("mark=keep")).toEqual(withKeyOf([7]));
    await p.book.undo();
    await p.table.settled();
    expect(await rows("mark=keep")).toEqual(withKeyOf([0, 3, 7]));
    expect(await listedKeys(engine, pairs, link("mark=keep"))).toEqual(
      expect.arrayContaining([key(0), key(3), key(7)]),
    );
    expect((await markedRows(engine, pairs, scope)).map((r) => [r.row, r.mark, r.note])).toEqual(
      [
        ...withKeyOf([0, 3, 7]).map((r): unknown[] => [r, "keep", ""]),
        ...withKeyOf([5]).map((r): unknown[] => [r, "discard", ""]),
        ...withKeyOf([9]).map((r): unknown[] => [r, null, "look again"]),
      ].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
  });

  it.each([false, true])("marks many rows at once and takes them back (staged: %s)", async (staged) => {
    const p = page(new MemoryMarkStore(), staged);
    const scope = "ultrachat_raw";
    await attach(raw, p, scope);
    const keys = (await engine.query("SELECT id FROM raw ORDER BY __row")).rows.map((r) => String(r.id));
    // More marks than one statement (or the staging threshold) takes: keys of rows not in the table too.
    const many = [...keys, ...Array.from({ length: 400 }, (_, i) => `absent-${i}`)];
    await p.book.apply(scope, [{ key: keys[0]!, completion: null, mark: "keep", note: "first" }]);
    await p.book.apply(
      scope,
      many.map((key) => ({ key, completion: null, mark: "discard" as const })),
      "bulk",
    );
    await p.table.settled();
    const n = async (q: string) => fetchCount(engine, raw, link(q));
    expect(await n("mark=discard")).toBe(keys.length);
    expect(Number((await engine.query("SELECT count(*) AS n FROM marks")).rows[0]!.n)).toBe(many.length);
    // The note of the row marked before stays with its new mark.
    expect((await engine.query("SELECT note FROM marks WHERE key = $1", [keys[0]!])).rows).toEqual([{ note: "first" }]);
    await p.book.undo();
    await p.table.settled();
    expect(await n("mark=discard")).toBe(0);
    expect(await n("mark=keep")).toBe(1);
    expect(Number((await engine.query("SELECT count(*) AS n FROM marks")).rows[0]!.n)).toBe(1);
    expect(await marksNotFound(engine, raw, scope)).toBe(0);
  });

  it("exports binarized pairs with the swaps applied, equal to a plain-JS oracle", async () => {
    const p = page();
    const scope = "ultrafeedback_binarized:test_prefs";
    await attach(pairs, p, scope);
    const swapKeys = new Set([1, 2, 8].map((r) => String(pairRows[r]!.prompt_id)));
    const swapped = new Set(pairRows.flatMap((r, i) => (swapKeys.has(String(r.prompt_id)) ? [i] : [])));
    await p.book.apply(
      scope,
      [...swapKeys].map((key) => ({ key, completion: null, mark: "swap" as const })),
    );
    await p.book.apply(scope, [{ key: String(pairRows[4]!.prompt_id), completion: null, mark: "keep", note: "fine" }]);
    await p.table.settled();
    const plan = exportSelect(pairs, "jsonl", await columnTypes(engine, pairs.table), { swap: true, marks: true });
    const out: Record<string, unknown>[] = [];
    for await (const page of selectionPages(engine, pairs, { search: "", sort: null }, plan.select)) out.push(...page);
    expect(out).toHaveLength(pairRows.length);
    expect(plan.columns.slice(-2)).toEqual(["mark", "mark_note"]);
    out.forEach((row, i) => {
      const src = pairRows[i]!;
      const s = swapped.has(i);
      expect(row.chosen).toEqual(s ? src.rejected : src.chosen);
      expect(row.rejected).toEqual(s ? src.chosen : src.rejected);
      expect(row.messages).toEqual(s ? src.rejected : src.messages);
      expect(row.score_chosen).toBe(s ? src.score_rejected : src.score_chosen);
      expect(row.score_rejected).toBe(s ? src.score_chosen : src.score_rejected);
      const kept = src.prompt_id === pairRows[4]!.prompt_id;
      expect(row.mark).toBe(s ? "swap" : kept ? "keep" : null);
      expect(row.mark_note).toBe(kept ? "fine" : null);
    });
  });
});

describe("marks the dataset does not have", () => {
  it("counts the marks that name no row of the dataset, and keeps them", async () => {
    const p = page();
    const scope = "ultrachat_raw";
    await attach(raw, p, scope);
    const known = String((await engine.query("SELECT id FROM raw WHERE __row = 0")).rows[0]!.id);
    const merged = await p.book.merge(scope, [
      { scope, key: known, completion: null, mark: "keep", note: "", marked_at: "2026-01-01T00:00:00Z" },
      { scope, key: "no-such-id", completion: null, mark: "discard", note: "", marked_at: "2026-01-01T00:00:00Z" },
    ] satisfies MarkEntry[]);
    await p.table.settled();
    expect(merged).toEqual({ added: 2, replaced: 0, kept: 0 });
    expect(await marksNotFound(engine, raw, scope)).toBe(1);
    expect(await fetchCount(engine, raw, link("mark=keep"))).toBe(1);
    expect(p.book.entries(scope)).toHaveLength(2);
  });
});
