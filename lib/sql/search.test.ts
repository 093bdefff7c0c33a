import { beforeAll, describe, expect, it } from "vitest";
import { WasmNodeEngine } from "../test/wasm-node";
import { Params } from "./params";
import { asciiCasePattern, searchPredicate, searchWhere, uncased } from "./search";

let engine: WasmNodeEngine;
beforeAll(async () => {
  engine = await WasmNodeEngine.open();
}, 60_000);

describe("a needle without case", () => {
  it("is told from one with case, a symbol or a combining mark", () => {
    for (const n of ["氷河", "潮だまり", "ソフトウェア、ー々", "100%", "3.14 — 2,000", "「」？！"])
      expect(uncased(n)).toBe(true);
    for (const n of ["glacier", "氷河 moto", "ß", "ǆ", "ⓐ", "ⅰ", "i\u0307", "", "€"]) expect(uncased(n)).toBe(false);
  });

  it("in the page's engine, no character of that kind changes when lowercased, and none lowercases to one", async () => {
    // every code point DuckDB's lower() changes, and what it makes of it
    const { rows } = await engine.query(
      "SELECT i::INTEGER AS i, lower(chr(i::INTEGER)) AS l FROM range(1, 1114112) t(i) " +
        "WHERE (i < 55296 OR i > 57343) AND lower(chr(i::INTEGER)) <> chr(i::INTEGER)",
    );
    expect(rows.length).toBeGreaterThan(1000);
    const problems = rows.flatMap((r) => {
      const from = String.fromCodePoint(Number(r.i));
      const to = String(r.l);
      return uncased(from) || [...to].some(uncased) ? [`${from} → ${to}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("is searched in the text as it is, and finds the rows the lowercased search finds", async () => {
    const ds = { table: "t", layout: "generic" as const, columns: ["a"] };
    const texts = ["ÅNGSTRÖM 氷河", "Ⓐⓐ 100%", "ẞ straße", "氷河期", "İstanbul", "ＡＢＣ 「引用」", "\u212a ok"];
    const values = texts.map((_, i) => `($${i + 1})`).join(", ");
    await engine.query(`CREATE OR REPLACE TABLE t AS SELECT * FROM (VALUES ${values}) v(a)`, texts);
    const found: number[] = [];
    for (const needle of ["氷河", "100%", "「引用」", "ß", "ⓐ", "k", "ｂｃ", "i̇"]) {
      const plain = searchPredicate(ds, "$1", needle);
      const lowered = searchPredicate(ds, "$1");
      expect(plain.includes("lower(")).toBe(!uncased(needle));
      const count = async (where: string) =>
        Number((await engine.query(`SELECT count(*) AS n FROM t WHERE ${where}`, [needle])).rows[0]!.n);
      found.push(await count(plain));
      expect(found.at(-1), needle).toBe(await count(lowered));
    }
    expect(found).toEqual([2, 1, 1, 1, 1, 1, 1, 0]);
  });
});

describe("a needle of ASCII only", () => {
  it("in the page's engine, only İ and the Kelvin sign lowercase into ASCII from beyond it, each to one character", async () => {
    const { rows } = await engine.query(
      "SELECT i::INTEGER AS i, lower(chr(i::INTEGER)) AS l FROM range(128, 1114112) t(i) " +
        "WHERE (i < 55296 OR i > 57343) AND (ascii(lower(chr(i::INTEGER))) < 128 OR length(lower(chr(i::INTEGER))) <> 1)",
    );
    expect(rows.map((r) => [Number(r.i), String(r.l)])).toEqual([
      [0x130, "i"],
      [0x212a, "k"],
    ]);
  });

  it("is found by its pattern in exactly the rows the lowercased text holds it in, whatever its characters", async () => {
    const ds = { table: "t", layout: "generic" as const, columns: ["a"] };
    const texts = [
      "İSTANBUL in winter",
      "Kelvin: 300 \u212a",
      "the \u212aelvin scale",
      "ſtraße and STRASSE",
      "100% sure, 50 % not",
      "a_b and a-b",
      'C:\\path\\to it\'s "quoted"',
      "two words\nline two",
      "氷河 Moto 氷河",
      "MOTO",
      "[brackets] (a+b)*c ^$ .?",
      null,
    ];
    const values = texts.map((_, i) => `($${i + 1})`).join(", ");
    await engine.query(`CREATE OR REPLACE TABLE t AS SELECT * FROM (VALUES ${values}) v(a)`, texts);
    const needles = [
      ["istanbul", 1],
      ["KELVIN", 2],
      ["strasse", 1],
      ["100%", 1],
      ["a_b", 1],
      ["\\path\\", 1],
      ["it's \"", 1],
      ["WORDS\nLINE", 1],
      ["moto", 2],
      ["[BRACKETS] (A+B)*C ^$ .?", 1],
      ["%", 1],
      ["_", 1],
      ["nowhere", 0],
    ] as const;
    for (const [needle, expected] of needles) {
      const params = new Params();
      const where = searchWhere(ds, needle, (v) => params.add(v));
      // (a needle without case, as 100%, is read as it is: see above)
      expect(where.includes("regexp_matches("), needle).toBe(!uncased(needle));
      expect(where, needle).not.toContain("lower(");
      const rowsOf = async (sql: string, values: string[]) =>
        (await engine.query(`SELECT list(rowid ORDER BY rowid) AS r FROM t WHERE ${sql}`, values)).rows[0]!.r;
      const found = await rowsOf(where, params.values as string[]);
      expect(found, needle).toEqual(await rowsOf("contains(lower(a), lower($1))", [needle]));
      expect(found === null ? 0 : (found as unknown[]).length, needle).toBe(expected);
    }
  });

  it("has no pattern when a character lies beyond ASCII, and no character of the needle is written in the pattern as it is", () => {
    expect(asciiCasePattern("glacier 氷河")).toBeNull();
    expect(asciiCasePattern("")).toBeNull();
    expect(asciiCasePattern("Ik.*")).toBe("[iI\u0130][kK\u212a]\\x{2e}\\x{2a}");
  });
});
