import { describe, expect, it } from "vitest";
import { parseViewState, serializeViewState } from "./url-state";

describe("view state in the URL", () => {
  it("round-trips every field and drops empty ones", () => {
    const state = { ds: "ultrafeedback", q: "潮だまり & 100%", sort: { column: "__chars", desc: true }, row: 12 };
    const text = serializeViewState(state);
    expect(text).toBe("ds=ultrafeedback&q=%E6%BD%AE%E3%81%A0%E3%81%BE%E3%82%8A+%26+100%25&sort=chars.desc&row=12");
    expect(parseViewState(new URLSearchParams(text))).toEqual(state);
    expect(serializeViewState({ ds: null, q: "", sort: null, row: null })).toBe("");
  });

  it("ignores a row that is not a number", () => {
    expect(parseViewState(new URLSearchParams("row=1;DROP")).row).toBeNull();
  });
});
