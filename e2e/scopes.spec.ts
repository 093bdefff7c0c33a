import { expect, sample, sqlCount, viewTest, visit } from "./fixtures";

const UF = `read_json(['${sample("ultrafeedback/sharegpt.jsonl")}', '${sample("ultrafeedback/false_qa.jsonl")}', '${sample("ultrafeedback/truthful_qa.jsonl")}'])`;
/** A rating as the page reads it: a number on the 1–5 scale, else none (N/A, off the scale). */
const rating = (c: string, aspect: string) =>
  `(CASE WHEN TRY_CAST(${c}.annotations.${aspect}.Rating AS DOUBLE) BETWEEN 1 AND 5 THEN TRY_CAST(${c}.annotations.${aspect}.Rating AS DOUBLE) END)`;
const every = (cond: string) =>
  `(len(completions) > 0 AND len(list_filter(completions, c -> coalesce(${cond}, false))) = len(completions))`;
const some = (cond: string) => `len(list_filter(completions, c -> ${cond})) > 0`;
/** Every rated completion meets it, and one at least: N/A left out. */
const everyRated = (cond: string, value: string) =>
  `(${some(cond)} AND len(list_filter(completions, c -> ${value} IS NOT NULL AND NOT (${cond}))) = 0)`;

viewTest(
  "each rating condition reads its own completions: all honesty ≥ 3 and any helpfulness ≤ 2",
  async ({ view: page }) => {
    const mixed = await sqlCount(
      `SELECT count(*) AS n FROM ${UF} WHERE ${every(`${rating("c", "honesty")} >= 3`)} AND ${some(`${rating("c", "helpfulness")} <= 2`)}`,
    );
    expect(mixed).toBeGreaterThan(0);
    await visit(page, "/?ds=ultrafeedback");
    await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
    await page.getByTestId("filter-honesty-min").fill("3");
    await page.getByTestId("filter-honesty-scope").selectOption("all");
    await page.getByTestId("filter-helpfulness-max").fill("2");
    await page.getByTestId("filter-helpfulness-scope").selectOption("any");
    await expect(page).toHaveURL(/honesty=3\.\.&honesty\.scope=all/);
    await expect(page).toHaveURL(/helpfulness=\.\.2&helpfulness\.scope=any/);
    await expect(page.getByTestId("row-count")).toHaveText(`${mixed} of 60 prompts`);
    await page.reload();
    await expect(page.getByTestId("row-count")).toHaveText(`${mixed} of 60 prompts`);
    await expect(page.getByTestId("filter-honesty-scope")).toHaveValue("all");
    await expect(page.getByTestId("filter-helpfulness-scope")).toHaveValue("any");
  },
);

viewTest("“all completions” says how an N/A rating counts, and either rule is exact", async ({ view: page }) => {
  const honesty = rating("c", "honesty");
  const strict = await sqlCount(`SELECT count(*) AS n FROM ${UF} WHERE ${every(`${honesty} >= 3`)}`);
  const skipping = await sqlCount(`SELECT count(*) AS n FROM ${UF} WHERE ${everyRated(`${honesty} >= 3`, honesty)}`);
  expect(skipping).toBeGreaterThan(strict);
  await visit(page, "/?ds=ultrafeedback&honesty=3..&scope=all");
  await expect(page.getByTestId("row-count")).toHaveText(`${strict} of 60 prompts`);
  await expect(page.getByTestId("filter-scope-na")).toHaveValue("");
  await expect(page.getByTestId("filter-scope-na").locator("option:checked")).toHaveText("N/A fails");
  await page.getByTestId("filter-scope-na").selectOption("skip");
  await expect(page).toHaveURL(/scope\.na=skip/);
  await expect(page.getByTestId("row-count")).toHaveText(`${skipping} of 60 prompts`);
  // the same rule on the condition's own scope
  await visit(page, "/?ds=ultrafeedback&honesty=3..&honesty.scope=all&honesty.na=skip");
  await expect(page.getByTestId("row-count")).toHaveText(`${skipping} of 60 prompts`);
  await expect(page.getByTestId("filter-honesty-na")).toHaveValue("skip");
});

viewTest(
  "the model summary says how many ratings each mean stands on, and greys means over fewer than asked",
  async ({ view: page }) => {
    const counts = await sqlCount(
      `SELECT count(*) AS n FROM (SELECT unnest(completions) AS c FROM ${UF}) WHERE c.model = 'gpt-4' AND ${rating("c", "honesty")} IS NOT NULL`,
    );
    await visit(page, "/?ds=ultrafeedback&summary=models");
    const gpt4 = page.locator('[data-testid="model-summary-row"][data-model="gpt-4"]');
    await expect(gpt4).toBeVisible();
    const honesty = gpt4.getByTestId("model-mean").nth(1);
    await expect(honesty).toHaveAttribute("data-n", String(counts));
    await page.getByTestId("model-summary-min").fill(String(counts + 1));
    await expect(honesty).toHaveAttribute("data-few", "true");
    await expect(honesty).toContainText(`·${counts}`);
    await page.getByTestId("model-summary-min").fill(String(counts));
    await expect(honesty).not.toHaveAttribute("data-few", "true");
    // over a minimum no model reaches, every mean is marked
    await page.getByTestId("model-summary-min").fill("10000");
    const marked = () =>
      page.evaluate(() => {
        const means = [...document.querySelectorAll('[data-testid="model-mean"]')];
        return {
          few: means.filter((m) => m.getAttribute("data-few") === "true").length,
          shown: means.filter((m) => m.textContent?.trim() !== "—").length,
        };
      });
    await expect.poll(async () => ((m) => m.shown > 0 && m.few === m.shown)(await marked())).toBe(true);
  },
);
