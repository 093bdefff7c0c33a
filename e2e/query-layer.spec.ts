import type { Page } from "@playwright/test";
import { hubPort } from "../playwright.config";
import { expect, fixture, openSample, sample, sql, sqlCount, viewTest, visit } from "./fixtures";

const HUB = `http://127.0.0.1:${hubPort}`;
const TEST_SFT =
  "datasets/HuggingFaceH4/ultrachat_200k/resolve/main/data/test_sft-00000-of-00001-f7dfac4afe5b93f4.parquet";
const UF = `read_json(['${sample("ultrafeedback/sharegpt.jsonl")}', '${sample("ultrafeedback/false_qa.jsonl")}', '${sample("ultrafeedback/truthful_qa.jsonl")}'])`;
const GENERIC = `read_json('${fixture("generic.jsonl")}')`;

async function addColumnFilter(
  page: Page,
  column: string,
  kind: "has" | "in" | "range",
  value: string | [string, string],
) {
  await page.getByTestId("column-filter").locator("summary").click();
  await page.getByTestId("column-filter-column").selectOption(column);
  await page.getByTestId("column-filter-kind").selectOption(kind);
  if (Array.isArray(value)) {
    await page.getByTestId("column-filter-min").fill(value[0]);
    await page.getByTestId("column-filter-max").fill(value[1]);
  } else await page.getByTestId("column-filter-value").fill(value);
  await page.getByTestId("column-filter-add").click();
}

viewTest(
  "a condition on any column of a table of unknown layout, counted in SQL and kept in the link",
  async ({ view: page }) => {
    const atLeast3 = await sqlCount(`SELECT count(*) AS n FROM ${GENERIC} WHERE score >= 3`);
    const both = await sqlCount(
      `SELECT count(*) AS n FROM ${GENERIC} WHERE score >= 3 AND contains(lower(answer), 'eight')`,
    );
    await openSample(page);
    await page.getByTestId("file-input").setInputFiles([fixture("generic.jsonl")]);
    await expect(page.getByTestId("row-count")).toHaveText("3 of 3 rows");
    await addColumnFilter(page, "score", "range", ["3", ""]);
    await expect(page.getByTestId("row-count")).toHaveText(`${atLeast3} of 3 rows`);
    await expect(page).toHaveURL(/range\.score=3\.\./);
    await addColumnFilter(page, "answer", "has", "EIGHT");
    await expect(page.getByTestId("row-count")).toHaveText(`${both} of 3 rows`);
    await expect(page.getByTestId("filter-chip")).toHaveText(["score ≥ 3×", "answer contains “EIGHT”×"]);
    await page.getByRole("button", { name: "Remove the filter score ≥ 3" }).click();
    await expect(page.getByTestId("row-count")).toHaveText("1 of 3 rows");
    await expect(page).not.toHaveURL(/range\.score/);
  },
);

viewTest("a hand-written column condition on a known layout combines with its own filters", async ({ view: page }) => {
  const n = await sqlCount(
    `SELECT count(*) AS n FROM ${UF} WHERE source = 'false_qa'
       AND len(list_filter(completions, c -> TRY_CAST(c.annotations.honesty.Rating AS DOUBLE) <= 3)) > 0`,
  );
  await visit(page, "/?ds=ultrafeedback&in.source=false_qa&honesty=..3");
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of 60 prompts`);
  await expect(page.getByTestId("filter-chip")).toHaveText(["source is “false_qa”×"]);
  await expect(page.getByTestId("clear-filters")).toHaveText("Clear 2 filters");
  await page.getByTestId("clear-filters").click();
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
});

viewTest("every dataset has a readable SQL name, the same after a reload", async ({ view: page }) => {
  await openSample(page);
  await expect(page.getByTestId("sql-name")).toHaveText("ultrachat_200k_test_sft");
  await visit(page, "/?ds=ultrafeedback");
  await expect(page.getByTestId("sql-name")).toHaveText("ultrafeedback");
  await page.reload();
  await expect(page.getByTestId("sql-name")).toHaveText("ultrafeedback");
});

viewTest("a second dataset loads while the first still streams in; neither stops the other", async ({ view: page }) => {
  const [{ n }] = (await sql<{ n: number }>(
    `SELECT count(*) AS n FROM read_json('${sample("ultrachat/train_0.jsonl")}')`,
  )) as [{ n: number }];
  await openSample(page);
  await page.getByTestId("open-catalog").click();
  await page.getByTestId("url-input").fill(`${HUB}/_fault/slow/${TEST_SFT}`);
  await page.getByTestId("url-open").click();
  await expect(page.getByTestId("row-count")).toHaveText(/^loading — [\d,]+ rows so far$/);
  await page.getByTestId("file-input").setInputFiles([sample("ultrachat/train_0.jsonl")]);
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} rows`);
  await expect(page.getByTestId("dataset-picker")).toHaveValue("file:train_0.jsonl");
  // the remote split went on loading behind it, and is whole in the end
  await expect(page.getByTestId("load-progress")).toHaveCount(0, { timeout: 30_000 });
  const remote = page.getByTestId("dataset-picker").locator("option", { hasText: "10,000 rows" });
  await expect(remote).toHaveCount(1);
  await page.getByTestId("dataset-picker").selectOption({ label: (await remote.textContent()) ?? "" });
  await expect(page.getByTestId("row-count")).toHaveText("10,000 of 10,000 rows");
});
