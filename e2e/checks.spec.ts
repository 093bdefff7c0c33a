import type { Page } from "@playwright/test";
import { normalizeUltraFeedback } from "../lib/formats/normalize";
import { jsonl } from "../lib/test/fixtures";
import { textKey } from "../lib/text/rules";
import {
  dialogueOracle,
  feedbackOracle,
  overlapOracle,
  pairOracle,
  rebinarizeOracle,
  type Feedback,
  type Msg,
  type Pair,
} from "../lib/test/check-oracles";
import { expect, rebinarizeByMean, sample, sql, test, viewTest, visit } from "./fixtures";

const UF_FILES = ["sharegpt", "false_qa", "truthful_qa"].map((s) => sample(`ultrafeedback/${s}.jsonl`));
const PAIRS = sample("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet");
const SFT = [0, 1].map((i) => sample(`ultrachat_200k/test_sft-0000${i}-of-00002.parquet`));
const RAW = sample("ultrachat/train_0.jsonl");

const ufRows = () => UF_FILES.flatMap((f) => jsonl(f)).map((r) => normalizeUltraFeedback(r) as unknown as Feedback);
const pairRows = async () => (await sql(`SELECT * FROM read_parquet('${PAIRS}')`)) as unknown as Pair[];

/** The rows each check flags in each bundled sample, by the plain rules. */
async function expected(id: string): Promise<{ total: number; rows: Record<string, number[]> }> {
  if (id === "ultrafeedback") {
    const rows = ufRows();
    return { total: rows.length, rows: feedbackOracle(rows) };
  }
  if (id === "ultrafeedback_binarized-test_prefs") {
    const rows = await pairRows();
    return { total: rows.length, rows: pairOracle(rows) };
  }
  if (id === "ultrachat_200k-test_sft") {
    const rows = (await sql(`SELECT messages FROM read_parquet(['${SFT.join("', '")}'])`)) as { messages: Msg[] }[];
    return { total: rows.length, rows: dialogueOracle(rows.map((r) => r.messages)) };
  }
  const raw = jsonl(RAW) as { data: string[] }[];
  const dialogues = raw.map((r) => r.data.map((content, i) => ({ role: i % 2 ? "assistant" : "user", content })));
  return { total: raw.length, rows: dialogueOracle(dialogues) };
}

const NOUN: Record<string, string> = {
  ultrafeedback: "prompts",
  "ultrafeedback_binarized-test_prefs": "pairs",
  "ultrachat_200k-test_sft": "rows",
  "ultrachat-train_0": "rows",
};

const listedRows = (page: Page) =>
  page.getByTestId("record-row").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-row"))));

for (const id of Object.keys(NOUN)) {
  viewTest(
    `the checks of ${id} count the planted cases, and a click lists exactly a check's rows`,
    async ({ view: page }) => {
      const { total, rows } = await expected(id);
      await visit(page, `/?ds=${id}`);
      await expect(page.getByTestId("row-count")).toHaveText(`${total} of ${total} ${NOUN[id]}`);
      await page.keyboard.press("x");
      await expect(page).toHaveURL(/panel=checks/);
      await expect(page.getByTestId("checks-total")).toHaveAttribute("data-total", String(total));
      const lines = page.getByTestId("check");
      await expect(lines).toHaveCount(Object.keys(rows).length);
      for (const [check, flagged] of Object.entries(rows)) {
        expect(flagged.length, `${check} has a planted case`).toBeGreaterThan(0);
        await expect(lines.and(page.locator(`[data-check="${check}"]`))).toHaveAttribute(
          "data-count",
          String(flagged.length),
        );
      }
      // the check with the fewest rows: its rows, exactly, in the list and in the link
      const [check, flagged] = Object.entries(rows).sort(
        (a, b) => a[1].length - b[1].length || a[0].localeCompare(b[0]),
      )[0]!;
      await page.locator(`[data-testid="check"][data-check="${check}"]`).click();
      await expect(page).toHaveURL(new RegExp(`check=${check}(&|$)`));
      await expect(page.getByTestId("row-count")).toHaveText(`${flagged.length} of ${total} ${NOUN[id]}`);
      await expect.poll(() => listedRows(page)).toEqual(flagged);
      await page.locator(`[data-testid="check"][data-check="${check}"]`).click();
      await expect(page.getByTestId("row-count")).toHaveText(`${total} of ${total} ${NOUN[id]}`);
    },
  );
}

viewTest(
  "a check's threshold is edited in the panel, kept in the link, and the count and list follow",
  async ({ view: page }) => {
    const rows = ufRows();
    const failed = feedbackOracle(rows).under_length!;
    const shortest = (r: number) =>
      rows[r]!.completions.map((c) => (c.response ?? "").trim()).find((t) => t.length < 20);
    expect(failed.map(shortest)).toEqual(["Sure! Here", "承知しました。"]);
    await visit(page, "/?ds=ultrafeedback&panel=checks&check=under_length");
    const line = page.locator('[data-testid="check"][data-check="under_length"]');
    await expect(line).toHaveAttribute("data-count", "2");
    await expect(page.getByTestId("row-count")).toHaveText("2 of 60 prompts");
    await line.locator("xpath=..").getByRole("button", { name: "settings" }).click();
    await page.getByTestId("check-setting-short").fill("8");
    await page.getByTestId("check-setting-short").press("Enter");
    await expect(page).toHaveURL(/x\.short=8/);
    // "承知しました。" is shorter than eight characters, "Sure! Here" is not
    await expect(line).toHaveAttribute("data-count", "1");
    await expect(page.getByTestId("row-count")).toHaveText("1 of 60 prompts");
    await page.reload();
    await expect(page.locator('[data-testid="check"][data-check="under_length"]')).toHaveAttribute("data-count", "1");
    await expect.poll(() => listedRows(page)).toEqual([failed[1]]);
  },
);

viewTest(
  "short answers to yes/no questions are counted apart, a statistic; an old link to the length check still works",
  async ({ view: page }) => {
    const rows = ufRows();
    const oracle = feedbackOracle(rows);
    const asked = oracle.short_answer!;
    expect(asked.map((r) => rows[r]!.instruction)).toEqual([
      "Is seawater heavier than fresh water?",
      "海水は真水より重いですか？",
    ]);
    await visit(page, "/?ds=ultrafeedback&panel=checks");
    const line = page.locator('[data-testid="check"][data-check="short_answer"]');
    await expect(line).toHaveAttribute("data-kind", "statistic");
    await expect(line).toHaveAttribute("data-count", String(asked.length));
    await expect(page.locator('[data-testid="check"][data-check="under_length"]')).toHaveAttribute(
      "data-kind",
      "defect",
    );
    await line.click();
    await expect(page.getByTestId("row-count")).toHaveText(`${asked.length} of 60 prompts`);
    await expect.poll(() => listedRows(page)).toEqual(asked);

    await visit(page, "/?ds=ultrafeedback&check=short_response");
    await expect(page.getByTestId("row-count")).toHaveText(`${oracle.under_length!.length} of 60 prompts`);
    await expect(page.getByTestId("filter-chip")).toContainText("check: Responses under the minimum length");
  },
);

/** Opens the binarized sample, then raw UltraFeedback beside it in the same page. */
async function openBoth(page: Page) {
  await visit(page, "/?ds=ultrafeedback_binarized-test_prefs");
  await expect(page.getByTestId("row-count")).toHaveText("59 of 59 pairs");
  await page.getByTestId("dataset-picker").selectOption("ultrafeedback");
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  await page.keyboard.press("x");
}

viewTest(
  "two datasets: their overlap both ways, its rows listed, and after a reload a note that it must be compared again",
  async ({ view: page }) => {
    const instructions = ufRows().map((r) => r.instruction);
    const prompts = (await pairRows()).map((p) => p.prompt);
    const ufSide = overlapOracle(instructions, prompts);
    const pairSide = overlapOracle(prompts, instructions);
    await openBoth(page);
    await expect(page.getByTestId("overlap-with")).toHaveValue("ultrafeedback_binarized-test_prefs");
    await page.getByTestId("overlap-run").click();
    await expect(page.getByTestId("overlap")).toHaveAttribute("data-count", String(ufSide.any.length));
    await expect(page.getByTestId("overlap")).toHaveAttribute("data-exact", String(ufSide.exact.length));
    await expect(page.getByTestId("overlap-back")).toHaveAttribute("data-count", String(pairSide.any.length));
    await page.getByTestId("overlap-list").click();
    await expect(page).toHaveURL(/overlap=ultrafeedback_binarized-test_prefs/);
    await expect(page.getByTestId("row-count")).toHaveText(`${ufSide.any.length} of 60 prompts`);
    // the rows in view are the first of the overlap's, in order
    await expect
      .poll(async () => {
        const shown = await listedRows(page);
        return shown.length > 0 && shown.every((row, i) => row === ufSide.any[i]);
      })
      .toBe(true);
    // an overlap is computed in the page: a reload keeps the link's filter but says it needs comparing again
    await page.reload();
    await expect(page.getByTestId("overlap-stale")).toContainText("ultrafeedback_binarized-test_prefs");
    await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  },
);

viewTest("the shared span shows in the record while the overlap is open", async ({ view: page }) => {
  const prompts = (await pairRows()).map((p) => p.prompt);
  // the binarized side, this time: its last two prompts share a run with a long instruction and equal none
  await visit(page, "/?ds=ultrafeedback");
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  await page.getByTestId("dataset-picker").selectOption("ultrafeedback_binarized-test_prefs");
  await expect(page.getByTestId("row-count")).toHaveText("59 of 59 pairs");
  await page.keyboard.press("x");
  await expect(page.getByTestId("overlap-with")).toHaveValue("ultrafeedback");
  await page.getByTestId("overlap-run").click();
  await page.getByTestId("overlap-list").click();
  await page.keyboard.press("x");
  const ja = prompts.findIndex((t) => t.includes("見分け方"));
  await page.getByTestId("search").fill("見分け方");
  await expect(page.getByTestId("row-count")).toHaveText(/^1 of 59 pairs/);
  await page.locator(`[data-testid="record-row"][data-row="${ja}"]`).click();
  await expect(page.getByTestId("overlap-span")).toHaveText("潮だまりで触ってもよい生き物と見るだけにすべき生き物");
  await expect(page.getByTestId("overlap-exact")).toHaveCount(0);
  const en = prompts.findIndex((t) => t.startsWith("My kids love the beach."));
  await page.getByTestId("search").fill("My kids love the beach");
  await page.locator(`[data-testid="record-row"][data-row="${en}"]`).click();
  await expect(page.getByTestId("overlap-span")).toHaveText(
    "which tide pool animals are safe to touch and which ones we should only look at",
  );
});

viewTest("prompts pasted as the reference set", async ({ view: page }) => {
  await visit(page, "/?ds=ultrafeedback&panel=checks");
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  await page.getByTestId("overlap-with").selectOption("__paste");
  await page
    .getByTestId("overlap-paste")
    .fill(
      "What happens to a hermit crab if it is moved into fresh water?\n\n'); DROP TABLE x; --\nヤドカリを真水に移すとどうなりますか？",
    );
  await page.getByTestId("overlap-run").click();
  // the two truthful_qa rows themselves equal them; no other row does, and none shares 13 words
  const instructions = ufRows().map((r) => r.instruction);
  const oracle = overlapOracle(instructions, [
    "What happens to a hermit crab if it is moved into fresh water?",
    "'); DROP TABLE x; --",
    "ヤドカリを真水に移すとどうなりますか？",
  ]);
  await expect(page.getByTestId("overlap")).toHaveAttribute("data-count", String(oracle.any.length));
  await expect(page.getByTestId("overlap")).toContainText("3 pasted prompts");
});

viewTest(
  "re-binarize by the mean of the ratings: the pairs, how many differ from the published ones, and their export",
  async ({ view: page }) => {
    const rule = { score: "mean", ties: "drop", rejected: "lowest", seed: 42 } as const;
    const rows = ufRows();
    const pairs = rebinarizeOracle(rows, rule);
    const published = await pairRows();
    const seen = new Map<string, number>();
    const changed = pairs.filter((p) => {
      const prompt = rows[p.row]!.instruction;
      const n = seen.get(prompt) ?? 0;
      seen.set(prompt, n + 1);
      const theirs = published.filter((x) => x.prompt === prompt)[n];
      return theirs && theirs.chosen.find((m) => m.role === "assistant")!.content !== p.chosen;
    }).length;
    await openBoth(page);
    await rebinarizeByMean(page);
    await expect(page.getByTestId("rebinarize-pairs")).toHaveAttribute("data-count", String(pairs.length));
    await expect(page.getByTestId("rebinarize-changed")).toHaveAttribute("data-count", String(changed));
    await expect(page.getByTestId("rebinarize-example").first()).toBeVisible();
    await page.getByTestId("rebinarize-open").click();
    await expect(page.getByTestId("row-count")).toHaveText(`${pairs.length} of ${pairs.length} pairs`);
    // opened beside the published split, as another version of it
    await expect(page).toHaveURL(/pair=ultrafeedback_binarized-test_prefs(&|$)/);
    await expect(page.getByTestId("pair-summary")).toHaveAttribute("data-kind", "version");
    await page.getByTestId("export-format").selectOption("jsonl");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
    const path = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(path);
    const exported = jsonl(path) as { prompt: string; chosen: Msg[]; score_chosen: number }[];
    expect(exported).toHaveLength(pairs.length);
    expect(Object.keys(exported[0]!).sort()).toEqual(
      ["chosen", "messages", "prompt", "prompt_id", "rejected", "score_chosen", "score_rejected"].sort(),
    );
    expect(exported.map((e) => e.chosen[1]!.content)).toEqual(pairs.map((p) => p.chosen));
  },
);

viewTest("the record marks the completion a check flags it for, and says why", async ({ view: page }) => {
  const rows = ufRows();
  const first = feedbackOracle(rows).under_length![0]!;
  const responses = rows[first]!.completions.map((c) => (c.response ?? "").trim());
  const short = responses.flatMap((r, i) => (r.length < 20 ? [i] : []));
  expect(short.length).toBeGreaterThan(0);
  await visit(page, "/?ds=ultrafeedback&pane=record&check=under_length");
  await expect(page.getByTestId("record")).toHaveAttribute("data-row", String(first));
  const cards = page.getByTestId("completion");
  await expect(cards).toHaveCount(responses.length);
  await expect(page.locator('[data-testid="completion"][data-flagged="true"]')).toHaveCount(short.length);
  for (const i of short) {
    await expect(cards.nth(i)).toHaveAttribute("data-flagged", "true");
    await expect(cards.nth(i).getByTestId("completion-flagged")).toHaveText(
      `flagged: a response of ${responses[i]!.length} characters, under 20`,
    );
  }
  // without the check, nothing is marked
  await visit(page, `/?ds=ultrafeedback&pane=record&row=${first}`);
  await expect(cards).toHaveCount(responses.length);
  await expect(page.getByTestId("completion-flagged")).toHaveCount(0);
});

viewTest(
  "chosen shorter than rejected is a statistic of the split, not a defect: its share, from SQL",
  async ({ view: page }) => {
    const [row] = await sql<{ shorter: number; longer: number; n: number }>(
      `SELECT count(*) FILTER (WHERE c < r) AS shorter, count(*) FILTER (WHERE c > r) AS longer, count(*) AS n FROM (
       SELECT length(array_to_string(list_transform(list_filter(chosen, m -> m.role = 'assistant'), m -> m.content), '')) AS c,
              length(array_to_string(list_transform(list_filter(rejected, m -> m.role = 'assistant'), m -> m.content), '')) AS r
       FROM read_parquet('${PAIRS}'))`,
    );
    await visit(page, "/?ds=ultrafeedback_binarized-test_prefs&panel=checks");
    const line = page.locator('[data-testid="check"][data-check="chosen_shorter"]');
    await expect(line).toHaveAttribute("data-kind", "statistic");
    await expect(line).toHaveAttribute("data-count", String(row!.shorter));
    await expect(line).toContainText(
      `chosen is the longer answer in ${((100 * Number(row!.longer)) / Number(row!.n)).toFixed(1)}% of pairs`,
    );
    await expect(page.getByRole("heading", { name: /Statistics of the split/ })).toBeVisible();
    // Every other check of the split is a defect of a row.
    await expect(page.locator('[data-testid="check"][data-kind="statistic"]')).toHaveCount(1);
    await line.click();
    await expect(page.getByTestId("row-count")).toHaveText(`${row!.shorter} of ${row!.n} pairs`);
  },
);

viewTest("a duplicate shows its group in the record, each row of it a click away", async ({ view: page }) => {
  const rows = ufRows();
  const key = (r: number) => textKey(rows[r]!.instruction);
  const flagged = feedbackOracle(rows).duplicate_prompt!;
  const first = flagged[0]!;
  const group = flagged.filter((r) => key(r) === key(first));
  expect(group.length).toBeGreaterThan(1);
  await visit(page, `/?ds=ultrafeedback&pane=record&check=duplicate_prompt&row=${first}`);
  const note = page.getByTestId("check-group");
  await expect(note).toHaveAttribute("data-rows", group.join(","));
  await expect(note).toHaveAttribute("data-total", String(group.length));
  await expect(note).toContainText(`Duplicate instructions: this row is one of a group of ${group.length}.`);
  await expect(note.getByTestId("check-group-row")).toHaveCount(group.length - 1);
  const other = group[1]!;
  await note.locator(`[data-testid="check-group-row"][data-row="${other}"]`).click();
  await expect(page.getByTestId("record")).toHaveAttribute("data-row", String(other));
  await expect(note).toHaveAttribute("data-rows", group.join(","));
  await expect(note.locator(`[data-testid="check-group-row"][data-row="${first}"]`)).toBeVisible();
  // another check names no group: once its flagged completion shows, no group is there
  await visit(page, `/?ds=ultrafeedback&pane=record&check=under_length`);
  await expect(page.getByTestId("completion-flagged").first()).toBeVisible();
  await expect(note).toHaveCount(0);
});
