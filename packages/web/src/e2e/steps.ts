// Steps a person takes in the browser, one helper each, so flows (and the whole-round test) are
// written as sequences of steps: log in, create and edit a finding, register records, check a notice.
import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";

/** Matches an antd button label, which antd spaces out when it is two Chinese characters. */
export function buttonName(text: string): RegExp {
  return new RegExp(`^\\s*${[...text].join("\\s*")}\\s*$`);
}

/** Logs in through the login page and waits for the home page. */
export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: buttonName("登录") }).click();
  await page.getByRole("heading", { name: "工作台" }).waitFor();
}

/** Logs out through the user menu. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId("user-menu").click();
  await page.getByText("退出登录").click();
  await page.getByRole("button", { name: buttonName("登录") }).waitFor();
}

/** The labels of the side menu, in order. */
export async function menuLabels(page: Page): Promise<string[]> {
  await page.getByRole("menu", { name: "主菜单" }).waitFor();
  return (await page.getByRole("menu", { name: "主菜单" }).getByRole("menuitem").allInnerTexts()).map((t) => t.trim());
}

/** Picks an option of the antd select labelled `label` inside `scope`. */
export async function pickOption(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator(".ant-select-dropdown:visible").getByTitle(option, { exact: true }).click();
}

/** Types a date into the antd date picker labelled `label` and confirms it. */
export async function fillDate(scope: Locator, label: string, date: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.fill(date);
  await input.press("Enter");
}

/** A value for one form field: text typed, an option picked or a date entered. */
export type FieldValue = { text: string } | { option: string } | { date: string };

/** Fills form fields by their labels inside a dialog. */
export async function fillFields(page: Page, dialog: Locator, values: Record<string, FieldValue>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    if ("text" in value) await dialog.getByLabel(label, { exact: true }).fill(value.text);
    else if ("option" in value) await pickOption(page, dialog, label, value.option);
    else await fillDate(dialog, label, value.date);
  }
}

/** The 整改办 adds a finding from the round's ledger and opens its page; returns the finding's id. */
export async function createFinding(page: Page, baseUrl: string, roundId: number, title: string): Promise<number> {
  await page.goto(`${baseUrl}/inspections/${roundId}`);
  await page.getByTestId("ledger-table").locator("tr[data-row-key]").first().waitFor();
  await page.getByRole("button", { name: "新增问题" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("问题", { exact: true }).fill(title);
  await dialog.getByRole("button", { name: buttonName("确定") }).click();
  await page.getByText("问题已新增").waitFor();
  await page.getByLabel("搜索台账").fill(title);
  await page.getByLabel("搜索台账").press("Enter");
  await page.getByTestId("ledger-table").getByRole("link", { name: title }).click();
  await page.getByTestId("finding-title").waitFor();
  return Number(new URL(page.url()).pathname.split("/").pop());
}

/** On a finding's page: opens 编辑问题, changes the given fields (整改计划 among them) and saves. */
export async function editFinding(page: Page, values: Record<string, FieldValue>): Promise<void> {
  await page.getByTestId("edit-finding").click();
  const dialog = page.getByRole("dialog", { name: "编辑问题" });
  await fillFields(page, dialog, values);
  await dialog.getByRole("button", { name: buttonName("保存") }).click();
  await page.getByText("问题已保存").waitFor();
  await dialog.waitFor({ state: "hidden" });
}

/** Opens the 整改成果登记 page of a round on one register's tab. */
export async function openRegister(page: Page, baseUrl: string, roundId: number, tab: string): Promise<Locator> {
  await page.goto(`${baseUrl}/registers?inspectionId=${roundId}&tab=${tab}`);
  const panel = page.getByTestId(`register-${tab}`);
  await panel.getByTestId("register-summary").waitFor();
  return panel;
}

/** Registers one record on the open register tab through its form. */
export async function addRegisterRecord(page: Page, panel: Locator, buttonLabel: string, values: Record<string, FieldValue>): Promise<void> {
  await panel.getByRole("button", { name: buttonLabel }).click();
  const dialog = page.getByRole("dialog");
  await fillFields(page, dialog, values);
  await dialog.getByRole("button", { name: buttonName("保存") }).click();
  await page.getByText(/已登记$/).last().waitFor();
  await dialog.waitFor({ state: "hidden" });
}

/** Edits the record of the open register tab whose row shows `rowText`. */
export async function editRegisterRecord(page: Page, panel: Locator, rowText: string, values: Record<string, FieldValue>): Promise<void> {
  await panel.locator("tr[data-row-key]").filter({ hasText: rowText }).getByRole("button", { name: buttonName("编辑") }).click();
  const dialog = page.getByRole("dialog");
  await fillFields(page, dialog, values);
  await dialog.getByRole("button", { name: buttonName("保存") }).click();
  await page.getByText(/已修改$/).last().waitFor();
  await dialog.waitFor({ state: "hidden" });
}

/** The totals shown above a register's table, by key (count, people, amount, closed, …). */
export async function readRegisterSummary(panel: Locator): Promise<Record<string, string>> {
  const summary = panel.getByTestId("register-summary");
  const out: Record<string, string> = {};
  for (const item of await summary.locator("[data-testid^='summary-']").all()) {
    out[(await item.getAttribute("data-testid"))!.slice("summary-".length)] = (await item.innerText()).trim();
  }
  return out;
}

/** The first number in a text ("追责问责 5 人" → 5; "1234.50 元" → 1234.5). */
export function numberIn(text: string): number {
  const match = /-?\d+(?:\.\d+)?/.exec(text.replace(/,/g, ""));
  expect(match, text).toBeTruthy();
  return Number(match![0]);
}

/** Creates a notice draft for a round from the 通报公示 page and opens it. */
export async function createNotice(page: Page, roundOption: string, title: string): Promise<void> {
  await page.getByRole("menuitem", { name: "通报公示" }).click();
  await page.getByRole("button", { name: "新建通报" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("巡察轮次").click();
  await page.getByTitle(roundOption).click();
  await dialog.getByLabel("标题").fill(title);
  await dialog.getByRole("button", { name: buttonName("确定") }).click();
  await page.getByText("编辑通报").waitFor();
}

/** Writes the 组织落实情况 paragraph of the open notice and saves it; the check reloads with it. */
export async function writeNoticeOrganisation(page: Page, text: string): Promise<void> {
  await page.getByLabel("一、组织落实情况").fill(text);
  await page.getByRole("button", { name: buttonName("保存") }).click();
  await page.getByText("已保存").last().waitFor();
}

/** Runs 发布前检查 on the open notice and waits for its result. */
export async function checkNotice(page: Page): Promise<Locator> {
  const response = page.waitForResponse((r) => r.url().includes("/check") && r.request().method() === "GET");
  await page.getByTestId("notice-check").click();
  await response;
  const result = page.getByTestId("notice-check-result");
  await result.waitFor();
  return result;
}

/** Acknowledges every warning of the open notice's check, one by one; returns how many. */
export async function acknowledgeWarnings(page: Page): Promise<number> {
  const result = page.getByTestId("notice-check-result");
  let count = 0;
  for (;;) {
    const button = result.getByRole("button", { name: "确认已知悉" }).first();
    if ((await button.count()) === 0) return count;
    const before = await result.getByTestId("check-acknowledgement").count();
    await button.click();
    await expect.poll(() => result.getByTestId("check-acknowledgement").count()).toBe(before + 1);
    count += 1;
  }
}

/** The figures of the open notice as shown, by key (problemsTotal, rulesMade, accountability, …). */
export async function readNoticeFigures(page: Page): Promise<Record<string, string>> {
  const figures = page.getByTestId("notice-figures");
  await figures.waitFor();
  const out: Record<string, string> = {};
  for (const link of await figures.locator("[data-testid^='figure-']").all()) {
    out[(await link.getAttribute("data-testid"))!.slice("figure-".length)] = (await link.innerText()).trim();
  }
  return out;
}
