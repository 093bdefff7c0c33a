import { expect, rowsInView, sample, sqlCount, test } from "./fixtures";

const UF = `read_json([${["sharegpt", "false_qa", "truthful_qa"].map((f) => `'${sample(`ultrafeedback/${f}.jsonl`)}'`).join(", ")}])`;
const lowHonesty = `len(list_filter(completions, c -> TRY_CAST(c.annotations.honesty.Rating AS DOUBLE) <= 2)) > 0`;

test.describe("on a phone (390 × 844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the filters start folded when none is set, say so, and open on demand", async ({ page }) => {
    await page.goto("/?ds=ultrafeedback&pane=list");
    await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
    const toggle = page.getByTestId("filter-toggle");
    await expect(toggle).toHaveAttribute("data-active", "0");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByTestId("filters").locator('input[type="number"]')).toHaveCount(0);
    await expect(page.getByTestId("record-row").first()).toBeVisible();
    const folded = await rowsInView(page);
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByTestId("filters").locator('input[type="number"]').first()).toBeVisible();
    expect(folded).toBeGreaterThan(await rowsInView(page));
  });

  test("with a filter set, the bar starts folded too, counting it and naming it as a chip", async ({ page }) => {
    await page.goto("/?ds=ultrafeedback&pane=list&honesty=..2");
    await expect(page.getByTestId("filter-toggle")).toHaveAttribute("data-active", "1");
    await expect(page.getByTestId("filter-toggle")).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByTestId("filter-chip")).toHaveText(/honesty/i);
  });
});

test.describe("at 700 px", () => {
  test.use({ viewport: { width: 700, height: 1000 } });

  test("the filters start folded when none is set, open when one is", async ({ page }) => {
    await page.goto("/?ds=ultrafeedback");
    await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
    await expect(page.getByTestId("filter-toggle")).toHaveAttribute("aria-expanded", "false");
    await page.goto("/?ds=ultrafeedback&honesty=..2");
    await expect(page.getByTestId("filter-toggle")).toHaveAttribute("data-active", "1");
    await expect(page.getByTestId("filter-toggle")).toHaveAttribute("aria-expanded", "true");
  });
});

test("folded on a wide screen, the bar is one line naming each filter set, and each can be removed there", async ({
  page,
}) => {
  const both = await sqlCount(`SELECT count(*) AS n FROM ${UF} WHERE ${lowHonesty} AND source = 'sharegpt'`);
  const one = await sqlCount(`SELECT count(*) AS n FROM ${UF} WHERE ${lowHonesty}`);
  await page.goto("/?ds=ultrafeedback&honesty=..2&source=sharegpt");
  await expect(page.getByTestId("row-count")).toHaveText(`${both} of 60 prompts`);
  const toggle = page.getByTestId("filter-toggle");
  await expect(toggle).toHaveAttribute("data-active", "2");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const open = (await page.getByTestId("filters").boundingBox())!.height;
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByTestId("filter-chip")).toHaveCount(2);
  const folded = (await page.getByTestId("filters").boundingBox())!.height;
  expect(folded).toBeLessThan(open);
  await page.getByTestId("filter-chip").filter({ hasText: "sharegpt" }).getByRole("button").click();
  await expect(toggle).toHaveAttribute("data-active", "1");
  await expect(page.getByTestId("row-count")).toHaveText(`${one} of 60 prompts`);
  expect(one).toBeGreaterThan(both);
  await expect(page).not.toHaveURL(/source=/);
});
