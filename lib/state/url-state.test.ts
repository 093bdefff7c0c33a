import { describe, expect, it } from "vitest";
import type { Clause } from "../types";
import { DEFAULT_VIEW, parseViewState, serializeViewState, type ViewState } from "./url-state";

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

  it("ignores a row that is not a number", () => {
    expect(parseViewState(new URLSearchParams("row=1;DROP")).row).toBeNull();
  });
});
