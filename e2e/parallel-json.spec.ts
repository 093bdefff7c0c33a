import { readFileSync, writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, sample, test } from "./fixtures";

/**
 * A JSON Lines file past the size at which the page's parsing workers share it (32 MB): raw UltraChat
 * lines of the bundled sample, each with an id of its own, 36 MB in all.
 */
function bigFile(path: string, broken?: number) {
  const lines = readFileSync(sample("ultrachat/train_0.jsonl"), "utf8").split("\n").filter(Boolean);
  const out: string[] = [];
  for (let copy = 0; out.length * 1400 < 36_000_000; copy++) {
    for (const line of lines) {
      const record = JSON.parse(line) as { id: string; data: string[] };
      out.push(JSON.stringify({ ...record, id: `${copy}-${record.id}` }));
    }
  }
  if (broken) out[broken - 1] = out[broken - 1]!.slice(0, 50);
  writeFileSync(path, out.join("\n") + "\n");
  return { rows: out.length, last: JSON.parse(out.at(-1)!) as { id: string } };
}

// Two parsers asked for in the address (on two cores the reader parses alone; every other test reads that way).
const parsersUsed = (page: Page) =>
  page.evaluate(() => performance.getEntriesByName("load:parsers").map((e) => (e as PerformanceMark).detail as number));

test("a 36 MB JSON Lines file read by two parsing workers: every row, in order", async ({ page }, info) => {
  test.setTimeout(240_000);
  const path = info.outputPath("big.jsonl");
  const { rows, last } = bigFile(path);
  const total = rows.toLocaleString("en-US");
  await page.goto("/?parsers=2");
  await expect(page.getByTestId("record-row").first()).toBeVisible();
  await page.getByTestId("file-input").setInputFiles([path]);
  await expect(page.getByTestId("row-count")).toHaveText(`${total} of ${total} rows`, { timeout: 90_000 });
  // the last row is the file's last line
  await page.getByTestId("sort-__row").click();
  await page.getByTestId("sort-__row").click();
  await page.getByTestId("record-row").first().click();
  await expect(page.getByTestId("record-header")).toContainText(`row ${(rows - 1).toLocaleString("en-US")}`);
  await expect(page.getByTestId("record-header")).toContainText(`id ${last.id}`);
  expect(await parsersUsed(page)).toEqual([2]);
});

test("a broken line deep in a big file is named by its line number", async ({ page }, info) => {
  test.setTimeout(240_000);
  const path = info.outputPath("broken.jsonl");
  bigFile(path, 23_457);
  await page.goto("/?parsers=2");
  await expect(page.getByTestId("record-row").first()).toBeVisible();
  await page.getByTestId("file-input").setInputFiles([path]);
  await expect(page.getByTestId("load-error")).toContainText("broken.jsonl, line 23457: not valid JSON", {
    timeout: 90_000,
  });
  expect(await parsersUsed(page)).toEqual([2]);
});
