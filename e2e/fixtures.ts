import { readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { NativeEngine } from "../lib/engine/native";

export const ROOT = join(import.meta.dirname, "..");
export const sample = (p: string) => join(ROOT, "public", "samples", p);
export const fixture = (p: string) => join(ROOT, "e2e", "fixtures", p);
/** The sample a link without `ds=` shows: the first of the manifest. */
const DEFAULT_SAMPLE = (
  JSON.parse(readFileSync(join(ROOT, "lib", "datasets", "sample-manifest.json"), "utf8")) as { id: string }[]
)[0]!.id;

/** The page's console errors and uncaught exceptions from now on, but for those `expected` names. */
function watchConsole(page: Page, expected: RegExp[] = []): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !expected.some((r) => r.test(m.text()))) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

/**
 * Every test fails on a console error or an uncaught exception in the page, but for the browser's own
 * report of a refused connection where a test stops a server on purpose (`expectedErrors`).
 */
export const test = base.extend<{ consoleErrors: string[]; expectedErrors: RegExp[] }>({
  expectedErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedErrors }, use) => {
      const errors = watchConsole(page, expectedErrors);
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** A page of its own context whose console errors and uncaught exceptions are collected. */
interface Watched {
  page: Page;
  errors: string[];
  close: () => Promise<void>;
}

/**
 * One page for the tests of a file that read views and keep nothing: each test moves it to its view
 * within the app (`visit`), as a link followed inside the page is, so the engine starts once per file
 * rather than once per test. Each file starts on a new page, so no file depends on which ran before it
 * in the worker. Its console errors fail the test they happen in, as `test`'s do.
 */
export const viewTest = base.extend<{ view: Page }, { shared: { current: Watched | null; file: string } }>({
  shared: [
    async ({}, use) => {
      const shared = { current: null as Watched | null, file: "" };
      await use(shared);
      await shared.current?.close();
    },
    { scope: "worker" },
  ],
  view: async ({ shared, browser, viewport, baseURL }, provide, testInfo) => {
    if (!shared.current || shared.file !== testInfo.file) {
      await shared.current?.close();
      const context = await browser.newContext({ baseURL, viewport });
      const page = await context.newPage();
      const errors = watchConsole(page);
      shared.current = { page, errors, close: () => context.close() };
      shared.file = testInfo.file;
    }
    const { page, errors } = shared.current;
    errors.length = 0;
    // A test before may have resized the page.
    if (viewport) await page.setViewportSize(viewport);
    await provide(page);
    expect(errors, "console errors").toEqual([]);
  },
});

/**
 * Shows `path` on a page and waits until the dataset it names is the one listed: a first visit loads the
 * app, a later one moves within it (the page's history gets the link and the app reads it, as it does
 * going back or forward), and until the named dataset has rows the last one stays on screen.
 */
export async function visit(page: Page, path: string) {
  const inApp = page.url().startsWith("http") && (await page.getByTestId("row-count").count()) > 0;
  if (inApp) {
    // Typing in the search reaches the link a moment later: a test before may have ended first.
    const typed = () =>
      page.evaluate(() => {
        const box = document.querySelector<HTMLInputElement>('[data-testid="search"]');
        const q = new URLSearchParams(window.location.search).get("q") ?? "";
        return !box || box.value.length > 1000 || box.value === q;
      });
    await expect.poll(typed).toBe(true);
  }
  if (!inApp) await page.goto(path);
  else
    await page.evaluate((to) => {
      window.history.pushState(window.history.state, "", to);
      window.dispatchEvent(new PopStateEvent("popstate", { state: window.history.state }));
    }, path);
  const ds = new URL(path, "http://x").searchParams.get("ds") ?? DEFAULT_SAMPLE;
  const count = page.getByTestId("row-count");
  await expect(count).toHaveAttribute("data-dataset", ds);
  await expect(count).toHaveText(/^[\d,]+ of [\d,]+ /);
}

let native: Promise<NativeEngine> | null = null;
/** The oracle for exact values: native DuckDB over the same files the page loads. */
export async function sql<T = Record<string, unknown>>(query: string, params: (string | number)[] = []): Promise<T[]> {
  native ??= NativeEngine.open();
  return (await (await native).rows(query, params)) as T[];
}

export async function sqlCount(query: string, params: (string | number)[] = []): Promise<number> {
  const [row] = await sql<{ n: number }>(query, params);
  return Number(row?.n);
}

/** Opens a page and waits until the database serves its list (the first page may show before, from a snapshot). */
export async function openSample(page: Page, path = "/") {
  await visit(page, path);
  await expect(page.getByTestId("record-row").first()).toBeVisible();
}

/**
 * What `read` gives once it stops changing: two reads a moment apart that agree (rows still being
 * drawn, or a record drawn again when its dataset's load ends, read differently from one to the next).
 */
export async function steady<T>(read: () => Promise<T>, gapMs = 300): Promise<T> {
  let last = JSON.stringify(await read());
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, gapMs));
    const value = await read();
    const text = JSON.stringify(value);
    if (text === last) return value;
    last = text;
  }
  throw new Error(`still changing after ${(100 * gapMs) / 1000} s: ${last}`);
}

/** Waits until the open dataset's load is over and its copy in this browser is settled (kept, reopened or refused). */
export async function settled(page: Page) {
  const count = page.getByTestId("row-count");
  await expect(count).toHaveText(/^[\d,]+ of [\d,]+ /);
  await expect(count).toHaveAttribute("data-stored", /^(kept|reopened|failed)$/);
}

/** Re-binarizes the open raw UltraFeedback in the checks panel: by the mean of the ratings, lowest rejected, ties dropped. */
export async function rebinarizeByMean(page: Page) {
  const panel = page.getByTestId("rebinarize");
  await panel.getByTestId("rebinarize-score").selectOption("mean");
  await panel.getByTestId("rebinarize-rejected").selectOption("lowest");
  await panel.getByTestId("rebinarize-drop-ties").check();
  await panel.getByTestId("rebinarize-run").click();
}

/**
 * axe-core on the page once nothing is being refreshed (a dimmed, `aria-busy` part is waiting for its new answer): no
 * serious or critical WCAG 2.x A/AA violation; a failure lists each rule with its elements.
 */
export async function expectNoSeriousViolations(page: Page, view: string) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`);
  expect(serious, `${view}\n${serious.join("\n")}`).toEqual([]);
}

/** Rows of the list wholly inside the list's own scroller. */
export function rowsInView(page: Page): Promise<number> {
  return page.getByTestId("record-list").evaluate((list) => {
    const box = list.getBoundingClientRect();
    return [...list.querySelectorAll('[data-testid="record-row"]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= box.top - 1 && b.bottom <= box.bottom + 1;
    }).length;
  });
}
