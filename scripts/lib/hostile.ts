/**
 * Fixtures of files that change on the way in or out unless read with care: numbers a double does
 * not hold, bytes that are not UTF-8, column names that are JavaScript's own, typed Parquet columns,
 * ratings off any scale, text that reorders its neighbours, and two files of one name.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import type { Rand } from "./synthetic-text";
import { ufRow } from "./records";
import { writeJsonl, writeText } from "./write";

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...utf8(p)] : p)));

/** A row of the released UltraFeedback layout whose ratings and scores are numbers off any scale. */
function offScale(r: Rand): string {
  const row = ufRow(r, "sharegpt", 4, {}) as { completions: { annotations: Record<string, { Rating: string }> }[] };
  const [first, second] = row.completions;
  first!.annotations.honesty!.Rating = "NaN";
  first!.annotations.helpfulness!.Rating = "Infinity";
  second!.annotations.honesty!.Rating = "1e400";
  // JSON.stringify cannot write a number no double holds: it is put in as text.
  return JSON.stringify(row).replace(/"overall_score":[^,}]+/, '"overall_score":1e400');
}

/** A row whose second model's name holds a right-to-left override. */
function rightToLeft(r: Rand) {
  const row = ufRow(r, "sharegpt", 4, {}) as { models: string[]; completions: { model: string }[] };
  const name = "rtl-\u202Eledom";
  row.models[1] = name;
  row.completions[1]!.model = name;
  return row;
}

export async function writeHostileFixtures(fixture: (p: string) => string, r: Rand) {
  writeText(
    fixture("big-numbers.jsonl"),
    [
      '{"name":"first","big":9007199254740993,"huge":12345678901234567890,"price":12345678901234567.89,"far":1e400,"small":3}',
      '{"name":"second","big":5,"huge":7,"price":1.5,"far":2,"small":4}',
      '{"name":"third","big":9007199254740993,"huge":8,"price":2.25,"far":3,"small":5}',
    ].join("\n") + "\n",
  );
  writeText(
    fixture("not-utf8.jsonl"),
    bytes(
      '{"id":"1","text":"café, all UTF-8"}\n',
      '{"id":"2","text":"one bad byte ',
      [0xff],
      " and a cut one ",
      [0xc3],
      '!"}\n',
      '{"id":"3","text":"a real \uFFFD stays as it is"}\n',
    ),
  );
  // Written as text: an object literal's `__proto__` would set a prototype instead of a key.
  writeText(
    fixture("js-names.jsonl"),
    [1, 2]
      .map(
        (i) =>
          `{"constructor":"c${i}","toString":"t${i}","valueOf":${i},"hasOwnProperty":"h${i}","__proto__":"p${i}","plain":"x${i}"}`,
      )
      .join("\n") + "\n",
  );
  writeText(fixture("ultrafeedback-offscale.jsonl"), offScale(r) + "\n");
  writeJsonl(fixture("ultrafeedback-rtl.jsonl"), [rightToLeft(r)]);
  writeJsonl(fixture("same-name/a/same.jsonl"), [{ side: "a", n: 1 }]);
  writeJsonl(fixture("same-name/b/same.jsonl"), [
    { side: "b", n: 2 },
    { side: "b", n: 3 },
  ]);
  const long = `${"a".repeat(2399)}😀 and the rest of the turn`;
  writeJsonl(fixture("long-emoji.jsonl"), [{ id: "0", data: ["Tell me a long story.", long] }]);
  // A record as "Copy row as JSON" and the published card examples give it: one object, pretty-printed.
  writeText(fixture("pretty-row.json"), JSON.stringify(ufRow(r, "sharegpt", 4, {}), null, 2) + "\n");

  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(
    `COPY (SELECT 12345678901234567.89::DECIMAL(38,2) AS price, 9007199254740993::BIGINT AS big, ` +
      `18446744073709551615::UBIGINT AS umax, DATE '2020-01-01' AS day, TIMESTAMP '2020-01-01 10:00:00.123456' AS at, ` +
      `TIME '10:11:12.5' AS clock, '\\xAA\\x41'::BLOB AS raw, ` +
      `'nan'::DOUBLE AS nan, 'inf'::DOUBLE AS inf, {'__proto__': 1, 'toString': 'x'} AS obj) ` +
      `TO '${fixture("typed.parquet").replaceAll("'", "''")}' (FORMAT parquet)`,
  );
}
