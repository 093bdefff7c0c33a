import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, fixture, openSample, sample, sqlCount, test } from "./fixtures";

/** Where the sample generator planted each flaw of the bundled pairs (rows of the original). */
const planted = JSON.parse(readFileSync(fixture("pairs-planted.json"), "utf8")) as Record<
  string,
  Record<string, { rows: number[]; keys: string[] }>
>;
const EN = sample("ultrachat/train_0.jsonl");
const JA = sample("ultrachat_ja/train_0.jsonl");
const CHAT_PAIR = "/?ds=ultrachat-train_0&pair=ultrachat-train_0-ja";

const summary = (page: Page) => page.getByTestId("pair-summary");
const flag = (page: Page, id: string) => page.locator(`[data-testid=pair-flag][data-flag=${id}]`);
/** The rows the list shows, once it shows `n` of them (never read before they render). */
async function listedRows(page: Page, n: number) {
  await expect(page.getByTestId("record-row")).toHaveCount(n);
  return page.getByTestId("record-row").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-row"))));
}

async function alignedCounts() {
  const ids = (f: string) => `SELECT id FROM read_json('${f}', columns = {id: 'VARCHAR', data: 'VARCHAR[]'})`;
  return {
    aligned: await sqlCount(`SELECT count(*) AS n FROM (${ids(EN)}) JOIN (${ids(JA)}) USING (id)`),
    onlyLeft: await sqlCount(`SELECT count(*) AS n FROM (${ids(EN)}) WHERE id NOT IN (${ids(JA)})`),
    onlyRight: await sqlCount(`SELECT count(*) AS n FROM (${ids(JA)}) WHERE id NOT IN (${ids(EN)})`),
  };
}

async function expectAxeClean(page: Page, what: string) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = r.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`);
  expect(serious, what).toEqual([]);
}

test("a bundled pair opens from the picker: its counts, the untranslated rows exactly, both sides of a record, and the same view after a reload", async ({
  page,
}) => {
  const counts = await alignedCounts();
  await openSample(page);
  await page.getByTestId("dataset-picker").selectOption("pair:ultrachat-train_0|ultrachat-train_0-ja");
  await expect(summary(page)).toHaveAttribute("data-aligned", String(counts.aligned));
  await expect(summary(page)).toHaveAttribute("data-only-left", String(counts.onlyLeft));
  await expect(summary(page)).toHaveAttribute("data-only-right", String(counts.onlyRight));
  await expect(summary(page)).toHaveAttribute("data-kind", "translation");
  await expect(page.getByTestId("pair-pattern")).toContainText("holds only the assistant's turns");
  for (const f of ["untranslated", "length", "numbers", "code", "dropped"])
    await expect(flag(page, f)).toHaveAttribute("data-count", String(planted.ultrachat![f]!.rows.length));
  await expect(flag(page, "turns")).toHaveAttribute("data-count", String(counts.aligned));

  const untranslated = planted.ultrachat!.untranslated!.rows;
  await flag(page, "untranslated").click();
  await expect(page).toHaveURL(/pf=untranslated/);
  await expect(page.getByTestId("row-count")).toHaveText(`${untranslated.length} of 69 rows`);
  expect(await listedRows(page, untranslated.length)).toEqual(untranslated);

  // The first of them: its first answer stands beside itself, left in English, and is marked so.
  const row = untranslated[0]!;
  const english = (JSON.parse(readFileSync(EN, "utf8").split("\n")[row]!) as { data: string[] }).data[1]!;
  await page.getByTestId("record-row").first().click();
  const right = page.getByTestId("pair-right");
  await expect(right.locator('[data-flags~="untranslated"]')).toHaveCount(1);
  await expect(right.locator('[data-flags~="untranslated"]')).toContainText(english.slice(0, 40));
  await expect(page.getByTestId("pair-left").locator('[data-part="turn 2"]')).toContainText(english.slice(0, 40));
  // the user's turns have no translation, and say so
  await expect(right.locator('[data-missing="expected"]').first()).toContainText("not translated");
  await expectAxeClean(page, "a dialogue beside its translation");

  await page.reload();
  await expect(page.getByTestId("row-count")).toHaveText(`${untranslated.length} of 69 rows`);
  await expect(page.getByTestId("pair-right").locator('[data-flags~="untranslated"]')).toHaveCount(1);
  await expect(flag(page, "untranslated")).toHaveAttribute("aria-pressed", "true");
});

test("a link opens an UltraFeedback pair on its changed ratings, and the record marks the rating that differs", async ({
  page,
}) => {
  const rated = planted.ultrafeedback!.ratings!.rows;
  await page.goto(`/?ds=ultrafeedback&pair=ultrafeedback-ja&pf=ratings&row=${rated[0]}`);
  await expect(page.getByTestId("row-count")).toHaveText(`${rated.length} of 60 prompts`);
  expect(await listedRows(page, rated.length)).toEqual(rated);
  const hit = page.getByTestId("pair-right").locator('[data-flags~="ratings"]');
  await expect(hit).toHaveCount(1);
  await expect(hit).toHaveAttribute("data-part", "completion 2 · honesty rating");
  const before = await page
    .getByTestId("pair-left")
    .locator('[data-part="completion 2 · honesty rating"]')
    .textContent();
  expect(before).not.toBe(await hit.textContent());
  // the checks report holds the pair's flags, counted the same way
  await page.getByRole("button", { name: "Checks" }).click();
  await expect(page.locator("[data-testid=pair-check][data-check=ratings]")).toHaveAttribute(
    "data-count",
    String(rated.length),
  );
  await expect(page.locator("[data-testid=pair-check][data-check=only_left]")).toHaveAttribute(
    "data-count",
    String(planted.ultrafeedback!.only_left!.rows.length),
  );
  // the overlap compares with the partner first
  await expect(page.getByTestId("overlap-with")).toHaveValue("ultrafeedback-ja");
  await expectAxeClean(page, "the checks report with a pair");
});

test("two versions: the rows only in one, the changed ones with their words marked, and the partner's own rows by swapping sides", async ({
  page,
}) => {
  const p = planted.binarized!;
  await page.goto("/?ds=ultrafeedback_binarized-test_prefs&pair=ultrafeedback_binarized-test_prefs-2023");
  await expect(summary(page)).toHaveAttribute("data-kind", "version");
  await expect(summary(page)).toHaveAttribute("data-only-left", String(p.only_left!.rows.length));
  await expect(summary(page)).toHaveAttribute("data-only-right", String(p.only_right!.keys.length));
  await expect(flag(page, "changed")).toHaveAttribute("data-count", String(p.changed!.rows.length));
  await flag(page, "changed").click();
  await expect(page.getByTestId("row-count")).toHaveText(`${p.changed!.rows.length} of 59 pairs`);
  expect(await listedRows(page, p.changed!.rows.length)).toEqual(p.changed!.rows);
  await page.locator(`[data-testid=record-row][data-row="20"]`).click();
  // the edited answer: "the" became "this" in the earlier version's chosen answer
  await expect(page.getByTestId("pair-left").locator("del")).toContainText(["the"]);
  await expect(page.getByTestId("pair-right").locator("ins")).toContainText(["this"]);
  await page.getByRole("button", { name: /Only in the partner/ }).click();
  await expect(page).toHaveURL(/ds=ultrafeedback_binarized-test_prefs-2023/);
  await expect(page.getByTestId("row-count")).toHaveText(`${p.only_right!.keys.length} of 61 pairs`);
});

test("Compare with… opens a file from this computer as the partner, and the search can read the partner", async ({
  page,
}) => {
  await openSample(page, "/?ds=ultrachat-train_0");
  await page.getByTestId("pair-open").locator("summary").click();
  await page.getByTestId("pair-file").setInputFiles(JA);
  const counts = await alignedCounts();
  await expect(summary(page)).toHaveAttribute("data-aligned", String(counts.aligned));
  await expect(page).toHaveURL(/pair=file%3Atrain_0\.jsonl/);
  // a phrase only the translation holds: found by the partner's rows
  const phrase = "記録を残すと違いがわかります";
  const expected = await sqlCount(
    `SELECT count(*) AS n FROM read_json('${JA}', columns = {id: 'VARCHAR', data: 'VARCHAR[]'}) ` +
      `WHERE id IN (SELECT id FROM read_json('${EN}', columns = {id: 'VARCHAR', data: 'VARCHAR[]'})) ` +
      `AND list_bool_or(list_transform(data, t -> contains(t, $1)))`,
    [phrase],
  );
  await page.getByTestId("pair-search-side").selectOption("partner");
  await page.getByRole("searchbox").first().fill(phrase);
  await expect(page.getByTestId("row-count")).toHaveText(`${expected} of 69 rows`);
  expect(expected).toBeGreaterThan(5);
});

test("a link whose partner is on a host the user did not approve asks first, and reads nothing before a yes", async ({
  page,
}) => {
  const asked: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).host === "evil.example") asked.push(r.url());
  });
  await page.goto(`${CHAT_PAIR.split("&")[0]}&pair=${encodeURIComponent("url:https://evil.example/ja.jsonl")}`);
  await expect(page.getByTestId("link-host-name")).toHaveText("evil.example");
  await page.getByTestId("link-host-decline").click();
  await expect(page).not.toHaveURL(/pair=/);
  await expect(summary(page)).toHaveCount(0);
  expect(asked).toEqual([]);
});

test("the raw rows loaded beside binarized pairs are their partner in the link: a reload reopens both", async ({
  page,
}) => {
  await page.goto("/?ds=ultrafeedback_binarized-test_prefs&row=0");
  await page.getByTestId("load-raw").click();
  await expect(page).toHaveURL(/pair=ultrafeedback(&|$)/);
  await expect(page.getByTestId("completion")).toHaveCount(4);
  // not aligned as a translation or a version: the record shows the raw row's completions
  await expect(summary(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("raw-match")).toContainText("of 59 prompts found in UltraFeedback");
  await expect(page.getByTestId("completion")).toHaveCount(4);
});

test("a partner of another layout is named as such, not aligned", async ({ page }) => {
  await openSample(page, "/?ds=ultrafeedback&pair=ultrachat-train_0");
  await expect(summary(page)).toContainText(
    "Could not align them: UltraFeedback and UltraChat (raw) are different layouts; a translation or another version has the same layout",
  );
  await expect(flag(page, "turns")).toHaveCount(0);
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
});
