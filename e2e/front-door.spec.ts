import { checksOf } from "../lib/checks/index";
import { expect, openSample, test } from "./fixtures";

test("the first screen says what the tool is and that the bundled samples are synthetic", async ({ page }) => {
  await openSample(page);
  await expect(page.getByTestId("front-note")).toContainText("The bundled samples are synthetic text");
  await expect(page.getByTestId("front-note")).toContainText("nothing you open leaves it");
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
