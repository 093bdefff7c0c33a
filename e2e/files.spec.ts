import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, fixture, openSample, sample, sql, sqlCount, viewTest as test } from "./fixtures";

async function open(page: Page, files: string[]) {
  await page.getByTestId("file-input").setInputFiles(files);
}

test.beforeEach(async ({ view: page }) => {
  await openSample(page);
  await expect(page.getByTestId("row-count")).toHaveText("84 of 84 rows");
});

test("loads the two shards of an ultrachat_200k split as one table", async ({ view: page }) => {
  const shards = [0, 1].map((i) => sample(`ultrachat_200k/test_sft-0000${i}-of-00002.parquet`));
  const n = await sqlCount(`SELECT count(*) AS n FROM read_parquet(['${shards.join("','")}'])`);
  await open(page, shards);
  await expect(page).toHaveURL(/ds=file/);
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} rows`);
  await expect(
    page.getByText("UltraChat 200k · test_sft-00000-of-00002.parquet, test_sft-00001-of-00002.parquet"),
  ).toBeVisible();
});

test("loads raw UltraChat JSON Lines with roles by position", async ({ view: page }) => {
  const path = sample("ultrachat/train_0.jsonl");
  const n = await sqlCount(`SELECT count(*) AS n FROM read_json('${path}')`);
  await open(page, [path]);
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} rows`);
  const messages = page.getByTestId("message");
  await expect(messages.first()).toHaveAttribute("data-role", "user");
  await expect(messages.nth(1)).toHaveAttribute("data-role", "assistant");
});

test("loads UltraFeedback raw and shows four completions with sixteen ratings", async ({ view: page }) => {
  const path = sample("ultrafeedback/sharegpt.jsonl");
  const n = await sqlCount(`SELECT count(*) AS n FROM read_json('${path}')`);
  await open(page, [path]);
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} prompts`);
  await expect(page.getByTestId("completion")).toHaveCount(4);
  await expect(page.getByTestId("rating")).toHaveCount(16);
  await expect(page.getByTestId("rating-summary").locator("tbody tr")).toHaveCount(6);
  const [first] = await sql<{ r: string }>(
    `SELECT completions[1].annotations.honesty.Rating AS r FROM read_json('${path}') LIMIT 1`,
  );
  await expect(page.getByTestId("rating").and(page.locator('[data-aspect="honesty"]')).first()).toHaveAttribute(
    "data-value",
    first!.r,
  );
  // the prompt answered by only three models
  await page.locator('[data-testid="record-row"][data-row="3"]').click();
  await expect(page.getByTestId("completion")).toHaveCount(3);
  await expect(page.getByTestId("rating")).toHaveCount(12);
});

test("loads the legacy UltraFeedback layout (list-of-one aspects, top-level id)", async ({ view: page }) => {
  await open(page, [fixture("ultrafeedback-legacy.jsonl")]);
  await expect(page.getByTestId("row-count")).toHaveText("6 of 6 prompts");
  await expect(page.getByTestId("completion")).toHaveCount(4);
  await expect(page.getByTestId("record-header")).toContainText("id SYN0_0");
  await expect(page.getByTestId("rating")).toHaveCount(16);
  const values = await page.getByTestId("rating").evaluateAll((els) => els.map((e) => e.getAttribute("data-value")));
  expect(values).toHaveLength(16);
  expect(values.every((v) => v !== null && /^(\d|N\/A)$/.test(v))).toBe(true);
});

test("loads ultrafeedback_binarized Parquet and shows chosen beside rejected", async ({ view: page }) => {
  const path = sample("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet");
  const n = await sqlCount(`SELECT count(*) AS n FROM read_parquet('${path}')`);
  await open(page, [path]);
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} pairs`);
  await expect(page.getByTestId("chosen")).toBeVisible();
  await expect(page.getByTestId("rejected")).toBeVisible();
});

test("opens an unfamiliar file as a table of its columns", async ({ view: page }) => {
  await open(page, [fixture("generic.jsonl")]);
  await expect(page.getByTestId("row-count")).toHaveText("3 of 3 rows");
  await expect(page.getByRole("button", { name: "question" })).toBeVisible();
  await page.getByTestId("search").fill("50% done_");
  await expect(page.getByTestId("row-count")).toHaveText("1 of 3 rows");
});

const failures: [string, string][] = [
  ["broken.jsonl", "broken.jsonl, line 4: not valid JSON"],
  ["not-parquet.parquet", "not-parquet.parquet: does not end with a Parquet footer"],
  ["empty.jsonl", "empty.jsonl: the file is empty"],
  ["zero-rows.parquet", "zero-rows.parquet: the file has no rows"],
  [
    "missing-columns.jsonl",
    "missing-columns.jsonl, line 1: looks like UltraFeedback binarized but lacks the columns rejected, score_chosen, score_rejected",
  ],
];

for (const [file, message] of failures) {
  test(`names what is wrong with ${file} and keeps the loaded data`, async ({ view: page }) => {
    // Loaded afresh: a failed load goes back to what the page showed before, which a test before may have set.
    await page.goto("/");
    await expect(page.getByTestId("row-count")).toHaveText("84 of 84 rows");
    await open(page, [fixture(file)]);
    await expect(page.getByTestId("load-error")).toContainText(message);
    await expect(page.getByTestId("row-count")).toHaveText("84 of 84 rows");
    await page.getByTestId("search").fill("tide");
    await expect(page.getByTestId("record-row").first()).toContainText(/tide/i);
    await expect(page).not.toHaveURL(/ds=file/);
  });
}

test("opens a file dropped anywhere on the page", async ({ view: page }) => {
  const path = sample("ultrachat/train_0.jsonl");
  const n = await sqlCount(`SELECT count(*) AS n FROM read_json('${path}')`);
  const bytes = [...readFileSync(path)];
  const transfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], "train_0.jsonl", { type: "application/jsonl" }));
    return dt;
  }, bytes);
  await page.dispatchEvent("main", "dragenter", { dataTransfer: transfer });
  await expect(page.getByText("Drop .parquet, .jsonl or .json files to open them")).toBeVisible();
  await page.dispatchEvent("main", "drop", { dataTransfer: transfer });
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} rows`);
  await expect(page.getByTestId("dataset-picker")).toHaveValue("file:train_0.jsonl");
});
