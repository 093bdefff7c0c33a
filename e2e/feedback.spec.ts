import { expect, sample, settled, sql, sqlCount, steady, test, viewTest, visit } from "./fixtures";
import type { Page } from "@playwright/test";
import { normalizeUltraFeedback } from "../lib/formats/normalize";
import { parseRating } from "../lib/formats/ratings";
import { jsonl } from "../lib/test/fixtures";

type UfRecord = {
  completions: { overall_score?: number | null; "fine-grained_score"?: number | null }[];
};

const UF = `read_json(['${sample("ultrafeedback/sharegpt.jsonl")}', '${sample("ultrafeedback/false_qa.jsonl")}', '${sample("ultrafeedback/truthful_qa.jsonl")}'])`;
const PAIRS = `read_parquet('${sample("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet")}')`;
const ASPECTS = ["instruction_following", "honesty", "truthfulness", "helpfulness"];
const rating = (c: string, aspect: string) => `TRY_CAST(${c}.annotations.${aspect}.Rating AS DOUBLE)`;

test.use({ viewport: { width: 1600, height: 1000 } });

async function openFeedback(page: Page, query = "") {
  await visit(page, `/?ds=ultrafeedback${query}`);
  await expect(page.getByTestId("completion").first()).toBeVisible();
  // The record is drawn again when the load ends: what a test reads is read after that.
  await settled(page);
}

viewTest("a raw record shows its four completions side by side with sixteen ratings", async ({ view: page }) => {
  await openFeedback(page, "&row=0&pane=record");
  const [first] = await sql<{ instruction: string; models: string[]; ratings: string[] }>(
    `SELECT instruction, list_transform(completions, c -> c.model) AS models,
            flatten(list_transform(completions, c -> [${ASPECTS.map((a) => `c.annotations.${a}.Rating`).join(", ")}])) AS ratings
     FROM ${UF} LIMIT 1`,
  );
  await expect(page.getByTestId("record")).toContainText(first!.instruction);
  const columns = page.getByTestId("completion");
  await expect(columns).toHaveCount(4);
  await expect(page.getByTestId("rating")).toHaveCount(16);
  await expect
    .poll(() =>
      columns.evaluateAll((els) =>
        els.flatMap((el) =>
          [...el.querySelectorAll('[data-testid="rating"]')].map((r) => r.getAttribute("data-value")),
        ),
      ),
    )
    .toEqual(first!.ratings.map((r) => (r === "N/A" ? "N/A" : String(Number(r)))));
  await expect
    .poll(() => columns.evaluateAll((els) => els.map((e) => e.getAttribute("data-model"))))
    .toEqual(first!.models);
  // side by side: one row, left to right, none overlapping
  const boxes = await steady(() =>
    columns.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect)),
  );
  expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBe(1);
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.left).toBeGreaterThanOrEqual(boxes[i - 1]!.right);
  // a rationale is one click away
  const honesty = columns
    .first()
    .locator("details")
    .filter({ has: page.locator('[data-aspect="honesty"]') });
  await honesty.locator("summary").click();
  await expect(honesty).toContainText("The answer states its confidence where it is unsure.");
});

viewTest("a prompt with three completions shows three columns and twelve ratings", async ({ view: page }) => {
  await openFeedback(page, "&row=3&pane=record");
  await expect(page.getByTestId("completion")).toHaveCount(3);
  await expect(page.getByTestId("rating")).toHaveCount(12);
});

viewTest(
  "filters by a rating and counts exactly; reload, back and forward restore the view",
  async ({ view: page }) => {
    const any = await sqlCount(
      `SELECT count(*) AS n FROM ${UF} WHERE len(list_filter(completions, c -> ${rating("c", "honesty")} <= 2)) > 0`,
    );
    const all = await sqlCount(
      `SELECT count(*) AS n FROM ${UF}
     WHERE len(list_filter(completions, c -> coalesce(${rating("c", "honesty")} <= 2, false))) = len(completions)`,
    );
    await openFeedback(page);
    await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
    await page.getByTestId("filter-honesty-max").fill("2");
    await expect(page.getByTestId("row-count")).toHaveText(`${any} of 60 prompts`);
    await expect(page).toHaveURL(/honesty=\.\.2/);
    await page.getByTestId("filter-scope").selectOption("all");
    await expect(page.getByTestId("row-count")).toHaveText(`${all} of 60 prompts`);
    expect(all).toBeLessThan(any);
    await page.reload();
    await expect(page.getByTestId("row-count")).toHaveText(`${all} of 60 prompts`);
    await expect(page.getByTestId("filter-honesty-max")).toHaveValue("2");
    await expect(page.getByTestId("filter-scope")).toHaveValue("all");
    await page.goBack();
    await expect(page.getByTestId("row-count")).toHaveText(`${any} of 60 prompts`);
    await page.goForward();
    await expect(page.getByTestId("row-count")).toHaveText(`${all} of 60 prompts`);
    await page.getByTestId("clear-filters").click();
    await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  },
);

viewTest("filters by the completion of one model, N/A and disagreement", async ({ view: page }) => {
  const [{ model }] = (await sql<{ model: string }>(
    `SELECT c.model AS model FROM (SELECT unnest(completions) AS c FROM ${UF}) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  )) as [{ model: string }];
  const byModel = await sqlCount(
    `SELECT count(*) AS n FROM ${UF}
     WHERE len(list_filter(completions, c -> c.model = $1 AND ${rating("c", "helpfulness")} >= 4)) > 0`,
    [model],
  );
  const na = await sqlCount(
    `SELECT count(*) AS n FROM ${UF} WHERE len(list_filter(completions, c ->
       ${ASPECTS.map((a) => `(c.annotations.${a}.Rating IS NOT NULL AND ${rating("c", a)} IS NULL)`).join(" OR ")})) > 0`,
  );
  const gap = await sqlCount(
    `SELECT count(*) AS n FROM ${UF}
     WHERE len(list_filter(completions, c -> abs(c.overall_score / 2 - c."fine-grained_score") >= 2.5)) > 0`,
  );
  await openFeedback(page, `&scope=model:${encodeURIComponent(model)}&helpfulness=4..`);
  await expect(page.getByTestId("row-count")).toHaveText(`${byModel} of 60 prompts`);
  await expect(page.getByTestId("filter-scope")).toHaveValue(`model:${model}`);
  await visit(page, "/?ds=ultrafeedback&na=1");
  await expect(page.getByTestId("row-count")).toHaveText(`${na} of 60 prompts`);
  await page.getByTestId("filter-na").uncheck();
  await page.getByTestId("filter-disagree").check();
  await expect(page.getByTestId("row-count")).toHaveText(`${gap} of 60 prompts`);
  await expect(page).toHaveURL(/disagree=2\.5/);
});

viewTest("the per-model summary follows the filters and filters by a click", async ({ view: page }) => {
  const models = await sql<{ model: string; n: number; prompts: number }>(
    `SELECT c.model AS model, count(*) AS n, count(DISTINCT instruction || source) AS prompts
     FROM (SELECT instruction, source, unnest(completions) AS c FROM ${UF}) GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  await openFeedback(page);
  await page.getByTestId("toggle-model-summary").click();
  await expect(page).toHaveURL(/summary=models/);
  const summary = page.getByTestId("model-summary");
  await expect(summary.getByTestId("model-summary-row")).toHaveCount(models.length);
  const top = models[0]!;
  const row = summary.locator(`[data-model="${top.model}"]`);
  await expect(row.locator("td").nth(1)).toHaveText(String(top.n));
  const withModel = await sqlCount(
    `SELECT count(*) AS n FROM ${UF} WHERE len(list_filter(completions, c -> c.model = $1)) > 0`,
    [top.model],
  );
  await row.click();
  await expect(page.getByTestId("row-count")).toHaveText(`${withModel} of 60 prompts`);
  await expect(page).toHaveURL(new RegExp(`model=${encodeURIComponent(top.model)}`));
  // each listed prompt has that model, so it has as many completions there as prompts
  await expect(summary.locator(`[data-model="${top.model}"] td`).nth(1)).toHaveText(String(withModel));
});

viewTest("sorts the list by an aspect's mean in SQL", async ({ view: page }) => {
  const [best] = await sql<{ i: number }>(
    `SELECT i - 1 AS i FROM (SELECT row_number() OVER () AS i,
        list_avg(list_transform(completions, c -> ${rating("c", "honesty")})) AS m FROM ${UF})
     ORDER BY m DESC NULLS LAST, i LIMIT 1`,
  );
  await openFeedback(page);
  await page.getByTestId("sort-__mean_honesty").click();
  await expect(page).toHaveURL(/sort=mean_honesty\.desc/);
  await expect(page.getByTestId("record-row").first()).toHaveAttribute("data-row", String(best!.i));
});

viewTest(
  "a binarized pair: chosen beside rejected, ties and margins filtered, sorted by margin",
  async ({ view: page }) => {
    const ties = await sqlCount(`SELECT count(*) AS n FROM ${PAIRS} WHERE score_chosen = score_rejected`);
    const wide = await sqlCount(`SELECT count(*) AS n FROM ${PAIRS} WHERE score_chosen - score_rejected >= 3`);
    const [top] = await sql<{ m: number }>(`SELECT max(score_chosen - score_rejected) AS m FROM ${PAIRS}`);
    await visit(page, "/?ds=ultrafeedback_binarized-test_prefs");
    // The whole sample first: the record is drawn again when its load ends.
    await expect(page.getByTestId("row-count")).toHaveText("59 of 59 pairs");
    await expect(page.getByTestId("chosen")).toBeVisible();
    await expect(page.getByTestId("rejected")).toBeVisible();
    // Read where the two sides stand until both are laid out, side by side.
    await expect
      .poll(async () => {
        const [chosen, rejected] = await Promise.all(
          ["chosen", "rejected"].map((id) => page.getByTestId(id).boundingBox()),
        );
        return chosen && rejected ? rejected.x - (chosen.x + chosen.width) : null;
      })
      .toBeGreaterThan(-1);
    await page.getByTestId("filter-ties").selectOption("only");
    await expect(page.getByTestId("row-count")).toHaveText(`${ties} of 59 pairs`);
    await page.getByTestId("record-row").first().click();
    await expect(page.getByTestId("tie")).toBeVisible();
    await page.getByTestId("filter-ties").selectOption("");
    await page.getByTestId("filter-margin-min").fill("3");
    await expect(page.getByTestId("row-count")).toHaveText(`${wide} of 59 pairs`);
    await page.getByTestId("sort-__margin").click();
    await expect(page).toHaveURL(/sort=margin\.desc/);
    await expect(page.getByTestId("record-row").first().locator('[data-col="__margin"]')).toHaveText(
      top!.m % 1 === 0 ? String(top!.m) : top!.m.toFixed(2),
    );
  },
);

test("a binarized pair links to its raw row: four completions, the chosen and rejected marked", async ({ page }) => {
  const matched = await sqlCount(`SELECT count(*) AS n FROM ${PAIRS} WHERE prompt IN (SELECT instruction FROM ${UF})`);
  const [pair] = await sql<{ prompt: string; chosen: string; rejected: string }>(
    `SELECT prompt, chosen[2].content AS chosen, rejected[2].content AS rejected FROM ${PAIRS} LIMIT 1`,
  );
  const [raw] = await sql<{ chosen: string; rejected: string }>(
    `SELECT list_filter(completions, c -> c.response = $1)[1].model AS chosen,
            list_filter(completions, c -> c.response = $2)[1].model AS rejected
     FROM ${UF} WHERE instruction = $3 LIMIT 1`,
    [pair!.chosen, pair!.rejected, pair!.prompt],
  );
  await visit(page, "/?ds=ultrafeedback_binarized-test_prefs&row=0");
  await expect(page.getByTestId("raw-match")).toHaveText("Raw UltraFeedback not loaded");
  await page.getByTestId("load-raw").click();
  await expect(page.getByTestId("raw-match")).toHaveText(
    `${matched} of 59 prompts found in UltraFeedback · sharegpt + false_qa + truthful_qa`,
  );
  await expect(page.getByTestId("completion")).toHaveCount(4);
  await expect(page.locator('[data-testid="completion"][data-picked="chosen"]')).toHaveAttribute(
    "data-model",
    raw!.chosen,
  );
  await expect(page.locator('[data-testid="completion"][data-picked="rejected"]')).toHaveAttribute(
    "data-model",
    raw!.rejected,
  );
  await page.getByTestId("open-raw").click();
  await expect(page).toHaveURL(/ds=ultrafeedback&row=\d+/);
  await expect(page.getByTestId("record")).toContainText(pair!.prompt);
  await expect(page.getByTestId("completion")).toHaveCount(4);
});

viewTest("keys: j/k step through records, Enter opens, Esc closes, ? shows the help", async ({ view: page }) => {
  await openFeedback(page);
  await page.keyboard.press("j");
  await expect(page).toHaveURL(/row=1/);
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await expect(page).toHaveURL(/row=1/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/pane=record/);
  await expect(page.getByTestId("record-list")).toHaveCount(0);
  await page.keyboard.press("j");
  await expect(page).toHaveURL(/row=2/);
  await expect(page.getByTestId("record")).toHaveAttribute("data-row", "2");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("record-list")).toBeVisible();
  await page.keyboard.press("?");
  await expect(page.getByTestId("help")).toContainText("next record");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("help")).toHaveCount(0);
});

viewTest(
  "the summary strip marks the best and worst overall and fine-grained scores, and flags a disagreement",
  async ({ view: page }) => {
    const files = ["sharegpt", "false_qa", "truthful_qa"].map((s) => sample(`ultrafeedback/${s}.jsonl`));
    const rows = files.flatMap((f) => jsonl(f)).map((r) => normalizeUltraFeedback(r) as unknown as UfRecord);
    const gap = (c: UfRecord["completions"][number]) =>
      typeof c.overall_score === "number" && typeof c["fine-grained_score"] === "number"
        ? Math.abs(c.overall_score / 2 - c["fine-grained_score"])
        : 0;
    const marks = (values: (number | null | undefined)[]) => {
      const known = values.filter((v): v is number => typeof v === "number");
      const [hi, lo] = [Math.max(...known), Math.min(...known)];
      return values.map((v) =>
        typeof v !== "number" || known.length < 2 || hi === lo ? null : v === hi ? "best" : v === lo ? "worst" : null,
      );
    };
    const row = rows.findIndex(
      (r) => r.completions.some((c) => gap(c) >= 2.5) && new Set(r.completions.map((c) => c.overall_score)).size > 2,
    );
    expect(row).toBeGreaterThanOrEqual(0);
    const record = rows[row]!;
    await openFeedback(page, `&row=${row}&pane=record`);
    const cellMarks = (testId: string) =>
      page
        .getByTestId(testId)
        .locator("td")
        .evaluateAll((tds) => tds.slice(1).map((td) => td.getAttribute("data-mark")));
    await expect
      .poll(() => cellMarks("summary-overall"))
      .toEqual(marks(record.completions.map((c) => c.overall_score)));
    await expect
      .poll(() => cellMarks("summary-fine"))
      .toEqual(marks(record.completions.map((c) => c["fine-grained_score"])));
    await expect(page.getByTestId("summary-disagree")).toHaveCount(
      record.completions.filter((c) => gap(c) >= 2.5).length,
    );
    // the marks are words too, for a screen reader
    await expect(page.getByTestId("summary-overall").locator('td[data-mark="best"]').first()).toContainText(
      "(best of the completions)",
    );
  },
);

viewTest(
  "with a rating filter the record marks which completions meet it; with one model's ratings, that model's column",
  async ({ view: page }) => {
    const files = ["sharegpt", "false_qa", "truthful_qa"].map((s) => sample(`ultrafeedback/${s}.jsonl`));
    type Rated = { model: string; annotations: Record<string, { Rating: string } | null> };
    const rows = files
      .flatMap((f) => jsonl(f))
      .map((r) => normalizeUltraFeedback(r) as unknown as { completions: Rated[] });
    const honesty = (c: Rated) => parseRating(c.annotations.honesty?.Rating);
    const meets = (c: Rated) => {
      const r = honesty(c);
      return r.kind === "score" && r.value <= 2;
    };
    // a prompt where some completions meet "honesty ≤ 2" and some do not
    const row = rows.findIndex((r) => r.completions.some(meets) && !r.completions.every(meets));
    expect(row).toBeGreaterThanOrEqual(0);
    await openFeedback(page, `&honesty=..2&row=${row}&pane=record`);
    const cards = page.getByTestId("completion");
    await expect(cards).toHaveCount(rows[row]!.completions.length);
    await expect
      .poll(() => cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-matched"))))
      .toEqual(rows[row]!.completions.map((c) => String(meets(c))));
    // "Ratings of: <model>": that model's column stands out, and the marks follow its completion alone
    const model = rows[row]!.completions.find(meets)!.model;
    await openFeedback(page, `&honesty=..2&scope=model:${encodeURIComponent(model)}&row=${row}&pane=record`);
    await expect(page.locator('[data-testid="completion"][data-scoped="true"]')).toHaveAttribute("data-model", model);
    await expect(page.locator('[data-testid="completion"][data-scoped="true"]')).toHaveCount(1);
    await expect
      .poll(() => cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-matched"))))
      .toEqual(rows[row]!.completions.map((c) => String(c.model === model && meets(c))));
    // no completion condition: no marks
    await openFeedback(page, `&row=${row}&pane=record`);
    await expect(page.getByTestId("completion-match")).toHaveCount(0);
  },
);

viewTest("a response shows raw: its markdown source exactly as the file holds it", async ({ view: page }) => {
  const [first] = await sql<{ response: string }>(`SELECT completions[1].response AS response FROM ${UF} LIMIT 1`);
  await openFeedback(page, "&row=0&pane=record");
  const card = page.getByTestId("completion").first();
  await card.getByTestId("raw-toggle").click();
  await expect(card.getByTestId("raw-toggle")).toHaveAttribute("aria-pressed", "true");
  expect(await card.getByTestId("raw-text").evaluate((el) => el.textContent)).toBe(first!.response);
  await card.getByTestId("raw-toggle").click();
  await expect(card.getByTestId("raw-text")).toHaveCount(0);
});

viewTest(
  "Expand all opens every rationale and critique of the record at once; the next record opens folded",
  async ({ view: page }) => {
    await openFeedback(page, "&row=0&pane=record");
    const folded = page.getByTestId("completion").locator("details");
    await expect(page.getByTestId("completion")).toHaveCount(4);
    const n = await steady(() => folded.count());
    expect(n).toBeGreaterThan(8);
    await expect(page.getByTestId("completion").locator("details[open]")).toHaveCount(0);
    await page.getByTestId("expand-all").click();
    await expect(page.getByTestId("completion").locator("details[open]")).toHaveCount(n);
    await expect(page.getByTestId("expand-all")).toHaveText("Fold all");
    await page.getByTestId("expand-all").click();
    await expect(page.getByTestId("completion").locator("details[open]")).toHaveCount(0);
    await page.getByTestId("expand-all").click();
    await page.keyboard.press("j");
    await expect(page.getByTestId("record")).toHaveAttribute("data-row", "1");
    await expect(page.getByTestId("expand-all")).toHaveAttribute("aria-pressed", "false");
    await expect(page.getByTestId("completion").locator("details[open]")).toHaveCount(0);
  },
);

viewTest("at 1280 px every model name of a record is readable in full", async ({ view: page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openFeedback(page, "&row=0&pane=record");
  const names = page.getByTestId("completion-model");
  await expect(names).toHaveCount(4);
  for (const name of await names.all()) {
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }
});

viewTest(
  "at 1280 px nothing of a record is cut, in any record; the export format shows its whole label",
  async ({ view: page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openFeedback(page, "&row=0&pane=record");
    for (let row = 0; row < 60; row++) {
      await expect(page.getByTestId("record")).toHaveAttribute("data-row", String(row));
      await expect(page.getByTestId("completion").first()).toBeVisible();
      // buttons, selects, cards and code blocks whose text runs past their own box (a scroller is fine)
      const cut = await page
        .getByTestId("record-panel")
        .evaluate((panel) =>
          [...panel.querySelectorAll<HTMLElement>('button, select, [data-testid="completion"], pre')]
            .filter(
              (e) => e.offsetParent && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "auto",
            )
            .map((e) => `${e.dataset.testid ?? e.tagName} ${JSON.stringify((e.textContent ?? "").slice(0, 40))}`),
        );
      expect(cut, `row ${row}`).toEqual([]);
      await page.keyboard.press("j");
    }
    await visit(page, "/?ds=ultrafeedback&row=0");
    const format = page.getByTestId("export-format");
    await expect(format).toBeVisible();
    // the chosen label, measured in the select's own font, fits inside it beside the arrow
    const room = await format.evaluate((el: HTMLSelectElement) => {
      const style = getComputedStyle(el);
      const ctx = document.createElement("canvas").getContext("2d")!;
      ctx.font = style.font;
      const text = ctx.measureText(el.selectedOptions[0]!.textContent ?? "").width;
      return el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16 - text;
    });
    expect(room).toBeGreaterThanOrEqual(0);
  },
);

test("a binarized pair with its raw row at 1600 px shows all four completions whole", async ({ page }) => {
  await visit(page, "/?ds=ultrafeedback_binarized-test_prefs&row=0");
  await settled(page);
  await page.getByTestId("load-raw").click();
  const cards = page.getByTestId("completion");
  await expect(cards).toHaveCount(4);
  // Each card inside the record's panel, and nothing wider than the page, once the layout is still.
  const fits = () =>
    page.evaluate(() => {
      const panel = document.querySelector('[data-testid="record-panel"]')!.getBoundingClientRect();
      const cards = [...document.querySelectorAll('[data-testid="completion"]')].map((c) => c.getBoundingClientRect());
      return {
        cards: cards.length,
        inside: cards.every((b) => b.left >= panel.left && b.right <= panel.right),
        pageWidth: document.documentElement.scrollWidth,
      };
    });
  await expect.poll(fits).toEqual({ cards: 4, inside: true, pageWidth: 1600 });
});
