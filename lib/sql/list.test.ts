import { beforeAll, describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { buildSearchText, fetchCount, fetchListPage, fetchPosition } from "../data/list";
import { fetchRecord } from "../data/record";
import { jsonl, sampleFile } from "../test/fixtures";
import { sampleById } from "../datasets/samples";
import type { DatasetRef } from "../types";
import { DerivedTables } from "../datasets/derived";
import { deriveSelect } from "./derive";
import { keepHits, keptHits } from "./hits";
import { searchPredicate, searchTextStatements } from "./search";
import { loadFilesSql } from "../ingest/sql-stage";

/** The oracle: plain JS over the same rows, independent of the SQL under test. */
function matches(texts: string[], needle: string) {
  return texts.some((t) => t.toLowerCase().includes(needle.toLowerCase()));
}

let engine: NativeEngine;
let chat: DatasetRef;
let raw: DatasetRef;
let chatRows: { messages: { content: string }[] }[];
let rawRows: { id: string; data: string[] }[];

beforeAll(async () => {
  engine = await NativeEngine.open();
  const shards = [0, 1].map((i) => `'${sampleFile(`ultrachat_200k/test_sft-0000${i}-of-00002.parquet`)}'`);
  await engine.query(`CREATE TABLE chat_staging AS SELECT * FROM read_parquet([${shards.join(",")}])`);
  chat = { table: "chat", layout: "ultrachat_200k", columns: ["prompt", "prompt_id", "messages"] };
  await engine.query(
    `CREATE TABLE chat AS SELECT ${deriveSelect("ultrachat_200k", 0, chat.columns)} FROM chat_staging`,
  );
  chatRows = (await engine.rows("SELECT messages FROM chat ORDER BY __row")) as typeof chatRows;

  const rawPath = sampleFile("ultrachat/train_0.jsonl");
  await engine.query(
    `CREATE TABLE raw_staging AS SELECT * FROM read_json('${rawPath}', columns = {id: 'VARCHAR', data: 'VARCHAR[]'})`,
  );
  raw = { table: "raw", layout: "ultrachat_raw", columns: ["id", "data"] };
  await engine.query(`CREATE TABLE raw AS SELECT ${deriveSelect("ultrachat_raw", 0, raw.columns)} FROM raw_staging`);
  rawRows = jsonl(rawPath) as typeof rawRows;
});

describe("search", () => {
  const needles = [
    "潮だまり",
    "TIDE pool",
    "'); DROP TABLE",
    "100%",
    "off_sale",
    "C:\\temp",
    '"window.__xss',
    "\\u2019",
  ];

  it.each(needles)("counts ultrachat_200k rows containing %s like a plain substring search", async (needle) => {
    const expected = chatRows.filter((r) =>
      matches(
        r.messages.map((m) => m.content),
        needle,
      ),
    ).length;
    expect(await fetchCount(engine, chat, { search: needle, sort: null })).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });

  it.each(needles)(
    "a search read once into its rows lists exactly what the search inline lists (%s)",
    async (needle) => {
      const kept = { ...chat, derived: new DerivedTables() };
      const state = { search: needle, sort: { column: "__chars", desc: true } };
      const inline = await fetchListPage(engine, chat, state, 0, 1000);
      expect(await fetchListPage(engine, kept, state, 0, 1000)).toEqual(inline);
      expect(keptHits(kept, needle)).not.toBeNull();
      expect(await fetchCount(engine, kept, state)).toBe(inline.length);
      expect(await fetchListPage(engine, kept, state, 0, 1000)).toEqual(inline);
    },
  );

  it.each(needles)("counts raw UltraChat rows containing %s", async (needle) => {
    const expected = rawRows.filter((r) => matches([r.id, ...r.data], needle)).length;
    expect(await fetchCount(engine, raw, { search: needle, sort: null })).toBe(expected);
  });

  it.each(needles)("finds the same rows through the search column (%s)", async (needle) => {
    const copy = async (ds: DatasetRef, name: string) => {
      await engine.query(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM ${ds.table}`);
      return buildSearchText(engine, { ...ds, table: name });
    };
    const [chatIndexed, rawIndexed] = [await copy(chat, "chat_indexed"), await copy(raw, "raw_indexed")];
    expect(chatIndexed.indexed).toBe(true);
    const state = { search: needle, sort: null };
    expect(await fetchCount(engine, chatIndexed, state)).toBe(await fetchCount(engine, chat, state));
    expect(await fetchCount(engine, rawIndexed, state)).toBe(await fetchCount(engine, raw, state));
    expect(await fetchListPage(engine, chatIndexed, state, 0, 5)).toEqual(
      await fetchListPage(engine, chat, state, 0, 5),
    );
    const record = await fetchRecord(engine, chatIndexed, 3);
    expect(record).toEqual(await fetchRecord(engine, chat, 3));
  });

  it("UltraFeedback and binarized pairs: a search read item by item, the joined text and the built search text find the same rows", async () => {
    const derived = new DerivedTables("items");
    const uf = await loadFilesSql(engine, {
      table: "uf_items",
      layout: "ultrafeedback",
      paths: ["false_qa", "sharegpt", "truthful_qa"].map((f) => sampleFile(`ultrafeedback/${f}.jsonl`)),
      derived,
      sqlName: "uf_items_view",
    });
    const pairs = await loadFilesSql(engine, {
      table: "pairs_items",
      layout: "ultrafeedback_binarized",
      paths: [sampleFile("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet")],
      derived,
      sqlName: "pairs_items_view",
    });
    const found: number[] = [];
    for (const ds of [uf, pairs]) {
      const built = await buildSearchText(engine, { ...ds, derived: undefined });
      for (const needle of ["the", "THE ANSWER", "潮", "100%", "\nthe", "'); DROP TABLE", "a\nb"]) {
        const count = async (where: string) =>
          Number((await engine.rows(`SELECT count(*) AS n FROM ${ds.table} WHERE ${where}`, [needle]))[0]!.n);
        const items = await count(searchPredicate(ds, "$1", needle));
        expect(searchPredicate(ds, "$1", needle).includes("list_bool_or")).toBe(!needle.includes("\n"));
        expect(items, needle).toBe(await count(searchPredicate(ds, "$1")));
        expect(items, needle).toBe(await fetchCount(engine, built, { search: needle, sort: null }));
        found.push(items);
      }
    }
    expect(found.filter((n) => n > 0).length).toBeGreaterThanOrEqual(6);
    expect(found[0]).toBe(uf.rows);
  });

  it("builds the search text apart, a slice at a time: every search finds the rows of the plain search, and a record shows none of it", async () => {
    const derived = new DerivedTables("slices");
    const ds: DatasetRef = { ...chat, derived };
    const statements = searchTextStatements(ds, "chat_text", 0, chatRows.length - 1, 7);
    expect(statements).toHaveLength(1 + Math.ceil(chatRows.length / 7));
    // Half built: the page searches the rows themselves until every slice is in.
    for (const sql of statements.slice(0, 4)) await engine.query(sql);
    const half = Number((await engine.rows("SELECT count(*) AS n FROM chat_text"))[0]!.n);
    expect(half).toBe(21);
    for (const needle of needles) {
      const state = { search: needle, sort: null };
      expect(await fetchCount(engine, ds, state)).toBe(
        chatRows.filter((r) =>
          matches(
            r.messages.map((m) => m.content),
            needle,
          ),
        ).length,
      );
    }
    for (const sql of statements.slice(4)) await engine.query(sql);
    const [span] = await engine.rows("SELECT count(*) AS n, count(DISTINCT __row) AS d FROM chat_text");
    expect([Number(span!.n), Number(span!.d)]).toEqual([chatRows.length, chatRows.length]);
    const built: DatasetRef = { ...ds, indexed: true, searchTable: "chat_text", searchApart: true };
    for (const needle of needles) {
      const state = { search: needle, sort: null };
      const expected = chatRows.filter((r) =>
        matches(
          r.messages.map((m) => m.content),
          needle,
        ),
      ).length;
      // inline (a row's search text read from its own table) and kept (the rows read once into a table)
      expect(await fetchCount(engine, { ...built, derived: undefined }, state)).toBe(expected);
      await keepHits(engine, built, needle);
      expect(keptHits(built, needle)).not.toBeNull();
      expect(await fetchCount(engine, built, state)).toBe(expected);
      expect(await fetchListPage(engine, built, state, 0, 1000)).toEqual(
        await fetchListPage(engine, chat, state, 0, 1000),
      );
    }
    const record = await fetchRecord(engine, built, 3);
    expect(record).toEqual(await fetchRecord(engine, chat, 3));
    expect(JSON.stringify(record)).not.toContain("__text");
  });

  it("treats % and _ literally, not as wildcards", async () => {
    expect(await fetchCount(engine, chat, { search: "1_0%", sort: null })).toBe(0);
  });

  it("leaves the tables intact after SQL-looking searches", async () => {
    await fetchCount(engine, chat, { search: "x'); DROP TABLE chat; --", sort: null });
    expect(await fetchCount(engine, chat, { search: "", sort: null })).toBe(
      sampleById("ultrachat_200k-test_sft")!.rows,
    );
  });
});

describe("list, sort and record", () => {
  it("sorts by length in SQL and pages", async () => {
    const lengths = chatRows.map((r) => r.messages.reduce((s, m) => s + m.content.length, 0));
    const page = await fetchListPage(engine, chat, { search: "", sort: { column: "__chars", desc: true } }, 0, 3);
    expect(page.map((r) => r.chars)).toEqual([...lengths].sort((a, b) => b - a).slice(0, 3));
    const second = await fetchListPage(engine, chat, { search: "", sort: { column: "__chars", desc: true } }, 1, 1);
    expect(second[0]!.row).toBe(page[1]!.row);
  });

  it("ignores a sort column that is not offered", async () => {
    const page = await fetchListPage(engine, chat, { search: "", sort: { column: "prompt; DROP", desc: true } }, 0, 2);
    expect(page.map((r) => r.row)).toEqual([0, 1]);
  });

  it("finds where a row stands in the current order", async () => {
    const state = { search: "潮だまり", sort: null };
    const page = await fetchListPage(engine, chat, state, 0, 10);
    expect(await fetchPosition(engine, chat, state, page[2]!.row)).toBe(2);
  });

  it("counts turns and gives roles to raw UltraChat by position", async () => {
    // the sample's one dialogue of 24 turns
    const long = rawRows.findIndex((r) => r.data.length === 24);
    const record = await fetchRecord(engine, raw, long);
    expect(record?.kind).toBe("dialogue");
    if (record?.kind !== "dialogue") return;
    expect(record.messages).toHaveLength(24);
    expect(record.messages.filter((m) => m.role === "user")).toHaveLength(12);
    const [row] = await fetchListPage(engine, raw, { search: "", sort: null }, long, 1);
    expect(row!.turns).toBe(24);
  });
});
