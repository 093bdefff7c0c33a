/**
 * Loads bench-data/train_sft-large.parquet (scripts/generate-large.ts) into a running app through the
 * file input and prints how long loading, counting, searching, sorting and scrolling take.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const file = process.argv[2] ?? join(import.meta.dirname, "..", "bench-data", "train_sft-large.parquet");
const browser = await chromium.launch({
  executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
page.on("console", (m) => m.type() === "error" && console.log(`console error: ${m.text()}`));
await page.goto(base);
await page.getByTestId("record-row").first().waitFor();

const time = async (label: string, action: () => Promise<unknown>) => {
  const t = performance.now();
  await action();
  console.log(`${label}: ${Math.round(performance.now() - t)} ms`);
};
const countIs = (re: RegExp) => page.getByTestId("row-count").filter({ hasText: re }).waitFor({ timeout: 300_000 });

await time("load (file input → full count)", async () => {
  await page.getByTestId("file-input").setInputFiles(file);
  await countIs(/^[\d,]+ of [\d,]+ rows$/);
  await page.waitForURL(/ds=file/, { timeout: 300_000 });
  await countIs(/^207,865 of 207,865 rows$|^[\d,]{6,} of/);
});
console.log("count:", await page.getByTestId("row-count").textContent());
await time("search English 'lighthouse'", async () => {
  await page.getByTestId("search").fill("lighthouse");
  await countIs(/^[\d,]+ of 207,865 rows$/);
  await page.getByTestId("record-row").first().waitFor();
});
console.log("count:", await page.getByTestId("row-count").textContent());
await time("search Japanese '潮だまり'", async () => {
  await page.getByTestId("search").fill("潮だまり");
  await page.waitForURL(/q=%E6%BD%AE/);
  await countIs(/^[\d,]+ of 207,865 rows$/);
});
console.log("count:", await page.getByTestId("row-count").textContent());
await page.getByTestId("search").fill("");
await countIs(/^207,865 of 207,865 rows$/);
await time("sort by chars (first row on screen)", async () => {
  await page.getByRole("button", { name: "Chars" }).click();
  await page.waitForURL(/sort=chars/);
  await page.getByTestId("record-row").first().waitFor();
});
await time("scroll to the end (last rows on screen)", async () => {
  await page.getByTestId("record-list").evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.locator('[data-testid="record-row"]').last().waitFor();
});
await browser.close();
