import { checksOf } from "../lib/checks/index";
import { expect, openSample, sample, settled, sql, test } from "./fixtures";

test("the first screen says what the tool is and that the bundled samples are synthetic", async ({ page }) => {
  await openSample(page);
  await expect(page.getByTestId("front-note")).toContainText("The bundled samples are synthetic text");
  await expect(page.getByTestId("front-note")).toContainText("nothing you open leaves it");
});

test("the default sample opens on ordinary rows: the hostile ones are in it, past the first screen", async ({
  page,
}) => {
  const files = [0, 1].map((i) => `'${sample(`ultrachat_200k/test_sft-0000${i}-of-00002.parquet`)}'`).join(", ");
  const rows = await sql<{ r: number }>(
    `SELECT r FROM (SELECT row_number() OVER () - 1 AS r, messages FROM read_parquet([${files}])) ` +
      `WHERE list_bool_or(list_transform(messages, m -> regexp_matches(m.content, '<script|onerror=|javascript:|DROP TABLE', 'i'))) ORDER BY r`,
  );
  const planted = rows.map((r) => Number(r.r));
  expect(planted.length).toBeGreaterThan(0);
  expect(Math.min(...planted)).toBeGreaterThan(20);
  await openSample(page);
  const shown = await page.getByTestId("record-list").innerText();
  expect(shown).not.toMatch(/<script|onerror=|javascript:|DROP TABLE/i);
  expect(await page.getByTestId("record").innerText()).not.toMatch(/<script|onerror=|javascript:|DROP TABLE/i);
  // and still there, further down
  await page.goto(`/?row=${planted[0]}`);
  await expect(page.getByTestId("message").nth(1)).toContainText("<script>window.__xss = 1</script>");
});

test("a check's chip says the words of its line in the report", async ({ page }) => {
  const title = checksOf("ultrafeedback").find((c) => c.id === "empty_prompt")!.title;
  const elsewhere = checksOf("ultrafeedback_binarized").find((c) => c.id === "empty_prompt")!.title;
  expect(title).not.toBe(elsewhere);
  await page.goto("/?ds=ultrafeedback&panel=checks&check=empty_prompt");
  await expect(page.locator('[data-testid="check"][data-check="empty_prompt"]')).toContainText(title);
  await expect(page.getByTestId("filter-chip")).toHaveText(new RegExp(`^check: ${title}`));
});

test("the console's first query reads the dataset on screen, not another one open", async ({ page }) => {
  await page.goto("/?ds=ultrafeedback");
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  await page.getByTestId("dataset-picker").selectOption("ultrafeedback_binarized-test_prefs");
  await expect(page.getByTestId("row-count")).toHaveText("59 of 59 pairs");
  // the bar can wrap when the load's copy is kept ("stored"), moving what is below it: click once it has
  await settled(page);
  await page.getByRole("button", { name: "SQL" }).click();
  const editor = page.getByTestId("sql-editor").locator(".cm-content");
  await expect(editor).toContainText("FROM ultrafeedback_binarized");
  await expect(editor).not.toContainText("_completions");
  // a click below the text puts the cursor in the editor: what is typed goes there, not to the page's keys
  const box = (await page.getByTestId("sql-editor").boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 6);
  await page.keyboard.type(" -- j");
  await expect(editor).toContainText("-- j");
  await expect(page.getByTestId("panes")).not.toHaveAttribute("data-pane", "record");
});
