import { describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { loadRecords } from "../test/native-load";
import { readableName, readableViewStatements } from "./views";

describe("readable SQL names", () => {
  it("names a dataset after what the page calls it, the same each time", () => {
    const none = new Set<string>();
    expect(readableName("ultrafeedback", none)).toBe("ultrafeedback");
    expect(readableName("ultrachat_200k-test_sft", none)).toBe("ultrachat_200k_test_sft");
    expect(readableName("hf:HuggingFaceH4/ultrachat_200k:train_sft", none)).toBe("ultrachat_200k_train_sft");
    expect(readableName("hf:openbmb/UltraFeedback:train:sharegpt.jsonl", none)).toBe("ultrafeedback_train");
    expect(readableName("file:test_sft-00000-of-00002.parquet+test_sft-00001-of-00002.parquet", none)).toBe("test_sft");
    expect(readableName("url:https://example.org/data/2024 export.jsonl.gz?x=1", none)).toBe("t_2024_export");
    expect(readableName('file:"; DROP TABLE x; --.jsonl', none)).toBe("drop_table_x");
  });

  it("gives a number to a name another open dataset has", () => {
    expect(readableName("ultrafeedback", new Set(["ultrafeedback"]))).toBe("ultrafeedback_2");
    expect(readableName("ultrafeedback", new Set(["ultrafeedback", "ultrafeedback_2"]))).toBe("ultrafeedback_3");
  });

  it("shows the data's own columns and the row number, and one row per completion", async () => {
    const engine = await NativeEngine.open();
    const ds = await loadRecords(engine, "ds_1", "ultrafeedback", [
      {
        source: "flan",
        instruction: "Name a river.",
        completions: [
          { model: "m1", annotations: { honesty: { Rating: "N/A", Rationale: "" } }, overall_score: 7 },
          { model: "m2", annotations: { honesty: { Rating: "4", Rationale: "" } }, overall_score: 8 },
        ],
      },
    ]);
    for (const sql of readableViewStatements("ultrafeedback", ds.table, ds.layout, ds.columns)) await engine.query(sql);
    const own = await engine.query("SELECT * FROM ultrafeedback");
    expect(own.columns.map((c) => c.name)).toEqual(["row", ...ds.columns]);
    expect(own.rows[0]).toMatchObject({ row: 0, source: "flan", instruction: "Name a river." });
    const per = await engine.rows(
      "SELECT row, idx, model, r_honesty, na_honesty, overall FROM ultrafeedback_completions ORDER BY idx",
    );
    expect(per).toEqual([
      { row: 0, idx: 1, model: "m1", r_honesty: null, na_honesty: 1, overall: 7 },
      { row: 0, idx: 2, model: "m2", r_honesty: 4, na_honesty: 0, overall: 8 },
    ]);
  });
});
