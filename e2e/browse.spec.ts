import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, openSample, ROOT, sample, sql, sqlCount, viewTest, visit } from "./fixtures";

const SAMPLES = JSON.parse(readFileSync(join(ROOT, "lib", "datasets", "sample-manifest.json"), "utf8")) as {
  partnerOf?: string;
}[];
const PAIRED = SAMPLES.filter((s) => s.partnerOf).length;

const CHAT = `read_parquet(['${sample("ultrachat_200k/test_sft-00000-of-00002.parquet")}', '${sample("ultrachat_200k/test_sft-00001-of-00002.parquet")}'])`;

viewTest("opens the bundled sample at / with the first dialogue on screen, no click", async ({ view: page }) => {
  await visit(page, "/");
  const first = page.getByTestId("message").first();
  await expect(first).toContainText("How do tide pools keep their creatures alive through winter storms?");
  await expect(first).toHaveAttribute("data-role", "user");
  await expect(page.getByTestId("row-count")).toHaveText("84 of 84 rows");
  // Every bundled sample, and each with a partner once more as a pair (original beside translation or version).
  await expect(page.getByTestId("dataset-picker").locator("option")).toHaveCount(SAMPLES.length + PAIRED);
  await expect(page.getByTestId("dataset-picker").locator("optgroup").first().locator("option")).toHaveCount(
    SAMPLES.length,
  );
  // Three file inputs: files to open, a marks file to read in, and a partner to compare with.
  await expect(page.locator('input[type="file"]')).toHaveCount(3);
  await expect(page.getByTestId("pair-file")).toHaveCount(1);
  await expect(page.getByTestId("file-input")).toHaveCount(1);
  await expect(page.getByTestId("marks-import")).toHaveCount(1);
});

viewTest(
  "opens a long dialogue from the list, keeps it in the URL, and restores it on reload",
  async ({ view: page }) => {
    // the longest dialogues first: the sample's one of 24 turns is row 33
    await openSample(page, "/?sort=turns.desc");
    await page.locator('[data-testid="record-row"][data-row="33"]').click();
    const messages = page.getByTestId("message");
    await expect(messages).toHaveCount(24);
    await expect(messages.nth(0)).toHaveAttribute("data-role", "user");
    await expect(messages.nth(1)).toHaveAttribute("data-role", "assistant");
    await expect(page).toHaveURL(/row=33/);
    await page.reload();
    await expect(page.getByTestId("message")).toHaveCount(24);
    await expect(page.locator('[data-testid="record-row"][data-row="33"]')).toHaveAttribute("aria-selected", "true");
  },
);

viewTest("folds a turn of 12,000 characters behind show more", async ({ view: page }) => {
  await openSample(page, "/?row=32");
  const answer = page.getByTestId("message").nth(1);
  await expect(answer).toContainText("Show more");
  await answer.getByRole("button", { name: /Show more/ }).click();
  await expect(answer.getByRole("button", { name: "Show less" })).toBeVisible();
  await expect(answer.locator("h2").first()).toHaveText("Part 1");
});

viewTest("searches Japanese text inside messages and highlights it", async ({ view: page }) => {
  const needle = "潮だまり";
  const n = await sqlCount(
    `SELECT count(*) AS n FROM ${CHAT} WHERE len(list_filter(messages, m -> contains(m.content, $1))) > 0`,
    [needle],
  );
  await openSample(page);
  await page.getByTestId("search").fill(needle);
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of 84 rows`);
  await expect(page.getByTestId("record-row")).toHaveCount(n);
  await expect(page).toHaveURL(/q=%E6%BD%AE/);
  await expect(page.getByTestId("record-row").first().locator("mark")).toHaveText(needle);
  await expect(page.getByTestId("message").first().locator("mark").first()).toHaveText(needle);
  await page.reload();
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of 84 rows`);
  await expect(page.getByTestId("search")).toHaveValue(needle);
});

viewTest("search with quotes, percent and underscore is literal", async ({ view: page }) => {
  const needle = "Robert'); DROP TABLE";
  const n = await sqlCount(
    `SELECT count(*) AS n FROM ${CHAT} WHERE len(list_filter(messages, m -> contains(m.content, $1))) > 0`,
    [needle],
  );
  await openSample(page);
  await page.getByTestId("search").fill(needle);
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of 84 rows`);
  await page.getByTestId("search").fill("1_0%");
  await expect(page.getByTestId("row-count")).toHaveText("0 of 84 rows");
  await expect(page.getByText("No rows match")).toBeVisible();
  // The first search built the search text and its index; through it, the same rows.
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-search", "index");
  await page.getByTestId("search").fill(needle);
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of 84 rows`);
  const glacier = await sqlCount(
    `SELECT count(*) AS n FROM ${CHAT} WHERE len(list_filter(messages, m -> contains(lower(m.content), 'glacier'))) > 0`,
  );
  expect(glacier).toBe(6);
  await page.getByTestId("search").fill("GLACIER");
  await expect(page.getByTestId("row-count")).toHaveText(`${glacier} of 84 rows`);
  await expect(page.getByTestId("record-row")).toHaveCount(glacier);
});

viewTest("sorts by length in SQL", async ({ view: page }) => {
  const [longest] = await sql<{ prompt: string }>(
    `SELECT prompt FROM ${CHAT} ORDER BY list_sum(list_transform(messages, m -> length(m.content))) DESC LIMIT 1`,
  );
  await openSample(page);
  await page.getByRole("button", { name: "Chars" }).click();
  await expect(page).toHaveURL(/sort=chars\.desc/);
  await expect(page.getByTestId("record-row").first()).toContainText(longest!.prompt.slice(0, 30));
  await page.getByRole("button", { name: /Chars/ }).click();
  await expect(page).toHaveURL(/sort=chars\.asc/);
  await expect(page.getByTestId("record-row").first()).not.toContainText(longest!.prompt.slice(0, 30));
});

viewTest("shows HTML, script and javascript: links in data as text that never runs", async ({ view: page }) => {
  await openSample(page, "/?row=30");
  const messages = page.getByTestId("message");
  await expect(messages.nth(1)).toContainText(
    '<script>window.__xss = 1</script> and <img src=x onerror="window.__xss = 2">',
  );
  await expect(page.getByTestId("record").locator("script, img, iframe")).toHaveCount(0);
  await expect(messages.nth(1).getByText("click here")).toBeVisible();
  await expect(page.getByTestId("record").locator("a")).toHaveCount(0);
  await messages.nth(1).getByText("click here").click();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

viewTest("shows literal escape text as it is", async ({ view: page }) => {
  await openSample(page, "/?row=31");
  await expect(page.getByTestId("message").nth(1)).toContainText("Don\\u2019t rush the first step.");
});

viewTest("serves a Content-Security-Policy without inline scripts or remote origins", async ({ view: page }) => {
  const response = await page.goto("/");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval'/);
  expect(csp).not.toContain("unsafe-inline' ; script");
  expect(csp).toContain("connect-src 'self'");
  await expect(page.getByTestId("message").first()).toBeVisible();
});

viewTest(
  "a message shows raw: code fences, markup and line breaks exactly as the file holds them",
  async ({ view: page }) => {
    const rows = await sql<{ r: number; i: number; content: string }>(
      `SELECT r, i, content FROM (SELECT r, unnest(range(0, len(messages))) AS i, unnest(messages).content AS content ` +
        `FROM (SELECT row_number() OVER () - 1 AS r, messages FROM ${CHAT})) WHERE contains(content, '\`\`\`') ` +
        `AND length(content) <= 2400 ORDER BY r, i LIMIT 1`,
    );
    const { r, i, content } = rows[0]!;
    await openSample(page, `/?row=${r}`);
    const message = page.getByTestId("message").nth(Number(i));
    await expect(message.locator("pre code").first()).toBeVisible();
    await message.getByTestId("raw-toggle").click();
    expect(await message.getByTestId("raw-text").evaluate((el) => el.textContent)).toBe(content);
  },
);
