import { describe, expect, it } from "vitest";
import { NO_FILTERS } from "../sql/filters";
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
    const state: ViewState = {
      ...DEFAULT_VIEW,
      ds: "ultrafeedback",
      sort: { column: "__mean_honesty", desc: false },
      filters: {
        ...NO_FILTERS,
        ratings: { honesty: { min: 1, max: 2 }, helpfulness: { min: 4, max: null } },
        overall: { min: null, max: 3.5 },
        fine: { min: 2, max: 2 },
        principles: ["honesty", "verbalized_calibration"],
        disagree: 2.5,
        scope: { kind: "model", model: "o'brien-7b: chat" },
        models: ["gpt-4", "モデル"],
        sources: ["false_qa"],
        na: true,
        chosen: { min: 8, max: null },
        rejected: { min: null, max: 4 },
        margin: { min: -1, max: 0 },
        ties: "only",
      },
      pane: "record",
      models: true,
    };
    const text = serializeViewState(state);
    expect(new URLSearchParams(text).get("honesty")).toBe("1..2");
    expect(new URLSearchParams(text).get("helpfulness")).toBe("4..");
    expect(new URLSearchParams(text).get("fine")).toBe("2");
    expect(new URLSearchParams(text).get("sort")).toBe("mean_honesty.asc");
    expect(new URLSearchParams(text).getAll("model")).toEqual(["gpt-4", "モデル"]);
    expect(parseViewState(new URLSearchParams(text))).toEqual(state);
  });

  it("reads hand-written links: all-completions scope, a bare disagreement flag, junk ignored", () => {
    const v = parseViewState(new URLSearchParams("scope=all&disagree=&honesty=x..&ties=maybe&pane=wide"));
    expect(v.filters.scope).toEqual({ kind: "all" });
    expect(v.filters.disagree).toBe(2.5);
    expect(v.filters.ratings).toEqual({});
    expect(v.filters.ties).toBeNull();
    expect(v.pane).toBe("split");
  });

  it("ignores a row that is not a number", () => {
    expect(parseViewState(new URLSearchParams("row=1;DROP")).row).toBeNull();
  });
});
