import { expect, fixture, sample, sql, sqlCount, viewTest, visit } from "./fixtures";

const UF = `read_json(['${sample("ultrafeedback/sharegpt.jsonl")}', '${sample("ultrafeedback/false_qa.jsonl")}', '${sample("ultrafeedback/truthful_qa.jsonl")}'])`;
const completions = `(SELECT source, unnest(completions) AS c FROM ${UF})`;

viewTest(
  "the charts count in SQL, and a click on a bar filters the list to exactly its rows",
  async ({ view: page }) => {
    const honesty = await sql<{ key: string; n: number }>(
      `SELECT CASE WHEN TRY_CAST(c.annotations.honesty.Rating AS DOUBLE) IS NULL THEN 'N/A'
            WHEN TRY_CAST(c.annotations.honesty.Rating AS DOUBLE) NOT BETWEEN 1 AND 5 THEN 'outside 1–5'
            ELSE CAST(TRY_CAST(c.annotations.honesty.Rating AS INTEGER) AS VARCHAR) END AS key, count(*) AS n
     FROM ${completions} GROUP BY 1`,
    );
    await visit(page, "/?ds=ultrafeedback");
    await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
    await page.keyboard.press("s");
    await expect(page).toHaveURL(/panel=stats/);
    const chart = page.locator('[data-testid="chart"][data-chart="rating-honesty"]');
    for (const { key, n } of honesty) {
      await expect(chart.locator(`[data-value="${key}"]`)).toHaveAttribute("data-count", String(n));
    }
    await expect(chart).toHaveAttribute("data-total", String(honesty.reduce((s, r) => s + Number(r.n), 0)));
    // a click on "2": prompts with a completion rated 2 on honesty
    const two = await sqlCount(
      `SELECT count(*) AS n FROM ${UF} WHERE len(list_filter(completions, c -> c.annotations.honesty.Rating = '2')) > 0`,
    );
    await chart.locator('[data-value="2"]').click();
    await expect(page).toHaveURL(/honesty=2(&|$)/);
    await expect(page.getByTestId("row-count")).toHaveText(`${two} of 60 prompts`);
    await expect(chart.locator('[data-value="2"]')).toHaveAttribute("data-selected", "true");
    await expect(page.getByTestId("filter-honesty-min")).toHaveValue("2");
    // its own chart still counts every completion; another chart counts only those rated 2
    await expect(chart).toHaveAttribute("data-total", String(honesty.reduce((s, r) => s + Number(r.n), 0)));
    const helpful = page.locator('[data-testid="chart"][data-chart="rating-helpfulness"]');
    const ratedTwo = await sqlCount(
      `SELECT count(*) AS n FROM ${completions} WHERE c.annotations.honesty.Rating = '2'`,
    );
    await expect(helpful).toHaveAttribute("data-total", String(ratedTwo));
    // a second click takes it back
    await chart.locator('[data-value="2"]').click();
    await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
    await expect(page).not.toHaveURL(/honesty=/);
  },
);

viewTest(
  "a binarized grid cell and a generic table's column chart filter by range and by value",
  async ({ view: page }) => {
    const PAIRS = `read_parquet('${sample("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet")}')`;
    const [cell] = await sql<{ c: number; r: number; n: number }>(
      `SELECT floor(score_chosen) AS c, floor(score_rejected) AS r, count(*) AS n FROM ${PAIRS} GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 1`,
    );
    await visit(page, "/?ds=ultrafeedback_binarized-test_prefs&panel=stats");
    const grid = page.locator('[data-testid="chart"][data-chart="chosen-vs-rejected"]');
    const mark = grid.locator(`[data-value="${cell!.c} × ${cell!.r}"]`);
    await expect(mark).toHaveAttribute("data-count", String(cell!.n));
    await mark.click();
    await expect(page.getByTestId("row-count")).toHaveText(`${cell!.n} of 59 pairs`);
    await expect(page).toHaveURL(new RegExp(`chosen=${cell!.c}\\.\\.%3C${cell!.c + 1}`));
    await expect(page.getByTestId("filter-chosen-min")).toHaveValue(String(cell!.c));

    // any table: per column, a histogram of numbers or the most frequent values
    await page.getByTestId("file-input").setInputFiles([fixture("generic.jsonl")]);
    await expect(page.getByTestId("row-count")).toHaveText("3 of 3 rows");
    const score = page.locator('[data-testid="chart"][data-chart="column-score"]');
    await expect(score).toHaveAttribute("data-total", "3");
    await expect(score).toContainText("nulls0 of 3");
    const question = page.locator('[data-testid="chart"][data-chart="column-question"]');
    await question.locator('[data-value="How many legs does a spider have?"]').click();
    await expect(page.getByTestId("row-count")).toHaveText("1 of 3 rows");
    await expect(page).toHaveURL(/in\.question=How\+many\+legs/);
    await expect(page.getByTestId("filter-chip")).toHaveText(["question is “How many legs does a spider have?”×"]);
  },
);

viewTest(
  "the Japanese-text chart of dialogues counts in SQL, and its bars filter; a link with the filter alone reads the same",
  async ({ view: page }) => {
    const RAW = `read_json('${sample("ultrachat/train_0.jsonl")}')`;
    const total = await sqlCount(`SELECT count(*) AS n FROM ${RAW}`);
    const ja = await sqlCount(
      `SELECT count(*) AS n FROM ${RAW} WHERE regexp_matches(array_to_string(data, chr(10)), '[\\p{Hiragana}\\p{Katakana}]')`,
    );
    expect(ja).toBeGreaterThan(0);
    expect(ja).toBeLessThan(total);
    await visit(page, "/?ds=ultrachat-train_0&panel=stats");
    const chart = page.locator('[data-testid="chart"][data-chart="japanese"]');
    await expect(chart.locator('[data-value="Japanese"]')).toHaveAttribute("data-count", String(ja));
    await expect(chart.locator('[data-value="no Japanese"]')).toHaveAttribute("data-count", String(total - ja));
    await chart.locator('[data-value="Japanese"]').click();
    await expect(page).toHaveURL(/ja=yes/);
    await expect(page.getByTestId("row-count")).toHaveText(new RegExp(`^${ja} of ${total} `));
    // the filter alone, without the charts
    await visit(page, "/?ds=ultrachat-train_0&ja=no");
    await expect(page.getByTestId("row-count")).toHaveText(new RegExp(`^${total - ja} of ${total} `));
    await expect(page.getByTestId("filter-chip")).toHaveText(["no Japanese text×"]);
  },
);
