import { beforeAll, describe, expect, it } from "vitest";
import { WasmNodeEngine } from "../test/wasm-node";
import { searchPredicate, uncased } from "./search";

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
