import { beforeAll, describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { asksShortAnswer, asksShortAnswerSql } from "./questions";

const SHORT = [
  "Is seawater heavier than fresh water?",
  "Does a sea star have a brain?",
  "isn't the moon bigger than Mars?",
  "Answer yes or no: can penguins fly?",
  "True or false: glaciers move.",
  "Name the capital of France in one word.",
  "海水は真水より重いですか？",
  "一言で答えてください。ヤドカリを真水に移すとどうなりますか？",
  "ペンギンは飛べるの？",
  "Is\u00a0seawater heavier than fresh water?",
  "\ufeffIs seawater heavier than fresh water?",
  "海水は真水より重いですか？\u3000",
];
const LONG = [
  "Can you write a poem about the sea?",
  "Would you explain how tides work?",
  "Is it true that tides follow the moon? Explain why, with examples? Please.",
  "Why do people say that mountain glaciers depend on the local climate?",
  "What is the best way to explain tide pools to a beginner?",
  "Write a short guide about honeybee colonies, with a list of steps.",
  "Explain what a rip current is.",
  "堆肥を長持ちさせるこつは何ですか？",
  "潮だまりが池より凍りにくいのはなぜですか？",
  "灯台のレンズについて初心者にもわかるように説明してください。",
  "Write a function that returns true or false for a leap year, with tests.",
  "Explain in detail why a single word can change a sentence's meaning.",
  "",
];

describe("questions a short answer can answer whole", () => {
  it("knows yes/no and one-word questions, in English and Japanese, and not requests or open questions", () => {
    expect(SHORT.filter((q) => !asksShortAnswer(q))).toEqual([]);
    expect(LONG.filter((q) => asksShortAnswer(q))).toEqual([]);
    expect(asksShortAnswer(null)).toBe(false);
  });

  describe("DuckDB reads the rule the same way", () => {
    let engine: NativeEngine;
    beforeAll(async () => {
      engine = await NativeEngine.open();
    });
    it("on every example", async () => {
      const all = [...SHORT, ...LONG];
      const read = [];
      for (const q of all)
        read.push((await engine.rows(`SELECT ${asksShortAnswerSql("$1::VARCHAR")} AS short`, [q]))[0]!.short);
      expect(read).toEqual(all.map(asksShortAnswer));
    });
  });
});
