import { describe, expect, it } from "vitest";
import type { Clause } from "../types";
import { DEFAULT_VIEW, LINK_LIMIT, linkPart, parseViewState, serializeViewState, type ViewState } from "./url-state";

describe("view state in the URL", () => {
  it("round-trips every field and drops empty ones", () => {
    const state: ViewState = {
      ...DEFAULT_VIEW,
      ds: "ultrafeedback",
      q: "潮だまり & 100%",
      sort: { column: "__chars", desc: true },
      row: 12,
    };
    const text = serializeViewState(state);
    expect(text).toBe("ds=ultrafeedback&q=%E6%BD%AE%E3%81%A0%E3%81%BE%E3%82%8A+%26+100%25&sort=chars.desc&row=12");
    expect(parseViewState(new URLSearchParams(text))).toEqual(state);
    expect(serializeViewState(DEFAULT_VIEW)).toBe("");
  });

  it("round-trips every filter, the pane and the model summary", () => {
    const clauses: Clause[] = [
      { field: "scope", op: "is", value: "model:o'brien-7b: chat" },
      { field: "honesty", op: "range", range: { min: 1, max: 2 } },
      { field: "helpfulness", op: "range", range: { min: 4, max: null } },
      { field: "overall", op: "range", range: { min: null, max: 3.5 } },
      { field: "fine", op: "range", range: { min: 2, max: 2 } },
      { field: "disagree", op: "at-least", value: 2.5 },
      { field: "principle", op: "in", values: ["honesty", "verbalized_calibration"] },
      { field: "model", op: "in", values: ["gpt-4", "モデル"] },
      { field: "source", op: "in", values: ["false_qa"] },
      { field: "na", op: "on" },
      { field: "chosen", op: "range", range: { min: 8, max: null } },
      { field: "rejected", op: "range", range: { min: null, max: 4 } },
      { field: "margin", op: "range", range: { min: -1, max: 0 } },
      { field: "ties", op: "is", value: "only" },
      { field: "range.score", op: "range", range: { min: 1, max: 3 } },
      { field: "in.lang", op: "in", values: ["ja", "en, us"] },
      { field: "has.answer", op: "has", text: "tide 'pool'" },
    ];
    const state: ViewState = {
      ...DEFAULT_VIEW,
      ds: "ultrafeedback",
      sort: { column: "__mean_honesty", desc: false },
      clauses,
      pane: "record",
      models: true,
    };
    const text = serializeViewState(state);
    expect(new URLSearchParams(text).get("honesty")).toBe("1..2");
    expect(new URLSearchParams(text).get("helpfulness")).toBe("4..");
    expect(new URLSearchParams(text).get("fine")).toBe("2");
    expect(new URLSearchParams(text).get("sort")).toBe("mean_honesty.asc");
    expect(new URLSearchParams(text).getAll("model")).toEqual(["gpt-4", "モデル"]);
    expect(new URLSearchParams(text).getAll("in.lang")).toEqual(["ja", "en, us"]);
    expect(new URLSearchParams(text).get("range.score")).toBe("1..3");
    expect(parseViewState(new URLSearchParams(text))).toEqual(state);
  });

  it("reads hand-written links: all-completions scope, a bare disagreement flag, junk ignored", () => {
    const v = parseViewState(new URLSearchParams("scope=all&disagree=&honesty=x..&ties=maybe&pane=wide"));
    expect(v.clauses).toEqual([
      { field: "scope", op: "is", value: "all" },
      { field: "disagree", op: "at-least", value: 2.5 },
    ]);
    expect(v.pane).toBe("split");
  });

  it("reads a check's earlier name as its new one, and writes the new one", () => {
    const state = parseViewState(new URLSearchParams("ds=ultrafeedback&check=short_response"));
    expect(state.clauses).toEqual([{ field: "check", op: "is", value: "under_length" }]);
    expect(serializeViewState(state)).toContain("check=under_length");
  });

  it("ignores a row that is not a number", () => {
    expect(parseViewState(new URLSearchParams("row=1;DROP")).row).toBeNull();
  });

  it("holds only the start of a search or a query too long for a link, and marks it", () => {
    const q = "潮".repeat(20_000);
    const sql = `SELECT '${"x(".repeat(10_000)}'`;
    const text = serializeViewState({ ...DEFAULT_VIEW, q, sql });
    const params = new URLSearchParams(text);
    expect(params.get("qcut")).toBe("1");
    expect(params.get("sqlcut")).toBe("1");
    // "潮" is 9 characters in a link: 222 of them fit in 2,000.
    expect(params.get("q")).toBe("潮".repeat(222));
    expect(new URLSearchParams({ q: params.get("q")! }).toString().length - 2).toBeLessThanOrEqual(LINK_LIMIT.q);
    expect(new URLSearchParams({ q: params.get("sql")! }).toString().length - 2).toBeLessThanOrEqual(LINK_LIMIT.sql);
    expect(sql.startsWith(params.get("sql")!)).toBe(true);
    expect(text.length).toBeLessThan(12_000);
    const back = parseViewState(params);
    expect(back.cut).toEqual({ q: true, sql: true });
    // Once cut, it stays marked as cut when written again.
    expect(new URLSearchParams(serializeViewState(back)).get("qcut")).toBe("1");
  });

  it("never splits a character in two, and leaves short values whole", () => {
    expect(linkPart("a😀b", 13)).toBe("a😀");
    expect(linkPart("a😀b", 12)).toBe("a");
    expect(linkPart("tide pools", 2000)).toBe("tide pools");
    // as the link writes them: a space is "+", letters are themselves, "!" is "%21"
    expect(linkPart("a b ".repeat(1000), 2000)).toHaveLength(2000);
    expect(linkPart("!".repeat(1000), 30)).toBe("!".repeat(10));
    expect(serializeViewState({ ...DEFAULT_VIEW, q: "tide pools" })).toBe("q=tide+pools");
  });

  it("keeps a base= that is not an http(s) address apart, as it came", () => {
    const v = parseViewState(new URLSearchParams("base=javascript:alert(1)"));
    expect(v.base).toBeNull();
    expect(v.badBase).toBe("javascript:alert(1)");
    expect(serializeViewState(v)).toBe("base=javascript%3Aalert%281%29");
    expect(parseViewState(new URLSearchParams("base=https://mirror.example/hub/")).base).toBe(
      "https://mirror.example/hub",
    );
  });
});
