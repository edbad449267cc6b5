// Steps of a rectification round as the people in it do them in the browser. Each takes a page
// already at the right screen (or navigates there) and waits for the app to confirm, so flows —
// including the whole-round test assembled from both halves of issue 8 — read as a list of steps.
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";
import { createTestContext, type TestContext } from "../../../server/src/test/test-app.ts";
import { ensureWebBuilt, launchBrowser, WEB_DIST, type BrowserHandle } from "./browser-harness.ts";

/** The phone every department user carries in the issue: 390×844 (CSS pixels). */
export const PHONE = { width: 390, height: 844 } as const;

/** Matches an antd button label, which antd spaces out when it is two Chinese characters. */
export function buttonName(text: string): RegExp {
  return new RegExp(`^\\s*${[...text].join("\\s*")}\\s*$`);
}

/** A test server on a fresh database serving the built app, and a Chromium whose clock follows the server's. */
export interface BrowserRound {
  server: TestContext;
  browser: BrowserHandle;
  baseUrl: string;
  /** Browser errors seen so far (console errors other than expected 401s, page errors). */
  errors: string[];
  /** Opens a page at the given viewport (the office screen by default). */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the server and the browser for a flow. */
export async function startBrowserRound(chromiumPath: string, options: { isMobile?: boolean } = {}): Promise<BrowserRound> {
  ensureWebBuilt();
  const server = await createTestContext({ webDir: WEB_DIST });
  await server.app.listen({ port: 0, host: "127.0.0.1" });
  const baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser(chromiumPath, options);
  await browser.context.clock.setFixedTime(server.clock.now);
  const errors: string[] = [];
  return {
    server,
    browser,
    baseUrl,
    errors,
    async newPage(viewport) {
      const page = await browser.context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      page.setDefaultTimeout(15_000);
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (entry) => {
        if (entry.type() === "error" && !entry.text().includes("401")) errors.push(entry.text());
      });
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Loads the demo as the system and returns the printed passwords by user name. */
export async function loadDemo(round: BrowserRound): Promise<{ inspectionId: number; passwords: Map<string, string> }> {
  const demo = await round.server.services.demo.loadDemo(null);
  return { inspectionId: demo.inspectionId, passwords: new Map(demo.accounts.map((a) => [a.username, a.password])) };
}

/** Signs in on the login page and waits for the 工作台. */
export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: buttonName("登录") }).click();
  await page.getByRole("heading", { name: "工作台" }).waitFor();
}

/** Signs out from the user menu and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId("user-menu").click();
  await page.getByText("退出登录").click();
  await page.getByRole("button", { name: buttonName("登录") }).waitFor();
}

/** Labels of the main menu as shown (on a phone the menu is behind ☰ and is closed again). */
export async function menuLabels(page: Page): Promise<string[]> {
  const opener = page.getByRole("button", { name: "打开菜单" });
  const isPhone = await opener.isVisible();
  if (isPhone) await opener.click();
  const menu = page.getByRole("menu", { name: "主菜单" });
  await menu.waitFor();
  const labels = (await menu.getByRole("menuitem").allInnerTexts()).map((t) => t.trim());
  if (isPhone) await page.keyboard.press("Escape");
  return labels;
}

/** On the 工作台: opens one of my open measures (as cards on a phone, rows on a desk). */
export async function openMyMeasure(page: Page, text: string): Promise<void> {
  await page.getByTestId("todo-measures").getByRole("link", { name: new RegExp(text) }).first().click();
  await page.getByTestId("measure-text").waitFor();
}

/** On a measure page: reports progress. */
export async function reportProgress(page: Page, text: string): Promise<void> {
  await page.getByTestId("add-progress").click();
  await page.getByLabel("进展情况").fill(text);
  await page.getByRole("dialog").getByRole("button", { name: buttonName("报送") }).click();
  await page.getByText("整改进展已报送").waitFor();
}

/** On a measure page at phone size: 拍照上传 with the given picture, waiting for it in the evidence list. */
export async function uploadPhoto(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByTestId("photo-upload").locator("input[type=file]").setInputFiles(file);
  await page.getByTestId("evidence-list").getByText(file.name).waitFor();
}

/** On a measure page: 提交销号 (as 已完成 unless the form preselects 长期坚持). */
export async function submitClosure(page: Page): Promise<void> {
  await page.getByTestId("submit-closure").click();
  await page.getByRole("dialog").getByRole("button", { name: buttonName("提交") }).click();
  await page.getByText("已提交销号申请").waitFor();
}

/** On the 工作台: how many sign-offs wait for me (the 待我签字确认 list). */
export async function countMySignoffs(page: Page): Promise<number> {
  await page.getByRole("heading", { name: "工作台" }).waitFor();
  const card = page.locator(".ant-card").filter({ has: page.getByText("待我签字确认", { exact: false }) }).filter({ hasText: /没有等待您签字|去签字/ }).first();
  await card.waitFor();
  return card.getByRole("link", { name: "去签字" }).count();
}

/** From the 工作台: opens the first sign-off waiting for me and signs it with an 审核意见. */
export async function signFirstPending(page: Page, opinion: string): Promise<void> {
  await page.getByRole("link", { name: "去签字" }).first().click();
  await page.getByTestId("approve-closure").click();
  const dialog = page.getByRole("dialog", { name: "签字确认" });
  await dialog.getByLabel("审核意见").fill(opinion);
  await dialog.getByRole("button", { name: buttonName("签字确认") }).click();
  await page.getByText("已签字确认").first().waitFor();
}

/** As an administrator on 系统管理 → 用户与角色: resets a user's password and returns the temporary one. */
export async function resetPasswordAsAdmin(page: Page, baseUrl: string, username: string): Promise<string> {
  await page.goto(`${baseUrl}/admin`);
  await page.getByRole("tab", { name: "用户与角色" }).click();
  const row = page.getByTestId("user-table").locator("[data-row-key]").filter({ hasText: username });
  await row.getByRole("button", { name: "重置密码" }).click();
  await page.getByRole("tooltip").getByRole("button", { name: buttonName("重置") }).click();
  const value = page.getByTestId("temporary-password-value");
  await value.waitFor();
  return (await value.innerText()).trim();
}

/** Signs in with a temporary password and waits at 请修改密码, the only screen it opens. */
export async function signInWithTemporaryPassword(page: Page, baseUrl: string, username: string, temporary: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(temporary);
  await page.getByRole("button", { name: buttonName("登录") }).click();
  await page.getByTestId("forced-password-change").waitFor();
}

/** At 请修改密码: replaces the temporary password; the app then opens where the user was going. */
export async function replaceTemporaryPassword(page: Page, temporary: string, next: string): Promise<void> {
  const form = page.getByTestId("forced-password-change");
  await form.getByLabel("临时密码").fill(temporary);
  await form.getByLabel("新密码", { exact: true }).fill(next);
  await form.getByLabel("确认新密码").fill(next);
  await form.getByRole("button", { name: "修改密码并继续" }).click();
  await form.waitFor({ state: "detached" });
  await page.getByTestId("user-menu").waitFor();
}

/** A real PNG "photo" drawn by the browser (a 480×360 scene with a caption), for 拍照上传. */
export async function drawPhoto(page: Page, caption: string): Promise<Buffer> {
  const base64 = await page.evaluate(async (text) => {
    const canvas = new OffscreenCanvas(480, 360);
    const context = canvas.getContext("2d") as OffscreenCanvasRenderingContext2D;
    context.fillStyle = "#cfe3f2";
    context.fillRect(0, 0, 480, 360);
    context.fillStyle = "#7a9a5c";
    context.fillRect(0, 230, 480, 130);
    context.fillStyle = "#b5533c";
    context.fillRect(150, 120, 180, 110);
    context.fillStyle = "#fff";
    context.font = "24px sans-serif";
    context.fillText(text, 20, 40);
    const blob = await canvas.convertToBlob({ type: "image/png" });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = "";
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  }, caption);
  return Buffer.from(base64, "base64");
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

/** A measure as the 整改办 enters it: the people are accounts picked by name. */
export interface MeasureEntry {
  text: string;
  dueDate: string;
  leader: string;
  department: string;
  owner: string;
}

/** On a finding's page: 新增整改措施 with 责任领导 and 责任人 picked as accounts of the unit. */
export async function addMeasure(page: Page, measure: MeasureEntry): Promise<void> {
  await page.getByRole("button", { name: "新增整改措施" }).click();
  const dialog = page.getByRole("dialog", { name: "新增整改措施" });
  await dialog.getByLabel("整改措施", { exact: true }).fill(measure.text);
  await fillDate(dialog, "完成时限", measure.dueDate);
  for (const [label, name] of [["责任领导", measure.leader], ["责任人", measure.owner]] as const) {
    await dialog.getByLabel(label, { exact: true }).click();
    await page.locator(".ant-select-dropdown:visible").getByTitle(new RegExp(`^${name}（`)).click();
  }
  await pickOption(page, dialog, "责任部门", measure.department);
  await dialog.getByRole("button", { name: buttonName("确定") }).click();
  await page.getByText("整改措施已新增").waitFor();
  await page.getByTestId("finding-measures").getByRole("link", { name: measure.text }).waitFor();
}

/** Every figure of the notice (read with readNoticeFigures) equals the totals of the round's registers. */
export async function expectFiguresEqualRegisters(page: Page, baseUrl: string, roundId: number, figures: Record<string, string>): Promise<void> {
  const summaryOf = async (tab: string) => readRegisterSummary(await openRegister(page, baseUrl, roundId, tab));
  const rules = await summaryOf("rules");
  expect(numberIn(figures.rulesMade)).toBe(numberIn(rules.count));
  const accountability = await summaryOf("accountabilities");
  expect(numberIn(figures.accountability)).toBe(numberIn(accountability.people));
  const recoveries = await summaryOf("recoveries");
  const funds = Object.entries(figures).filter(([key]) => key.startsWith("funds-"));
  // Notices print large amounts in 万元 ("12.6万元"), others in 元.
  const fundsYuan = funds.reduce((sum, [, text]) => sum + numberIn(text) * (text.endsWith("万元") ? 10_000 : 1), 0);
  expect(fundsYuan).toBeCloseTo(numberIn(recoveries.amount), 2);
  const petitions = await summaryOf("petitions");
  expect(numberIn(figures["petitions-total"])).toBe(numberIn(petitions.count));
  expect(numberIn(figures["petitions-closed"])).toBe(numberIn(petitions.closed));
  const leads = await summaryOf("leads");
  expect(numberIn(figures["clues-total"])).toBe(numberIn(leads.count));
  expect(numberIn(figures["clues-transferred"])).toBe(numberIn(leads.transferred));
  expect(numberIn(figures["clues-closed"])).toBe(numberIn(leads.closed));
  const immediate = await summaryOf("immediate");
  expect(figures.immediateFix).toBe(`${numberIn(immediate.completed)}/${numberIn(immediate.count)}`);
}
