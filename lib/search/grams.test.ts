import { beforeAll, describe, expect, it } from "vitest";
import { buildSearchIndex, buildSearchText } from "../data/list";
import { WasmNodeEngine } from "../test/wasm-node";
import { searchPredicate, searchWhere, SEARCH_SLICE_ROWS } from "../sql/search";
import { hitsStatement } from "../sql/hits";
import { Params } from "../sql/params";
import type { DatasetRef } from "../types";
import { gramTest, needleMasks } from "./grams";
import { signatureIpc } from "./sign";

/** A seeded generator, so the fixture and the needles drawn from it are the same on every run. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = [
  "glacier",
  "Tide",
  "POOL",
  "sourdough",
  "starter",
  "compost",
  "lighthouse",
  "honey",
  "volcano",
  "İstanbul",
  "\u212aelvin",
  "straße",
  "ÅNGSTRÖM",
  "50%",
  "snake_case",
  "a\\b",
  "C:\\path\\to",
  "'quoted'",
  '"double"',
  "it's",
  "100_000",
  "x%y_z",
  "氷河",
  "潮だまり",
  "天然酵母",
  "渡り鳥",
  "堆肥",
  "灯台",
  "蜂蜜",
  "火山",
  "時間",
  "ソフトウェア",
  "「引用」",
  "、",
  "😀",
  "ⓐ",
  "\n",
  "\t",
  "--",
  "/*",
  "*/",
  "%_%",
  "\\%",
  "naïve",
  "Ωmega",
];

/** Rows of text mixing English, Japanese, quotes, %, _, backslashes and characters with odd cases. */
function fixture(rows: number): (string | null)[] {
  const r = seeded(25);
  return Array.from({ length: rows }, (_, i) => {
    if (i % 997 === 13) return null;
    if (i % 991 === 7) return "";
    // a few long rows, whose signatures are nearly full
    const n = i % 211 === 5 ? 2000 : 3 + Math.floor(r() * 40);
    return Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(r() < 0.5 ? " " : "");
  });
}

let engine: WasmNodeEngine;
const ROWS = SEARCH_SLICE_ROWS + 3_000; // two slices
const plain: DatasetRef = { table: "g", layout: "generic", columns: ["a"] };
let indexed: DatasetRef;
let texts: (string | null)[];

beforeAll(async () => {
  engine = await WasmNodeEngine.open();
  texts = fixture(ROWS);
  await engine.query("CREATE TABLE g_in (a VARCHAR)");
  for (let i = 0; i < ROWS; i += 500) {
    const part = texts.slice(i, i + 500);
    await engine.query(`INSERT INTO g_in VALUES ${part.map((_, k) => `($${k + 1})`).join(", ")}`, part);
  }
  await engine.query("CREATE TABLE g AS SELECT (row_number() OVER () - 1)::BIGINT AS __row, a FROM g_in");
  indexed = await buildSearchIndex(engine, await buildSearchText(engine, plain), {
    sign: async (ipc) => signatureIpc(ipc),
    insert: (table, ipc, create) => engine.insertIpc(table, ipc, create),
  });
}, 120_000);

const rowsOf = async (where: string, needle: string) =>
  (await engine.query(`SELECT __row FROM g WHERE ${where} ORDER BY __row`, [needle])).rows.map((r) => Number(r.__row));

describe("the search index", () => {
  it("is built beside the search text, a signature per row, in two slices", async () => {
    expect(indexed).toMatchObject({
      indexed: true,
      searchApart: true,
      searchTable: "g__search",
      grams: "g__search_grams",
    });
    const [n] = (await engine.query("SELECT count(*) AS n, count(DISTINCT __row) AS d FROM g__search_grams")).rows;
    expect([Number(n!.n), Number(n!.d)]).toEqual([ROWS, ROWS]);
    // the slice's text and its signature stayed together: a row's bits are those of its own text
    for (const row of [3, 17_000, ROWS - 1]) {
      const [r] = (await engine.query(`SELECT __text FROM g__search WHERE __row = ${row}`)).rows;
      const chars = [...String(r!.__text)];
      const pieces = chars.map((_, at) => chars.slice(at, at + 6).join("")).filter((p) => needleMasks(p));
      expect(pieces.length).toBeGreaterThan(0);
      const where = pieces.map((p) => `(${gramTest(needleMasks(p)!)})`).join(" AND ");
      const ok = await engine.query(`SELECT __row FROM g__search_grams WHERE ${where}`);
      expect(ok.rows.map((x) => Number(x.__row))).toContain(row);
    }
  });

  it("answers only needles it can narrow exactly", () => {
    for (const n of ["glacier", "GLACIER", "氷河", "氷", "a%_", "\\\\x", "it's", "50%"])
      expect(needleMasks(n)).not.toBeNull();
    for (const n of ["", "ab", "%_", "straße", "ÅNG", "naïve", "ⓐⓐⓐ", "Ωmega"]) expect(needleMasks(n)).toBeNull();
  });

  it("finds exactly the rows of the plain substring search: English, Japanese, quotes, %, _, backslashes", async () => {
    const r = seeded(7);
    const drawn: string[] = [];
    while (drawn.length < 200) {
      const t = texts[Math.floor(r() * ROWS)];
      if (!t) continue;
      const chars = [...t];
      const at = Math.floor(r() * chars.length);
      const piece = chars.slice(at, at + 1 + Math.floor(r() * 14)).join("");
      drawn.push(r() < 0.3 ? piece.toUpperCase() : piece);
    }
    const fixed = [
      "glacier",
      "GLACIER",
      "氷河",
      "堆肥 灯台",
      "'quoted'",
      '"double"',
      "it's",
      "50%",
      "x%y_z",
      "%_%",
      "snake_case",
      "a\\b",
      "C:\\PATH",
      "\\%",
      "istanbul",
      "kelvin",
      "ss",
      "t\ni",
      "😀",
      "lighthouse honey",
      "zzqxj",
    ];
    let narrowed = 0;
    for (const needle of [...fixed, ...drawn]) {
      const expected = await rowsOf(searchPredicate(plain, "$1", needle), needle);
      const got = await rowsOf(searchPredicate(indexed, "$1", needle), needle);
      expect(got, JSON.stringify(needle)).toEqual(expected);
      const params = new Params();
      expect(searchWhere(indexed, needle, (v) => params.add(v)).includes("CASE WHEN")).toBe(
        needleMasks(needle) !== null,
      );
      if (needleMasks(needle)) narrowed++;
    }
    expect(narrowed).toBe(138);
    const counts = [];
    for (const needle of fixed) counts.push((await rowsOf(searchPredicate(indexed, "$1", needle), needle)).length);
    expect(counts).toEqual([
      7337, 7337, 7357, 132, 7269, 7332, 7276, 7355, 7201, 7367, 7349, 7287, 7317, 7308, 7300, 7479, 454, 10, 7333, 143,
      0,
    ]);
  }, 120_000);

  it("reads only the rows whose signature holds the needle's bits", async () => {
    const masks = needleMasks("lighthouse honey")!;
    const [c] = (await engine.query(`SELECT count(*) AS n FROM g__search_grams WHERE ${gramTest(masks)}`)).rows;
    const candidates = Number(c!.n);
    const hits = (await rowsOf(searchPredicate(indexed, "$1", "lighthouse honey"), "lighthouse honey")).length;
    expect(hits).toBeGreaterThan(0);
    expect(candidates).toBeGreaterThanOrEqual(hits);
    expect(candidates).toBeLessThan(ROWS / 5);
  });

  it("keeps a search's hits through the index, the same rows", async () => {
    for (const [i, needle] of ["氷河", "GLACIER", "50%"].entries()) {
      const q = hitsStatement(indexed, `kept_${i}`, needle);
      expect(q.sql).toContain("CASE WHEN");
      await engine.query(q.sql, q.params);
      const kept = (await engine.query(`SELECT __row FROM kept_${i} ORDER BY __row`)).rows.map((x) => Number(x.__row));
      expect(kept).toEqual(await rowsOf(searchPredicate(plain, "$1", needle), needle));
    }
  });

  it("is dropped when its signatures are not row for row beside the text, and the search goes on without it", async () => {
    const text = { ...plain, table: "g", indexed: true, searchApart: true, searchTable: "g__search" };
    const lost = buildSearchIndex(engine, text, {
      sign: async (ipc) => signatureIpc(ipc),
      // the second slice's signatures never arrive
      insert: (table, ipc, create) => (create ? engine.insertIpc(table, ipc, true) : Promise.resolve()),
    });
    await expect(lost).rejects.toThrow("the search index of g is out of step with its text");
    const left = await engine.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'g__search_grams'");
    expect(Number(left.rows[0]!.n)).toBe(0);
  });
});
