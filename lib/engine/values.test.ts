import { beforeAll, describe, expect, it } from "vitest";
import { WasmNodeEngine } from "../test/wasm-node";
import { NativeEngine } from "./native";

/** Values JavaScript cannot hold as they come (or as Arrow's JS hands them over), each with its exact form. */
const CASES: [string, string, unknown][] = [
  ["d", "12345678901234567.89::DECIMAL(38,2)", "12345678901234567.89"],
  ["d2", "1.50::DECIMAL(4,2)", "1.50"],
  ["neg", "(-12.5)::DECIMAL(5,2)", "-12.50"],
  ["small_dec", "0.05::DECIMAL(5,2)", "0.05"],
  ["b", "9007199254740993::BIGINT", "9007199254740993"],
  ["small", "42::BIGINT", 42],
  ["u", "18446744073709551615::UBIGINT", "18446744073709551615"],
  ["h", "170141183460469231731687303715884105727::HUGEINT", "170141183460469231731687303715884105727"],
  ["dt", "DATE '2020-01-01'", "2020-01-01"],
  ["ts", "TIMESTAMP '2020-01-01 10:00:00.123456'", "2020-01-01 10:00:00.123456"],
  ["ts0", "TIMESTAMP '1969-12-31 23:59:59'", "1969-12-31 23:59:59"],
  ["tm", "TIME '10:11:12.5'", "10:11:12.5"],
  ["iv", "INTERVAL '1 year 2 months 3 days 04:05:06.5'", "1 year 2 months 3 days 04:05:06.5"],
  ["iv3", "INTERVAL 3 DAY", "3 days"],
  ["uu", "uuid '3f2504e0-4f89-11d3-9a0c-0305e82c3301'", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"],
  ["n", "'nan'::DOUBLE", NaN],
  ["i", "'inf'::DOUBLE", Infinity],
  ["ni", "'-inf'::DOUBLE", -Infinity],
  ["bl", "'\\xAA\\x41'::BLOB", "\\xAAA"],
  ["dl", "[DATE '2020-01-02', NULL]", ["2020-01-02", null]],
];

const select = `SELECT ${CASES.map(([name, expr]) => `${expr} AS ${name}`).join(", ")}`;

let wasm: WasmNodeEngine;
let native: NativeEngine;
beforeAll(async () => {
  [wasm, native] = await Promise.all([WasmNodeEngine.open(), NativeEngine.open()]);
});

describe("values leave the engine as DuckDB holds them", () => {
  it.each(["wasm", "native"] as const)("in %s DuckDB: exact text where a number would change", async (which) => {
    const [row] = (await (which === "wasm" ? wasm : native).query(select)).rows;
    for (const [name, , expected] of CASES) expect([name, row![name]]).toEqual([name, expected]);
  });

  it("the text is DuckDB's own (what CAST AS VARCHAR writes)", async () => {
    const texts = CASES.filter(([, , v]) => typeof v === "string");
    const [cast] = await native.rows(`SELECT ${texts.map(([n, e]) => `CAST(${e} AS VARCHAR) AS ${n}`).join(", ")}`);
    for (const [name, , expected] of texts) expect([name, cast![name]]).toEqual([name, expected]);
  });

  it.each(["wasm", "native"] as const)("in %s DuckDB: names of Object's own keep their values", async (which) => {
    const sql = `SELECT {'__proto__': 1, 'toString': 'x', 'constructor': 2} AS p, 3 AS "valueOf", 4 AS "__proto__"`;
    const [row] = (await (which === "wasm" ? wasm : native).query(sql)).rows;
    expect(Object.keys(row!)).toEqual(["p", "valueOf", "__proto__"]);
    expect(Object.getOwnPropertyDescriptor(row, "__proto__")?.value).toBe(4);
    expect(row!.valueOf).toBe(3);
    const p = row!.p as Record<string, unknown>;
    expect(Object.keys(p)).toEqual(["__proto__", "toString", "constructor"]);
    expect([Object.getOwnPropertyDescriptor(p, "__proto__")?.value, p.toString, p.constructor]).toEqual([1, "x", 2]);
  });

  it.each(["wasm", "native"] as const)("in %s DuckDB: an empty result keeps its columns", async (which) => {
    const answer = await (which === "wasm" ? wasm : native).query("SELECT 1::DECIMAL(9,2) AS x WHERE false");
    expect(answer).toEqual({ columns: [{ name: "x", type: "DECIMAL(9,2)" }], rows: [] });
  });
});
