import { beforeAll, describe, expect, it } from "vitest";
import { fetchCount, fetchListPage } from "../data/list";
import { NativeEngine } from "../engine/native";
import { ident } from "../sql/ident";
import { Params } from "../sql/params";
import { loadGeneric, loadRecords } from "../test/native-load";
import type { Clause, DatasetRef, ListState } from "../types";
import { columnFieldId } from "./columns";
import { activeClauses, whereClause } from "./where";

/** A table of no known layout: a number, a text with a quote in its name, Japanese, an empty value. */
const ROWS = [
  { "it's": "Tide pools freeze at night", score: 4, lang: "en", n: 1 },
  { "it's": "潮だまりは凍らない", score: 2.5, lang: "ja", n: 2 },
  { "it's": "100% sure_not a wildcard", score: 5, lang: "en", n: 3 },
  { "it's": "Glaciers move slowly", score: null, lang: "en", n: 4 },
  { "it's": "氷河はゆっくり動く", score: 1, lang: "ja", n: 5 },
  { "it's": "TIDE charts", score: 3, lang: "fr", n: 6 },
];

let engine: NativeEngine;
let table: DatasetRef;

const state = (clauses: Clause[], search = ""): ListState => ({ search, sort: null, clauses });
const rows = async (clauses: Clause[], search = "") =>
  (await fetchListPage(engine, table, state(clauses, search), 0, 100)).map((r) => r.row);
const range = (column: string, min: number | null, max: number | null): Clause => ({
  field: columnFieldId("range", column),
  op: "range",
  range: { min, max },
});
const values = (column: string, ...v: string[]): Clause => ({
  field: columnFieldId("in", column),
  op: "in",
  values: v,
});
const has = (column: string, text: string): Clause => ({ field: columnFieldId("has", column), op: "has", text });

beforeAll(async () => {
  engine = await NativeEngine.open();
  table = await loadGeneric(engine, "g", ROWS);
});

describe("the column clause, on any column of a generic table", () => {
  it("keeps a numeric range (a row without a value is outside every range)", async () => {
    expect(table.columnTypes?.score).toBe("DOUBLE");
    expect(await rows([range("score", 2.5, 4)])).toEqual([0, 1, 5]);
    expect(await rows([range("score", null, 2.5)])).toEqual([1, 4]);
    expect(await rows([range("score", 5, null)])).toEqual([2]);
  });

  it("keeps a set of values, compared as the text DuckDB shows", async () => {
    expect(await rows([values("lang", "ja", "fr")])).toEqual([1, 4, 5]);
    expect(await rows([values("n", "2", "6")])).toEqual([1, 5]);
    expect(await rows([values("lang", "en' OR 1=1 --")])).toEqual([]);
  });

  it("matches text case-insensitively and literally, in a column whose name holds a quote", async () => {
    expect(await rows([has("it's", "tide")])).toEqual([0, 5]);
    expect(await rows([has("it's", "潮だまり")])).toEqual([1]);
    expect(await rows([has("it's", "0% sure_")])).toEqual([2]);
    expect(await rows([has("it's", "%")])).toEqual([2]);
  });

  it("combines clauses with each other and with search", async () => {
    expect(await rows([values("lang", "en"), range("score", 4, null)])).toEqual([0, 2]);
    expect(await rows([values("lang", "en", "fr")], "tide")).toEqual([0, 5]);
  });

  it("leaves out a clause on a column the dataset does not have", async () => {
    const stray = values("no such column", "x");
    expect(activeClauses(table, [stray, values("lang", "ja")])).toEqual([values("lang", "ja")]);
    expect(await rows([stray])).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe("where(except): everything but one clause", () => {
  const clauses = [values("lang", "en"), range("score", 3, null)];

  it("counts as if the left-out clause were not there", async () => {
    const without = async (except: string) => {
      const params = new Params();
      const sql = `SELECT count(*) AS n FROM ${ident(table.table)} ${whereClause(table, state(clauses, "tide"), params, except)}`;
      return Number((await engine.rows(sql, params.values))[0]!.n);
    };
    expect(await without(clauses[0]!.field)).toBe(await fetchCount(engine, table, state([clauses[1]!], "tide")));
    expect(await without(clauses[1]!.field)).toBe(await fetchCount(engine, table, state([clauses[0]!], "tide")));
    expect(await without("search")).toBe(await fetchCount(engine, table, state(clauses)));
    expect(await without(clauses[0]!.field)).toBe(2);
  });

  it("lets a chart of a column count its bars in the context of the other clauses", async () => {
    const params = new Params();
    const where = whereClause(table, state(clauses), params, clauses[0]!.field);
    const bars = await engine.rows(
      `SELECT lang, count(*) AS n FROM ${ident(table.table)} ${where} GROUP BY lang ORDER BY lang`,
      params.values,
    );
    // score ≥ 3 leaves rows 0 (en), 2 (en) and 5 (fr); the chart's own clause (lang = en) is not applied.
    expect(bars).toEqual([
      { lang: "en", n: 2 },
      { lang: "fr", n: 1 },
    ]);
  });

  it("regroups the completion conditions of UltraFeedback without the left-out one", async () => {
    const completion = (model: string, honesty: string, overall: number) => ({
      model,
      annotations: { honesty: { Rating: honesty, Rationale: "" } },
      overall_score: overall,
    });
    const uf = await loadRecords(engine, "uf", "ultrafeedback", [
      { instruction: "a", completions: [completion("m1", "1", 9), completion("m2", "5", 2)] },
      { instruction: "b", completions: [completion("m1", "5", 9)] },
      { instruction: "c", completions: [completion("m2", "1", 2)] },
    ]);
    const both: Clause[] = [
      { field: "honesty", op: "range", range: { min: null, max: 1 } },
      { field: "overall", op: "range", range: { min: 9, max: null } },
    ];
    const count = async (except?: string) => {
      const params = new Params();
      const sql = `SELECT count(*) AS n FROM ${ident(uf.table)} ${whereClause(uf, state(both), params, except)}`;
      return Number((await engine.rows(sql, params.values))[0]!.n);
    };
    // Both on the same completion: only prompt a's m1 (honesty 1, overall 9).
    expect(await count()).toBe(1);
    expect(await count("overall")).toBe(2);
    expect(await count("honesty")).toBe(2);
  });
});
