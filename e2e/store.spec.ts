import type { Page } from "@playwright/test";
import { expect, expectNoSeriousViolations, openSample, sample, sqlCount, steady, test } from "./fixtures";

/** The texts of the list's rows in view, and the count, as a reader sees them once they are drawn. */
async function listed(page: Page) {
  await expect(page.getByTestId("record-row").first()).toBeVisible();
  return steady(async () => ({
    count: await page.getByTestId("row-count").textContent(),
    rows: await page.getByTestId("record-row").allInnerTexts(),
  }));
}

async function storedEntries(page: Page) {
  await page.getByTestId("open-catalog").click();
  const list = page.getByTestId("stored-list");
  await expect(list).toHaveAttribute("data-count", /\d/);
  return list;
}

const CASES = [
  {
    id: "ultrafeedback",
    noun: "prompts",
    total: () => sqlCount(`SELECT count(*) AS n FROM read_json('${sample("ultrafeedback")}/*.jsonl')`),
    search: "water",
  },
  {
    id: "ultrachat_200k-test_sft",
    noun: "rows",
    total: () => sqlCount(`SELECT count(*) AS n FROM read_parquet('${sample("ultrachat_200k")}/test_sft-*.parquet')`),
    search: "the",
  },
];

for (const c of CASES) {
  test(`${c.id}: opened again, it comes from this browser's store with the same rows`, async ({ page }) => {
    const n = await c.total();
    await openSample(page, `/?ds=${c.id}`);
    await expect(page.getByTestId("stored-badge")).toHaveAttribute("data-stored", "kept");
    await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} ${c.noun}`);
    const before = await listed(page);
    await page.getByTestId("search").fill(c.search);
    await expect(page.getByTestId("row-count")).not.toHaveText(`${n} of ${n} ${c.noun}`);
    const found = await listed(page);

    await page.goto(`/?ds=${c.id}`);
    await expect(page.getByTestId("stored-badge")).toHaveAttribute("data-stored", "reopened");
    await expect(page.getByTestId("stored-badge")).toHaveText("from this browser's store");
    await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} ${c.noun}`);
    await expect.poll(() => listed(page)).toEqual(before);
    await page.getByTestId("search").fill(c.search);
    await expect(page.getByTestId("row-count")).toHaveText(found.count!);
    await expect.poll(() => listed(page)).toEqual(found);
  });
}

test("the stored list names what is kept, and Remove takes it away", async ({ page }) => {
  const n = await sqlCount(`SELECT count(*) AS n FROM read_json('${sample("ultrachat/train_0.jsonl")}')`);
  await openSample(page, "/?ds=ultrachat-train_0");
  await expect(page.getByTestId("stored-badge")).toHaveAttribute("data-stored", "kept");
  const list = await storedEntries(page);
  await expect(list).toHaveAttribute("data-count", "1");
  const entry = list.getByTestId("stored-entry");
  await expect(entry).toHaveAttribute("data-id", "ultrachat-train_0");
  await expect(entry).toHaveAttribute("data-rows", String(n));
  await expect(entry).toContainText(`${n} rows`);
  const room = list.getByTestId("stored-room");
  await expect(room).toHaveText(/^1 stored, [\d.]+ [kMG]?B; the browser allows about [\d.]+ [kMGT]?B more\.$/);
  await expectNoSeriousViolations(page, "the stored list in the catalog");
  await entry.getByTestId("stored-remove").click();
  await expect(list).toHaveAttribute("data-count", "0");
  await expect(list.getByTestId("stored-entry")).toHaveCount(0);
  await expect(room).toHaveText(/^None stored yet; the browser allows about [\d.]+ [kMGT]?B more\.$/);

  // read from its file again, and kept again
  await page.goto("/?ds=ultrachat-train_0");
  await expect(page.getByTestId("stored-badge")).toHaveAttribute("data-stored", "kept");
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} rows`);
});

test("a file changed on its server is read again, and its old copy replaced", async ({ page }) => {
  await openSample(page, "/?ds=ultrachat-train_0");
  await expect(page.getByTestId("stored-badge")).toHaveAttribute("data-stored", "kept");
  // the server now says the file is another one (a new ETag and date)
  await page.route("**/samples/ultrachat/train_0.jsonl", async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers(), etag: 'W/"changed"', "last-modified": "Sat, 05 Dec 2026 09:00:00 GMT" };
    await route.fulfill({ response, headers });
  });
  await page.goto("/?ds=ultrachat-train_0");
  await expect(page.getByTestId("stored-badge")).toHaveAttribute("data-stored", "kept");
  const list = await storedEntries(page);
  await expect(list).toHaveAttribute("data-count", "1");
});
