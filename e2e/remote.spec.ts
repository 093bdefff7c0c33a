import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { hubPort } from "../playwright.config";
import { expect, expectNoSeriousViolations, openSample, sample, sqlCount, test, viewTest } from "./fixtures";

const HUB = `http://127.0.0.1:${hubPort}`;
const TEST_SFT =
  "datasets/HuggingFaceH4/ultrachat_200k/resolve/main/data/test_sft-00000-of-00001-f7dfac4afe5b93f4.parquet";
const PAIRS = "datasets/HuggingFaceH4/ultrafeedback_binarized/resolve/main/data/test_prefs-00000-of-00001.parquet";
const SHAREGPT = "datasets/openbmb/UltraFeedback/resolve/main/sharegpt.jsonl";

async function openAddress(page: Page, address: string) {
  await page.getByTestId("open-catalog").click();
  await page.getByTestId("url-input").fill(address);
  await page.getByTestId("url-open").click();
}

test("the catalog lists every split with rows and sizes, and loads a split of three shards as one table", async ({
  page,
}) => {
  const shards = [0, 1].map((i) => sample(`ultrachat_200k/test_sft-0000${i}-of-00002.parquet`));
  // The local hub serves the two sample shards as train_sft's three (the first one twice).
  const n = await sqlCount(`SELECT count(*) AS n FROM read_parquet(['${shards[0]}', '${shards[1]}', '${shards[0]}'])`);
  await openSample(page);
  await page.getByTestId("open-catalog").click();
  const catalog = page.getByTestId("catalog");
  await expect(catalog.getByTestId("catalog-split")).toHaveCount(4 + 6 + 1 + 1);
  const trainSft = catalog.locator('[data-split="HuggingFaceH4/ultrachat_200k:train_sft"]');
  await expect(trainSft).toContainText("207,865 rows");
  await expect(trainSft).toContainText("3 of 3 files · ~732 MB");
  await expect(catalog.locator('[data-split="openbmb/UltraFeedback:train"]')).toContainText("63,967 rows");
  await expect(catalog.locator('[data-split="stingning/ultrachat:train"]')).toContainText(
    "more than this page can hold",
  );
  await page.getByTestId("catalog-load-HuggingFaceH4/ultrachat_200k:train_sft").click();
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} rows`);
  await expect(page).toHaveURL(/ds=hf%3AHuggingFaceH4%2Fultrachat_200k%3Atrain_sft/);
  await expect(page.getByTestId("transfer")).toContainText("by range requests");
  await page.reload();
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} rows`);
});

test("loads any address: an hf:// reference to gzipped JSON Lines", async ({ page }) => {
  const n = await sqlCount(`SELECT count(*) AS n FROM read_json('${sample("ultrafeedback/sharegpt.jsonl")}')`);
  await openSample(page);
  await openAddress(page, "hf://datasets/openbmb/UltraFeedback/sharegpt.jsonl.gz");
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} prompts`);
  await expect(page.getByTestId("completion").first()).toBeVisible();
  await expect(page).toHaveURL(/ds=url%3Ahf%3A%2F%2Fdatasets/);
});

test("a big Parquet file over HTTP: first rows after a few range reads, progress, then the exact total", async ({
  page,
}) => {
  await openSample(page);
  await page.evaluate(() => {
    const w = window as unknown as { __firstRowsFetched?: number };
    new MutationObserver((_, observer) => {
      const count = document.querySelector('[data-testid="row-count"]')?.textContent ?? "";
      const fetched = document.querySelector('[data-testid="load-progress"]')?.getAttribute("data-fetched");
      if (/^loading — [\d,]+ rows so far$/.test(count) && fetched) {
        w.__firstRowsFetched = Number(fetched);
        observer.disconnect();
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await openAddress(page, `${HUB}/_fault/slow/${TEST_SFT}`);
  await expect(page.getByTestId("row-count")).toHaveText(/^loading — [\d,]+ rows so far$/);
  const progress = page.getByTestId("load-progress");
  await expect(progress).toContainText("fetched by range requests");
  // What had been fetched when the first rows showed, read in the page at that frame.
  const fetched = await page.evaluate(() => (window as unknown as { __firstRowsFetched: number }).__firstRowsFetched);
  const total = Number(await progress.getAttribute("data-total"));
  expect(total).toBeGreaterThan(2_000_000);
  expect(fetched).toBeLessThan(total / 4);
  await expect(page.getByTestId("record-row").first()).toBeVisible();
  await expect(page.getByTestId("row-count")).toHaveText("10,000 of 10,000 rows", { timeout: 30_000 });
  await expect(page.getByTestId("transfer")).toContainText(/fetched [\d.]+ MB of 3\.0 MB by range requests/);
});

test("a load can be cancelled; what was shown before comes back", async ({ page }) => {
  await openSample(page);
  await openAddress(page, `${HUB}/_fault/slow/${TEST_SFT}`);
  await expect(page.getByTestId("row-count")).toHaveText(/^loading — /);
  await page.getByTestId("load-cancel").click();
  await expect(page.getByTestId("row-count")).toHaveText("84 of 84 rows");
  await expect(page.getByTestId("load-progress")).toHaveCount(0);
  await expect(page.getByTestId("message").first()).toBeVisible();
});

test("a server without range support: one whole download, and the page says so", async ({ page }) => {
  const n = await sqlCount(
    `SELECT count(*) AS n FROM read_parquet('${sample("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet")}')`,
  );
  await openSample(page);
  await openAddress(page, `${HUB}/_fault/norange/${PAIRS}`);
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} pairs`);
  await expect(page.getByTestId("transfer")).toContainText("downloaded whole");
  await expect(page.getByTestId("transfer")).toContainText("the server does not answer range requests");
});

const FAULTS: [string, string, RegExp][] = [
  [
    "404",
    `${HUB}/datasets/nobody/nothing/resolve/main/gone.parquet`,
    /gone\.parquet: the server answered HTTP 404 Not Found for http:\/\/127\.0\.0\.1:\d+\/datasets\/nobody/,
  ],
  [
    "refused connection",
    "http://127.0.0.1:9/x.parquet",
    /x\.parquet: could not connect to http:\/\/127\.0\.0\.1:9 \(connection refused/,
  ],
  [
    "CORS refusal",
    `${HUB}/_fault/nocors/${PAIRS}`,
    /does not allow this page to read the file \(no CORS permission\) — http:\/\/127\.0\.0\.1:\d+\/_fault\/nocors\//,
  ],
  [
    "cut mid-download (Parquet)",
    `${HUB}/_fault/cut/${PAIRS}`,
    /test_prefs-00000-of-00001\.parquet: the connection was cut while reading bytes/,
  ],
  [
    "cut mid-download (JSON Lines)",
    `${HUB}/_fault/cut/${SHAREGPT}`,
    /sharegpt\.jsonl: the connection was cut after [\d,]+ of [\d,]+ bytes — http/,
  ],
  [
    "truncated file (Parquet)",
    `${HUB}/_fault/truncated/${PAIRS}`,
    /test_prefs-00000-of-00001\.parquet: does not end with a Parquet footer: the file is cut short/,
  ],
  ["truncated file (JSON Lines)", `${HUB}/_fault/truncated/${SHAREGPT}`, /sharegpt\.jsonl, line \d+: not valid JSON/],
  [
    "a server that lies about the length",
    `${HUB}/_fault/liar/${PAIRS}`,
    /the file is shorter than announced, or was cut — http/,
  ],
];

for (const [fault, address, message] of FAULTS) {
  viewTest(`names the address and the fault: ${fault}; the sample stays usable`, async ({ view: page }) => {
    await openSample(page);
    await openAddress(page, address);
    await expect(page.getByTestId("load-error")).toHaveText(message);
    await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
    await expect(page.getByTestId("row-count")).toHaveText("84 of 84 rows");
    // the sample's second dialogue, of six turns, opens
    await page.locator('[data-testid="record-row"][data-row="1"]').click();
    await expect(page.getByTestId("message")).toHaveCount(6);
  });
}

viewTest("a split the page cannot hold fails before downloading, saying why and what to do", async ({ view: page }) => {
  await openSample(page);
  await page.getByTestId("open-catalog").click();
  await page.getByTestId("catalog-load-stingning/ultrachat:train").click();
  await expect(page.getByTestId("load-error")).toHaveText(
    /UltraChat \(raw\) · train: 10 files of 9\.3 GB need about [\d.]+ GB of memory \(compressed as they load; 12 GB as they are\) in this page, which can hold about [\d.]+ GB.*Load fewer shards/,
  );
  await expect(page.getByTestId("row-count")).toHaveText("84 of 84 rows");
});

test("on a device of 4 GB, a split that fits only compressed as it loads says so, at every width", async ({ page }) => {
  // the page can hold 40 % of what the device reports: 1.7 GB here, where train_sft takes 2.3 GB as it is
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, "deviceMemory", { get: () => 4 }));
  await openSample(page);
  await page.getByTestId("open-catalog").click();
  const split = (id: string) => page.getByTestId("catalog").locator(`[data-split="${id}"]`);
  await expect(split("HuggingFaceH4/ultrachat_200k:train_sft")).toContainText(
    "needs ~1.12 GB in memory (compressed as it loads)",
  );
  await expect(split("HuggingFaceH4/ultrachat_200k:train_sft")).not.toContainText("more than this page can hold");
  await expect(split("HuggingFaceH4/ultrachat_200k:test_sft")).toContainText("needs ~259 MB in memory");
  await expect(split("HuggingFaceH4/ultrachat_200k:test_sft")).not.toContainText("compressed");
  await expect(split("stingning/ultrachat:train")).toContainText(
    "needs ~3.56 GB in memory (compressed as it loads) — more than this page can hold",
  );
  for (const width of [1600, 900, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(split("HuggingFaceH4/ultrachat_200k:train_sft").getByText(/compressed as it loads/)).toBeVisible();
    await expectNoSeriousViolations(page, `the catalog on a device of 4 GB, ${width} px wide`);
  }
});

test("the Hub address can be changed in the page, and a link keeps it", async ({ page }) => {
  const n = await sqlCount(
    `SELECT count(*) AS n FROM read_parquet('${sample("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet")}')`,
  );
  await openSample(page);
  await page.getByTestId("open-catalog").click();
  // the same files behind another address: this one answers without range support
  await page.getByTestId("hub-base").fill(`${HUB}/_fault/norange`);
  await page.getByRole("button", { name: "Use" }).click();
  await expect(page.getByTestId("catalog")).toContainText(`${HUB}/_fault/norange/datasets/<owner>/<name>/resolve/main`);
  await page.getByTestId("catalog-load-HuggingFaceH4/ultrafeedback_binarized:test_prefs").click();
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} pairs`);
  await expect(page.getByTestId("transfer")).toContainText("downloaded whole");
  await expect(page).toHaveURL(/base=http%3A%2F%2F127\.0\.0\.1%3A\d+%2F_fault%2Fnorange/);
  // its copy is written in the background after the rows are in: the reload waits for it
  await expect(page.getByTestId("stored-badge")).toHaveAttribute("data-stored", "kept");
  await page.reload();
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} pairs`);
  // opened again: its server said the file is unchanged, so it is read from this browser's store
  await expect(page.getByTestId("stored-badge")).toHaveAttribute("data-stored", "reopened");
  await expect(page.getByTestId("transfer")).toHaveCount(0);
});

test("UltraFeedback from the Hub's Parquet conversion: read by default, by ranges, said so, and opened again from the store", async ({
  page,
}) => {
  const files = ["false_qa", "sharegpt", "truthful_qa"].map((s) => `'${sample(`ultrafeedback/${s}.jsonl`)}'`);
  const n = await sqlCount(`SELECT count(*) AS n FROM read_json([${files.join(", ")}])`);
  await openSample(page);
  await page.getByTestId("open-catalog").click();
  const row = page.locator('[data-split="openbmb/UltraFeedback:train"]');
  await expect(row.getByTestId("catalog-conversion")).toHaveAttribute("data-state", "complete");
  await expect(row.getByTestId("catalog-conversion")).toContainText("Parquet conversion of the whole split (2 files");
  await expect(row.getByTestId("catalog-load-original-openbmb/UltraFeedback:train")).toHaveText(
    "Load the 6 original files",
  );
  const load = row.getByTestId("catalog-load-openbmb/UltraFeedback:train");
  await expect(load).toHaveAttribute("data-source", "conversion");
  await load.click();
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} prompts`);
  await expect(page).toHaveURL(/ds=hf%3Aopenbmb%2FUltraFeedback%3Atrain%40parquet/);
  await expect(page.getByTestId("transfer")).toContainText("by range requests");
  await expect(page.getByTestId("sql-name")).toHaveText("ultrafeedback_train_parquet");
  // the stand-in's conversion holds the samples' rows, not the published split's: said so
  await expect(page.getByTestId("load-warning")).toHaveText(
    `The Hub's Parquet conversion of UltraFeedback (raw) · train holds ${n} rows; the published split has 63,967. Load the original files for all of them.`,
  );
  await expect(page.getByTestId("dataset-picker")).toContainText("UltraFeedback (raw) · train (Parquet conversion)");
  // the files' order is the split's: false_qa's first instruction is row 0
  const firstLine = readFileSync(sample("ultrafeedback/false_qa.jsonl"), "utf8").split("\n")[0]!;
  const instruction = (JSON.parse(firstLine) as { instruction: string }).instruction;
  await page.locator('[data-testid="record-row"][data-row="0"]').click();
  await expect(page.getByTestId("record")).toContainText(instruction.slice(0, 40));
  await expect(page.getByTestId("stored-badge")).toHaveAttribute("data-stored", "kept");
  await page.reload();
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} prompts`);
  await expect(page.getByTestId("stored-badge")).toHaveAttribute("data-stored", "reopened");
});

test("raw UltraChat's conversion is partial: said so, the original files stay the default, the part loads on request", async ({
  page,
}) => {
  await openSample(page);
  await page.getByTestId("open-catalog").click();
  const row = page.locator('[data-split="stingning/ultrachat:train"]');
  await expect(row.getByTestId("catalog-conversion")).toHaveAttribute("data-state", "partial");
  await expect(row.getByTestId("catalog-conversion")).toContainText(
    "holds only the first part of this split (1 file · 12 kB, in default/partial-train): Load reads the 10 original files.",
  );
  await expect(row.getByTestId("catalog-load-stingning/ultrachat:train")).toHaveAttribute("data-source", "files");
  await row.getByTestId("catalog-load-conversion-stingning/ultrachat:train").click();
  await expect(page.getByTestId("row-count")).toHaveText("30 of 30 rows");
  await expect(page.getByTestId("load-warning")).toContainText(
    "holds 30 rows; the published split has about 1,470,000",
  );
  await expect(page).toHaveURL(/ds=hf%3Astingning%2Fultrachat%3Atrain%40parquet/);
  // read as raw UltraChat: the first dialogue's turns, as in the file
  const first = JSON.parse(readFileSync(sample("ultrachat/train_0.jsonl"), "utf8").split("\n")[0]!) as {
    data: string[];
  };
  await page.locator('[data-testid="record-row"][data-row="0"]').click();
  await expect(page.getByTestId("message")).toHaveCount(first.data.length);
});

test("no conversion at a Hub address: the split's files are read, and a link to one names what the Hub answered", async ({
  page,
}) => {
  await openSample(page);
  await page.getByTestId("open-catalog").click();
  await page.getByTestId("hub-base").fill(`${HUB}/elsewhere`);
  await page.getByRole("button", { name: "Use" }).click();
  const row = page.locator('[data-split="openbmb/UltraFeedback:train"]');
  await expect(row.getByTestId("catalog-conversion")).toHaveAttribute("data-state", "none");
  await expect(row.getByTestId("catalog-load-openbmb/UltraFeedback:train")).toHaveAttribute("data-source", "files");
  await page.goto(
    `/?ds=${encodeURIComponent("hf:openbmb/UltraFeedback:train@parquet")}&base=${encodeURIComponent(`${HUB}/elsewhere`)}`,
  );
  await expect(page.getByTestId("load-error")).toContainText(
    `UltraFeedback (raw) · train (Parquet conversion): the Hub lists no Parquet conversion of this split`,
  );
});
