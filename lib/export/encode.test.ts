import { describe, expect, it } from "vitest";
import { utf8Lines } from "./encode";

describe("utf8Lines", () => {
  const encoder = new TextEncoder();
  const whole = (lines: string[]) => encoder.encode(lines.join(""));

  it("gives the bytes of the lines joined, for every kind of character", () => {
    const lines = [
      '{"a":"plain ASCII"}\n',
      '{"ja":"日本語の文章です。"}\n',
      '{"emoji":"🙂 and 👩‍👩‍👧"}\n',
      '{"rtl":"שלום مرحبا"}\n',
      "\n",
      "",
      // a lone surrogate is written as U+FFFD by both
      '{"lone":"\ud800x"}\n',
    ];
    expect(utf8Lines(lines)).toEqual(whole(lines));
    expect([...utf8Lines(lines).slice(-7)]).toEqual([0xef, 0xbf, 0xbd, 0x78, 0x22, 0x7d, 0x0a]);
  });

  it("grows past its first buffer, line by line and for one line longer than it", () => {
    const many = Array.from({ length: 5_000 }, (_, i) => `${i}:${"語".repeat(i % 50)}\n`);
    expect(utf8Lines(many)).toEqual(whole(many));
    const long = ["x".repeat(300_000), "語".repeat(100_000), "\n"];
    const bytes = utf8Lines(long);
    expect(bytes.length).toBe(300_000 + 300_000 + 1);
    expect(bytes).toEqual(whole(long));
  });

  it("gives no bytes for no lines", () => {
    expect(utf8Lines([]).length).toBe(0);
  });
});
