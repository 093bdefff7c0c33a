import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonl, realJson, REAL } from "../test/fixtures";
import { describeReal } from "../test/real";
import { detectLayout } from "./registry";

describeReal("detectLayout on the published layouts", () => {
  it.each([
    ["ultrachat_200k.train_sft.row0.first4messages.json", "ultrachat_200k"],
    ["ultrafeedback_binarized.train_prefs.row0.json", "ultrafeedback_binarized"],
    ["ultrafeedback_binarized.card_example.json", "ultrafeedback_binarized"],
    ["ultrafeedback_raw.readme_example.partial.json", "ultrafeedback"],
    ["ultrafeedback_raw.legacy_layout.partial.json", "ultrafeedback"],
  ])("%s is %s", (file, layout) => {
    expect(detectLayout(Object.keys(realJson(file)))).toEqual({ layout });
  });

  it("reads raw UltraChat from its id and data", () => {
    const [line] = jsonl(join(REAL, "ultrachat_raw.train_0.line1.jsonl"));
    expect(detectLayout(Object.keys(line!))).toEqual({ layout: "ultrachat_raw" });
  });
});

describe("detectLayout on column names", () => {
  it("names the columns a half-matching file lacks", () => {
    expect(detectLayout(["prompt", "chosen"])).toEqual({
      layout: "ultrafeedback_binarized",
      missing: ["rejected", "score_chosen", "score_rejected"],
    });
    expect(detectLayout(["completions"])).toEqual({ layout: "ultrafeedback", missing: ["instruction"] });
  });

  it("opens anything else as a generic table", () => {
    expect(detectLayout(["question", "answer", "score"])).toEqual({ layout: "generic" });
  });
});
