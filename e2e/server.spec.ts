import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { normalizeUltraFeedback } from "../lib/formats/normalize";
import { parseRating } from "../lib/formats/ratings";
import { overlapOracle, rebinarizeOracle, type Feedback } from "../lib/test/check-oracles";
import { jsonl } from "../lib/test/fixtures";
import { expect, rebinarizeByMean, ROOT, sample, sql, steady, test } from "./fixtures";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;
const BASE = `http://127.0.0.1:${PORT}`;

/** The bundled samples, copied where the server may write its cache beside them. */
const data = mkdtempSync(join(tmpdir(), "e2e-served-"));
for (const dir of ["ultrafeedback", "ultrachat_200k"]) {
  mkdirSync(join(data, dir));
  for (const f of readdirSync(sample(dir))) copyFileSync(sample(`${dir}/${f}`), join(data, dir, f));
}

let server: ChildProcess | null = null;
/** What the servers of this file said on stderr: printed when a test fails. */
let said = "";

/** `npm run serve` on the copies; resolves once it answers. */
async function serve() {
  server = spawn(
    "npm",
    ["run", "serve", "--", join(data, "ultrafeedback"), join(data, "ultrachat_200k"), "-p", String(PORT)],
    {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  server.stderr?.on("data", (d: Buffer) => (said += d.toString()));
  // Up once every dataset it serves is open (a second start opens them from its cache).
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`${BASE}/api/db`).then(
      async (r) =>
        r.ok && ((await r.json()) as { datasets: { state: string }[] }).datasets.every((d) => d.state === "ready"),
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("npm run serve did not answer");
}

/** Stops the server at once, as a crash does (a graceful stop would still answer the connections open). */
function stop() {
  if (server?.pid) process.kill(-server.pid, "SIGKILL");
  server = null;
}

/** Stops the server as a crash does, and waits until it no longer answers. */
async function stopped() {
  stop();
  await expect
    .poll(() =>
      fetch(`${BASE}/api/db`).then(
        () => "up",
        () => "down",
      ),
    )
    .toBe("down");
}

test.describe.configure({ mode: "serial" });
test.beforeAll(serve);
test.afterAll(stop);
test.afterEach(({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && said) console.log(`npm run serve said:\n${said}`);
});

async function count(page: Page) {
  return (await page.getByTestId("row-count").textContent()) ?? "";
}

/**
 * What the rows listed say (their first column), sorted: the server reads a folder's files in name
 * order, so its row numbers differ from the sample's, not what they hold.
 */
const listed = (page: Page) =>
  page
    .getByTestId("record-row")
    .evaluateAll((els) => els.map((e) => e.querySelector('[data-col="__preview"]')?.textContent ?? "").sort());

/** The same view of a dataset in the tab and on the server: its count, and the rows listed, in order. */
async function both(page: Page, link: string, server: string, browser: string) {
  await page.goto(`${BASE}/?ds=${browser}&${link}`);
  await expect(page.getByTestId("engine-badge")).toHaveAttribute("data-engine", "browser");
  await expect(page.getByTestId("row-count")).toHaveText(/^[\d,]+ of [\d,]+ /);
  await expect(page.getByTestId("record-row").first()).toBeVisible();
  const n = await count(page);
  const few = Number(n.split(" ")[0]!.replace(/,/g, ""));
  // All of them are in view when few: the same rows, whatever their numbers.
  if (few <= 6) await expect.poll(async () => (await listed(page)).length).toBe(few);
  const rows = await listed(page);
  await page.goto(`${BASE}/?ds=${server}&${link}`);
  await expect(page.getByTestId("engine-badge")).toHaveAttribute("data-engine", "server");
  await expect(page.getByTestId("row-count")).toHaveText(n);
  if (few <= 6) await expect.poll(() => listed(page)).toEqual(rows);
  return n;
}

test("a server dataset opens from the picker and runs every view, with the tab's counts", async ({ page }) => {
  await page.goto(`${BASE}/`);
  const picker = page.getByTestId("dataset-picker");
  await expect(picker.locator('optgroup[label="On this server"] option')).toHaveText([
    "\u2068ultrafeedback\u2069 (60 rows)",
    "\u2068ultrachat_200k\u2069 (84 rows)",
  ]);
  await picker.selectOption("server:ultrafeedback");
  await expect(page.getByTestId("engine-badge")).toHaveAttribute("data-engine", "server");
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  await expect(page).toHaveURL(/ds=server%3Aultrafeedback/);

  // filters, search, a check and a record, each as the tab counts them
  expect(await both(page, "honesty=..2&scope=all", "server:ultrafeedback", "ultrafeedback")).toMatch(/of 60 prompts/);
  await both(page, "q=tide", "server:ultrafeedback", "ultrafeedback");
  await both(page, "q=%E6%BD%AE%E3%81%A0%E3%81%BE%E3%82%8A", "server:ultrachat_200k", "ultrachat_200k-test_sft");
  await both(page, "check=negative_critique", "server:ultrafeedback", "ultrafeedback");
  // The sample's first row is sharegpt's first; the server reads false_qa.jsonl before it.
  const before = readFileSync(join(data, "ultrafeedback", "false_qa.jsonl"), "utf8")
    .trimEnd()
    .split("\n").length;
  await page.goto(`${BASE}/?ds=server:ultrafeedback&row=${before}`);
  await expect(page.getByTestId("completion")).toHaveCount(4);
  await expect(page.getByTestId("completion-mark")).toHaveCount(4);
  const served = await steady(() => page.getByTestId("completion").allTextContents());
  await page.goto(`${BASE}/?ds=ultrafeedback&row=0`);
  await expect(page.getByTestId("completion")).toHaveCount(4);
  await expect(page.getByTestId("completion-mark")).toHaveCount(4);
  await expect.poll(() => page.getByTestId("completion").allTextContents()).toEqual(served);
});

test("the console, the checks report and an export on the server", async ({ page }) => {
  const sql = "SELECT model, count(*) AS n FROM ultrafeedback_completions GROUP BY model ORDER BY n DESC, model";
  await page.goto(`${BASE}/?ds=server:ultrafeedback&panel=sql&sql=${encodeURIComponent(sql)}`);
  const result = page.getByTestId("sql-result");
  await expect(result).toHaveAttribute("data-rows", /^\d+$/);
  const rows = (await result.getAttribute("data-rows"))!;
  await expect(result.getByTestId("record-row").first()).toBeVisible();
  const onServer = await steady(() => result.getByTestId("record-row").allTextContents());
  await page.goto(`${BASE}/?ds=ultrafeedback&panel=sql&sql=${encodeURIComponent(sql)}`);
  await expect(page.getByTestId("sql-result")).toHaveAttribute("data-rows", rows);
  // the same rows, as many as both pages show (the tab's first screen has a line more above the result)
  const inTab = page.getByTestId("sql-result").getByTestId("record-row");
  await expect(inTab.first()).toBeVisible();
  const shown = await steady(() => inTab.allTextContents());
  const n = Math.min(shown.length, onServer.length);
  expect(n).toBeGreaterThanOrEqual(5);
  expect(shown.slice(0, n)).toEqual(onServer.slice(0, n));
  // the server reads only what it was started with: an address is refused before anything is asked or fetched
  await page.goto(
    `${BASE}/?ds=server:ultrafeedback&panel=sql&sql=${encodeURIComponent("SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')")}`,
  );
  await expect(page.getByTestId("sql-error")).toContainText("reads only the datasets it was started with");
  await expect(page.getByTestId("sql-error")).toHaveAttribute("data-refused", "true");
  await expect(page.getByTestId("sql-host")).toHaveCount(0);

  await page.goto(`${BASE}/?ds=server:ultrafeedback&panel=checks`);
  const line = page.locator('[data-testid="check"][data-check="negative_critique"]');
  await expect(line).toHaveAttribute("data-count", /^\d+$/);
  const flagged = await line.getAttribute("data-count");
  await page.goto(`${BASE}/?ds=ultrafeedback&panel=checks`);
  await expect(page.locator('[data-testid="check"][data-check="negative_critique"]')).toHaveAttribute(
    "data-count",
    flagged!,
  );

  await page.goto(`${BASE}/?ds=server:ultrafeedback&source=false_qa`);
  await expect(page.getByTestId("row-count")).toHaveText("14 of 60 prompts");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  expect(readFileSync(path, "utf8").trimEnd().split("\n")).toHaveLength(14);
});

test("charts, an overlap and a re-binarize on the server, as the plain rules count them", async ({ page }) => {
  const ufRows = ["false_qa", "sharegpt", "truthful_qa"].flatMap((f) =>
    jsonl(join(data, "ultrafeedback", `${f}.jsonl`)).map((r) => normalizeUltraFeedback(r) as unknown as Feedback),
  );
  const ratings = new Map<string, number>();
  for (const r of ufRows)
    for (const c of r.completions) {
      const p = parseRating(c.annotations.honesty?.Rating);
      if (p.kind === "missing") continue;
      const key =
        p.kind === "na" ? "N/A" : p.kind === "out" ? "outside 1–5" : String(p.kind === "score" ? p.value : "");
      ratings.set(key, (ratings.get(key) ?? 0) + 1);
    }
  await page.goto(`${BASE}/?ds=server:ultrafeedback&panel=stats`);
  await expect(page.getByTestId("engine-badge")).toHaveAttribute("data-engine", "server");
  const chart = page.locator('[data-testid="chart"][data-chart="rating-honesty"]');
  for (const [key, n] of ratings)
    await expect(chart.locator(`[data-value="${key}"]`)).toHaveAttribute("data-count", String(n));
  const two = ufRows.filter((r) => r.completions.some((c) => c.annotations.honesty?.Rating === "2")).length;
  await chart.locator('[data-value="2"]').click();
  await expect(page.getByTestId("row-count")).toHaveText(`${two} of 60 prompts`);

  // the overlap of the two datasets the server serves, both ways
  const prompts = (
    await sql<{ prompt: string }>(`SELECT prompt FROM read_parquet('${join(data, "ultrachat_200k")}/*.parquet')`)
  ).map((r) => r.prompt);
  const instructions = ufRows.map((r) => r.instruction);
  const ufSide = overlapOracle(instructions, prompts);
  const chatSide = overlapOracle(prompts, instructions);
  expect(ufSide.any.length).toBeGreaterThan(0);
  await page.goto(`${BASE}/?ds=server:ultrachat_200k`);
  await expect(page.getByTestId("row-count")).toHaveText("84 of 84 rows");
  await page.getByTestId("dataset-picker").selectOption("server:ultrafeedback");
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  await page.keyboard.press("x");
  await page.getByTestId("overlap-with").selectOption("server:ultrachat_200k");
  await page.getByTestId("overlap-run").click();
  await expect(page.getByTestId("overlap")).toHaveAttribute("data-count", String(ufSide.any.length));
  await expect(page.getByTestId("overlap")).toHaveAttribute("data-exact", String(ufSide.exact.length));
  await expect(page.getByTestId("overlap-back")).toHaveAttribute("data-count", String(chatSide.any.length));

  // pairs made again by the mean of the ratings, lowest rejected, ties dropped
  const pairs = rebinarizeOracle(ufRows, { score: "mean", ties: "drop", rejected: "lowest", seed: 42 });
  await rebinarizeByMean(page);
  await expect(page.getByTestId("rebinarize-pairs")).toHaveAttribute("data-count", String(pairs.length));
});

test("two tabs on one server keep their own tables: neither sees the other's", async ({ page, browser }) => {
  const temporary = "SELECT table_name FROM duckdb_tables() WHERE temporary ORDER BY table_name";
  const own = async (p: Page) => {
    await p.goto(`${BASE}/?ds=server:ultrafeedback&panel=sql&sql=${encodeURIComponent(temporary)}`);
    const result = p.getByTestId("sql-result");
    await expect(result).toHaveAttribute("data-rows", /^\d+$/);
    await expect.poll(async () => (await result.locator('[data-col="table_name"]').count()) > 0).toBe(true);
    return result.locator('[data-col="table_name"]').allTextContents();
  };
  // the first tab computes the checks' flags on the server, then lists its tables
  await page.goto(`${BASE}/?ds=server:ultrafeedback&panel=checks`);
  await expect(page.locator('[data-testid="check"][data-check="negative_critique"]')).toHaveAttribute(
    "data-count",
    /^\d+$/,
  );
  const first = await own(page);
  const other = await browser.newContext();
  const second = await own(await other.newPage());
  await other.close();
  expect(first.length).toBeGreaterThan(1);
  expect(first.filter((name) => name !== "marks" && second.includes(name))).toEqual([]);
});

test.describe("a server that stops", () => {
  // A server killed mid-request resets the connection; one killed between requests refuses the next.
  test.use({ expectedErrors: [/Failed to load resource: net::ERR_CONNECTION_(REFUSED|RESET)/] });

  test("a server that stops answering is said, with Retry; what was on screen stays", async ({ page }) => {
    // The page's own engine is up first (its WebAssembly comes from this server too).
    await page.goto(`${BASE}/`);
    await expect(page.getByTestId("engine-badge")).toHaveAttribute("data-engine", "browser");
    await page.getByTestId("dataset-picker").selectOption("server:ultrafeedback");
    await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
    const first = await page.getByTestId("record-row").first().textContent();
    await stopped();
    await page.getByTestId("search").fill("glaciers");
    await expect(page.getByTestId("server-gone")).toContainText("The server stopped answering");
    await expect(page.getByTestId("record-row").first()).toHaveText(first!);
    await serve();
    await page.getByTestId("server-retry").click();
    await expect(page.getByTestId("server-gone")).toHaveCount(0);
    await expect(page.getByTestId("row-count")).toHaveText(/^[\d,]+ of 60 prompts$/);
  });

  test("after a restart the page's tables on the server are made again: a check's filter still counts", async ({
    page,
  }) => {
    // The page's own engine is up first (its WebAssembly comes from this server too).
    await page.goto(`${BASE}/?panel=checks`);
    await expect(page.getByTestId("engine-badge")).toHaveAttribute("data-engine", "browser");
    await page.getByTestId("dataset-picker").selectOption("server:ultrafeedback");
    await expect(page.getByTestId("engine-badge")).toHaveAttribute("data-engine", "server");
    await page.locator('[data-testid="check"][data-check="negative_critique"]').click();
    await expect(page).toHaveURL(/check=negative_critique/);
    await expect(page.getByTestId("row-count")).toHaveText(/^\d+ of 60 prompts$/);
    const flagged = (await count(page)).split(" ")[0]!;
    expect(Number(flagged)).toBeGreaterThan(0);
    await stopped();
    await page.getByTestId("search").fill("glaciers");
    await expect(page.getByTestId("server-gone")).toContainText("The server stopped answering");
    await serve();
    await page.getByTestId("server-retry").click();
    await expect(page.getByTestId("server-gone")).toHaveCount(0);
    await page.getByTestId("search").fill("");
    await expect(page.getByTestId("row-count")).toHaveText(`${flagged} of 60 prompts`);
  });
});

test("marks made on a server dataset filter it there, and are the same split's marks in the tab", async ({ page }) => {
  await page.goto(`${BASE}/?ds=server:ultrachat_200k&pane=record`);
  const record = page.getByTestId("record");
  await expect(page.getByTestId("mark-bar")).toBeVisible();
  const first = await record.getAttribute("data-row");
  await page.keyboard.press("2");
  await expect(record).not.toHaveAttribute("data-row", first!);
  await expect(page.getByTestId("mark-bar")).toHaveAttribute("data-mark", "");
  await page.keyboard.press("2");
  await expect(page.getByTestId("mark-count")).toHaveAttribute("data-discard", "2");
  await page.goto(`${BASE}/?ds=server:ultrachat_200k&mark=discard`);
  await expect(page.getByTestId("engine-badge")).toHaveAttribute("data-engine", "server");
  await expect(page.getByTestId("row-count")).toHaveText(/^\d+ of 84 rows$/);
  const onServer = await count(page);
  expect(Number(onServer.split(" ")[0])).toBeGreaterThanOrEqual(2);
  expect(Number(onServer.split(" ")[0])).toBeLessThan(84);
  // The rows are read once all of them are listed.
  await expect.poll(async () => (await listed(page)).length).toBe(Number(onServer.split(" ")[0]));
  const rows = await listed(page);
  await page.goto(`${BASE}/?ds=ultrachat_200k-test_sft&mark=discard`);
  await expect(page.getByTestId("engine-badge")).toHaveAttribute("data-engine", "browser");
  await expect(page.getByTestId("row-count")).toHaveText(onServer);
  await expect.poll(() => listed(page)).toEqual(rows);
  await expect(page.getByTestId("mark-count")).toHaveAttribute("data-discard", "2");
});
