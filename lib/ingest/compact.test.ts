import { beforeAll, describe, expect, it } from "vitest";
import { WasmNodeEngine } from "../test/wasm-node";
import { COMPACT_EVERY, compactWhenFull, compactor } from "./append";
import { loadNeed, memoryInUse, memoryNeed, MemoryProblem, memoryPlanner, memoryProblem } from "./memory";

/**
 * A large load is compressed as it comes: the page's engine (DuckDB-WASM, here in Node) compresses the
 * rows appended since its last checkpoint, the rows read back the same, and the memory plan counts it.
 */

const WORDS = ["glacier", "tide", "pool", "sourdough", "lighthouse", "氷河", "潮だまり", "compost", "honey", "42"];

/** Dialogues of generated words: 20,000 rows of 40–240 words, in ultrachat_200k's shape. */
const FILL =
  `CREATE TABLE dialogues AS SELECT i AS __row, 'p' || i AS prompt_id, ` +
  `[{'role': 'user', 'content': w}, {'role': 'assistant', 'content': w || ' ' || w}] AS messages FROM (` +
  `SELECT i, array_to_string(list_transform(range(40 + (i * 7919) % 200), ` +
  `j -> ['${WORDS.join("', '")}'][1 + ((i * 31 + j * 17) % ${WORDS.length})]), ' ') AS w FROM range(20000) t(i))`;

const CONTENT = `SELECT count(*) AS n, sum(hash(prompt_id, messages)) AS h, sum(len(messages[2].content)) AS chars FROM dialogues`;

let engine: WasmNodeEngine;
beforeAll(async () => {
  engine = await WasmNodeEngine.open();
});

describe("compressing a load as it comes", () => {
  it("compresses the text at a checkpoint, to under a third of its memory, with every value as it was", async () => {
    await engine.query(FILL);
    const before = (await engine.query(CONTENT)).rows[0];
    const held = await memoryInUse(engine);
    const compressed = async () =>
      (
        await engine.query(
          `SELECT count(*) FILTER (WHERE compression <> 'Uncompressed') AS c, count(*) AS n ` +
            `FROM pragma_storage_info('dialogues') WHERE column_name = 'messages' AND segment_type = 'VARCHAR'`,
        )
      ).rows[0]!;
    expect(Number((await compressed()).c)).toBe(0);

    const compaction = compactor(engine);
    await compaction.appended(COMPACT_EVERY - 1);
    // not yet: less than one stretch was appended
    expect(Number((await compressed()).c)).toBe(0);
    await compaction.appended(1);
    const after = await compressed();
    expect(Number(after.n)).toBeGreaterThan(0);
    expect(Number(after.c)).toBe(Number(after.n));
    const now = await memoryInUse(engine);
    expect(now).toBeLessThan(held / 3);
    expect((await engine.query(CONTENT)).rows[0]).toEqual(before);
    expect(Number(before!.n)).toBe(20000);
    // the text of a known row, whole
    const row = (await engine.query(`SELECT messages[1].content AS c FROM dialogues WHERE __row = 3`)).rows[0]!;
    expect(String(row.c).split(" ")).toHaveLength(40 + ((3 * 7919) % 200));
    expect(String(row.c).split(" ")[0]).toBe(WORDS[1 + ((3 * 31) % WORDS.length) - 1]);
  });
});

describe("making room", () => {
  it("compresses what is open only when the engine holds more than asked", async () => {
    await engine.query(FILL.replace("CREATE TABLE dialogues", "CREATE TABLE more"));
    const held = await memoryInUse(engine);
    expect(await compactWhenFull(engine, held + 1)).toBe(false);
    expect(await memoryInUse(engine)).toBe(held);
    expect(await compactWhenFull(engine, held / 2)).toBe(true);
    expect(await memoryInUse(engine)).toBeLessThan(held / 2);
  });
});

describe("the memory plan of a load", () => {
  const GB = 1e9;
  it("plans a load as it is when it fits, else compressed as it comes", () => {
    const budget = 3 * 1024 ** 3;
    const small = [{ name: "test_sft.parquet", bytes: 77_593_648 }];
    expect(loadNeed(small, budget)).toEqual({ need: 77_593_648 * 3.2, compressed: false });
    // train_sft's three shards: 702 MB of Parquet, 2.25 GB as they are
    const train = [234_412_811, 233_005_280, 234_785_579].map((bytes, i) => ({
      name: `train_sft-${i}.parquet`,
      bytes,
    }));
    const full = 702_203_670 * 3.2;
    expect(memoryNeed(train)).toBeCloseTo(full, 0);
    expect(loadNeed(train, budget)).toEqual({ need: full, compressed: false });
    // beside 1.5 GB already open it does not fit as it is
    expect(loadNeed(train, budget - 1.5 * GB)).toEqual({ need: full * 0.25 + 0.5 * 1024 ** 3, compressed: true });
  });

  it("says what a refused load needs, compressed and as it is", () => {
    const raw = Array.from({ length: 10 }, (_, i) => ({ name: `train_${i}.jsonl`, bytes: 0.93 * GB }));
    const message = memoryProblem("UltraChat (raw) · train", raw, 3 * 1024 ** 3, 0, true);
    expect(message).toBe(
      "UltraChat (raw) · train: 10 files of 9.3 GB need about 3.6 GB of memory (compressed as they load; 12 GB as " +
        "they are) in this page, which can hold about 3.2 GB. Load fewer shards (choose files in the catalog) or a " +
        "smaller split, or reload the page to free what is open.",
    );
    expect(memoryProblem("train_sft", [{ name: "a.parquet", bytes: 702e6 }], 3 * 1024 ** 3, 2 * GB, true)).toBeNull();
  });
});

describe("planning a load against what is open", () => {
  const GiB = 1024 ** 3;
  const budget = 3 * GiB;
  /** An engine that holds `held` bytes, a fifth of them once compressed; it counts its compressions. */
  function open(held: number) {
    const state = { held, compressions: 0 };
    const db = { query: async () => ({ columns: [], rows: [{ n: state.held }] }) };
    const compaction = {
      now: async () => {
        state.compressions++;
        state.held /= 5;
      },
    };
    return { state, db, compaction };
  }
  // train_sft's translation as a stored copy: 1.9 GB of Arrow, 2.47 GB planned as it is
  const translation = [{ name: "stored copy.arrow", bytes: 1.9e9 }];

  it("loads as it is beside little, compressing nothing", async () => {
    const { state, db, compaction } = open(0.2 * GiB);
    const plan = memoryPlanner(db, "ja", { budget, inUse: state.held }, compaction);
    expect(await plan(translation)).toBe(false);
    expect(state.compressions).toBe(0);
  });

  it("compresses what is open first past 1.5 GB; the load then comes as it is when it fits beside it", async () => {
    const { state, db, compaction } = open(2 * GiB);
    const memory = { budget, inUse: state.held };
    const plan = memoryPlanner(db, "ja", memory, compaction);
    expect(await plan([{ name: "test_sft.parquet", bytes: 78e6 }])).toBe(false);
    expect(state.compressions).toBe(1);
    expect(memory.inUse).toBeCloseTo(0.4 * GiB, 0);
    // a later file of the same load makes no more room: it was made once
    expect(await plan([{ name: "test_sft.parquet", bytes: 78e6 }])).toBe(false);
    expect(state.compressions).toBe(1);
  });

  it("comes compressed when it would not fit as it is even then", async () => {
    const { state, db, compaction } = open(1.4 * GiB);
    const memory = { budget, inUse: state.held + 0.5 * GiB };
    // 2.47 GB beside 1.9 GiB: no room; what is open is compressed (to 0.28 GiB, with the 0.5 GiB of the other
    // load still counted), and 2.47 GB beside 0.78 GiB still does not fit as it is
    expect(await memoryPlanner(db, "ja", memory, compaction)(translation)).toBe(true);
    expect(state.compressions).toBe(1);
  });

  it("refuses a load that cannot fit even compressed, naming it", async () => {
    const { state, db, compaction } = open(0.1 * GiB);
    const plan = memoryPlanner(db, "UltraChat (raw) · train", { budget: 1 * GiB, inUse: state.held }, compaction);
    const raw = Array.from({ length: 10 }, (_, i) => ({ name: `train_${i}.jsonl`, bytes: 0.93e9 }));
    await expect(plan(raw)).rejects.toBeInstanceOf(MemoryProblem);
    await expect(plan(raw)).rejects.toThrow(/^UltraChat \(raw\) · train: 10 files of 9\.3 GB need about 3\.6 GB/);
  });

  it("plans nothing in an engine without a budget (the server's)", async () => {
    const { state, db, compaction } = open(10 * GiB);
    expect(await memoryPlanner(db, "x", undefined, compaction)(translation)).toBe(false);
    expect(state.compressions).toBe(0);
  });
});
