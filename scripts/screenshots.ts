/**
 * Screenshots of the main views from a running production server (npm start), at 1600 and 900 px:
 * BASE_URL=http://127.0.0.1:3000 npm run screenshots   → screenshots/*.png
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { startHub } from "./hub-server";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const out = join(import.meta.dirname, "..", "screenshots");
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});

async function shot(page: Page, name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, `${name}-${page.viewportSize()?.width}.png`) });
}

const hub = await startHub(0);
const testSft = `datasets/HuggingFaceH4/ultrachat_200k/resolve/main/data/test_sft-00000-of-00001-f7dfac4afe5b93f4.parquet`;

for (const width of Number(process.env.WIDTHS) ? [Number(process.env.WIDTHS)] : [1600, 900]) {
  const page = await browser.newPage({ viewport: { width, height: 1000 } });
  page.on("console", (m) => m.type() === "error" && console.log(`[${width}] console error: ${m.text()}`));
  await page.goto(`${base}/`);
  await page.getByTestId("message").first().waitFor();
  await shot(page, "list-dialogue");
  await page.goto(`${base}/?q=%E6%BD%AE%E3%81%A0%E3%81%BE%E3%82%8A`);
  await page.getByTestId("message").first().waitFor();
  await shot(page, "search-japanese");
  await page.goto(`${base}/?row=30`);
  await page.getByTestId("message").first().waitFor();
  await shot(page, "hostile-text");
  await page
    .getByTestId("file-input")
    .setInputFiles(join(import.meta.dirname, "..", "e2e", "fixtures", "broken.jsonl"));
  await page.getByTestId("load-error").waitFor();
  await shot(page, "load-error");
  await page
    .getByTestId("file-input")
    .setInputFiles(join(import.meta.dirname, "..", "e2e", "fixtures", "generic.jsonl"));
  await page.getByTestId("row-count").getByText("3 of 3 rows").waitFor();
  await page.getByTestId("column-filter").locator("summary").click();
  await page.getByTestId("column-filter-column").selectOption("score");
  await page.getByTestId("column-filter-min").fill("3");
  await page.getByTestId("column-filter-add").click();
  await page.getByTestId("column-filter").locator("summary").click();
  await page.getByTestId("column-filter-column").selectOption("answer");
  await shot(page, "column-filter");
  await page.getByTestId("panel-stats").click();
  await page.locator('[data-testid="chart"][data-chart="column-score"] [data-count]').first().waitFor();
  await shot(page, "stats-generic");
  await page.goto(`${base}/?panel=stats`);
  await page.locator('[data-testid="chart"][data-chart="japanese"] [data-count]').first().waitFor();
  await shot(page, "stats-dialogue");
  await page.goto(`${base}/?ds=ultrafeedback&panel=stats&honesty=..2`);
  await page.locator('[data-testid="chart"][data-chart="response-length"] [data-count]').first().waitFor();
  await shot(page, "stats-ultrafeedback");
  await page.goto(`${base}/?ds=ultrafeedback_binarized-test_prefs&panel=stats`);
  await page.locator('[data-testid="chart"][data-chart="length-difference"] [data-count]').first().waitFor();
  await shot(page, "stats-binarized");
  const query =
    "SELECT model, count(*) AS completions, avg(r_honesty) AS honesty, avg(overall) AS overall\nFROM ultrafeedback_completions\nGROUP BY model\nORDER BY completions DESC";
  await page.goto(`${base}/?ds=ultrafeedback&panel=sql&sql=${encodeURIComponent(query)}`);
  await page.getByTestId("sql-result").getByTestId("record-row").first().waitFor();
  await shot(page, "console");
  await page.goto(`${base}/?ds=ultrafeedback&panel=checks&check=negative_critique`);
  await page.getByTestId("checks-total").waitFor();
  await page
    .getByTestId("row-count")
    .getByText(/^\d+ of \d+ prompts/)
    .waitFor();
  await shot(page, "checks");
  await page.goto(`${base}/?ds=ultrafeedback`);
  await page.getByTestId("completion").first().waitFor();
  await page.getByTestId("dataset-picker").selectOption("ultrafeedback_binarized-test_prefs");
  await page.getByTestId("row-count").getByText("59 of 59 pairs").waitFor();
  await page.keyboard.press("x");
  await page.getByTestId("overlap-run").click();
  await page.getByTestId("overlap-list").click();
  await page.keyboard.press("x");
  await page.getByTestId("search").fill("My kids love the beach");
  await page
    .getByTestId("row-count")
    .getByText(/^1 of 59 pairs/)
    .waitFor();
  await page.getByTestId("record-row").first().click();
  await page.getByTestId("overlap-span").first().waitFor();
  await shot(page, "overlap-match");
  await page.goto(`${base}/?ds=ultrafeedback`);
  await page.getByTestId("completion").first().waitFor();
  await shot(page, "ultrafeedback");
  await page.goto(`${base}/?ds=ultrafeedback&row=0&pane=record`);
  await page.getByTestId("completion").nth(3).waitFor();
  await shot(page, "ultrafeedback-four-columns");
  await page.goto(`${base}/?ds=ultrafeedback&honesty=..2&summary=models`);
  await page.getByTestId("model-summary-row").first().waitFor();
  await shot(page, "ultrafeedback-filters-models");
  await page.goto(`${base}/?ds=ultrafeedback_binarized-test_prefs`);
  await page.getByTestId("chosen").waitFor();
  await shot(page, "binarized");
  await page.getByTestId("load-raw").click();
  await page.getByTestId("completion").first().waitFor();
  await page.getByTestId("pane-record").click();
  await shot(page, "binarized-raw-link");
  await page.keyboard.press("?");
  await page.getByTestId("help").waitFor();
  await shot(page, "help");
  await page.keyboard.press("Escape");
  // Marks: four pairs marked by keys, one noted and swapped (marks are kept in this page's browser profile).
  await page.goto(`${base}/?ds=ultrafeedback_binarized-test_prefs&row=4`);
  await page.getByTestId("mark-bar").waitFor();
  for (const key of ["1", "2", "3", "1"]) {
    await page.keyboard.press(key);
    await page.waitForTimeout(150);
  }
  await page.keyboard.press("4");
  await page.keyboard.press("k");
  await page.getByTestId("mark-bar").and(page.locator('[data-mark="swap"]')).waitFor();
  await page.waitForTimeout(300);
  await page.keyboard.press("e");
  await page.getByTestId("mark-note-input").fill("The rejected answer keeps to the question; the chosen one drifts.");
  await page.getByTestId("mark-note-input").press("Enter");
  await page.getByTestId("mark-note-text").waitFor();
  await shot(page, "marks");
  await page.getByTestId("marks-menu").locator("summary").click();
  await page.getByTestId("marks-open").click();
  await page.getByTestId("marked-row").first().waitFor();
  await shot(page, "marks-panel");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await page.goto(`${base}/`);
  await page.getByTestId("record-row").first().waitFor();
  await page.getByTestId("open-catalog").click();
  await page.getByTestId("catalog").waitFor();
  await shot(page, "catalog");
  await page.getByTestId("url-input").fill(`${hub.url}/_fault/slow/${testSft}`);
  await page.getByTestId("url-open").click();
  await page
    .getByTestId("row-count")
    .getByText(/^loading — [1-9]/)
    .waitFor();
  await page.waitForTimeout(1200);
  await shot(page, "load-in-progress");
  await page.getByTestId("load-cancel").click();
  await page.getByTestId("open-catalog").click();
  await page.getByTestId("url-input").fill(`${hub.url}/_fault/cut/${testSft}`);
  await page.getByTestId("url-open").click();
  await page.getByTestId("load-error").waitFor();
  await shot(page, "remote-fault");
  await page.close();
}
// Small screens: each layout's list and a record, on a phone and at 200 % zoom of a 1280 × 800 window.
const SMALL = [
  ["dialogue", "/?ds=ultrachat_200k-test_sft"],
  ["ultrafeedback", "/?ds=ultrafeedback"],
  ["binarized", "/?ds=ultrafeedback_binarized-test_prefs"],
] as const;
for (const [width, height] of [
  [390, 844],
  [640, 400],
] as const) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on("console", (m) => m.type() === "error" && console.log(`[${width}] console error: ${m.text()}`));
  for (const [name, path] of SMALL) {
    await page.goto(`${base}${path}`);
    await page
      .getByTestId("row-count")
      .getByText(/^\d+ of \d+/)
      .waitFor();
    await page.getByTestId("record-row").nth(1).waitFor();
    await shot(page, `small-${name}-list-${height}`);
    await page.getByTestId("record-row").nth(1).click();
    await page.getByTestId("record").waitFor();
    await shot(page, `small-${name}-record-${height}`);
  }
  await page.close();
}
// The README's phone picture: the UltraFeedback cards and a record opened from them, side by side.
{
  const page = await browser.newPage({ viewport: { width: 820, height: 884 } });
  const img = (name: string) =>
    `<img src="data:image/png;base64,${readFileSync(join(out, `${name}-390.png`)).toString("base64")}" width="390" height="844" style="border:1px solid #cbd5e1;border-radius:12px">`;
  await page.setContent(
    `<body style="margin:0;padding:20px 0;display:flex;gap:20px;justify-content:center;background:#f1f5f9">${img("small-ultrafeedback-list-844")}${img("small-ultrafeedback-record-844")}</body>`,
  );
  await page.screenshot({ path: join(out, "phone.png") });
  await page.close();
}
await browser.close();
await hub.close();
console.log(`screenshots in ${out}`);
