// Real-browser flows of issue 11 (the clock): extension request → approval, the bell, 约谈, the weekly
// report (DOCX read back), and directive → reply → overdue escalation. Screenshots: artifacts/screens/8x-*.png.
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createClockFixture, morningOf, type ClockFixture } from "../../../server/src/test/clock-fixture.ts";
import { createTestContext, type TestContext } from "../../../server/src/test/test-app.ts";
import { ensureWebBuilt, findChromium, launchBrowser, saveScreen, WEB_DIST, type BrowserHandle } from "./browser-harness.ts";
import { buttonName, login, logout } from "./steps.ts";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("[web e2e] clock flows SKIPPED: no Chromium found (set ZG_CHROMIUM_PATH or apt-get install chromium fonts-noto-cjk)");

const PASSWORD = "Passw0rd-clock";

describe.skipIf(!chromiumPath)("the clock in Chromium", () => {
  let server: TestContext;
  let fixture: ClockFixture;
  let browser: BrowserHandle;
  let page: Page;
  let baseUrl = "";
  const pageErrors: string[] = [];

  const signIn = (who: keyof ClockFixture["people"]): Promise<void> => login(page, baseUrl, fixture.people[who].username, PASSWORD);
  const bellCount = async (): Promise<number> => Number((await page.getByTestId("notification-bell").getAttribute("aria-label"))?.match(/(\d+) 条未读/)?.[1]);
  const setClock = async (day: string): Promise<void> => {
    server.clock.now = morningOf(day);
    await browser.context.clock.setFixedTime(server.clock.now);
  };

  beforeAll(async () => {
    ensureWebBuilt();
    server = await createTestContext({ webDir: WEB_DIST, now: morningOf("2026-05-10") });
    fixture = await createClockFixture(server.services, server.db);
    await server.app.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser(chromiumPath as string);
    await setClock("2026-06-15");
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    if (pageErrors.length) console.warn(`[web e2e] browser errors:\n${pageErrors.join("\n")}`);
    await browser?.close();
    await server?.close();
  });

  it("a 责任人 requests an extension; the 整改办 approves it from the bell; the original date stays", async () => {
    await signIn("owner");
    await page.goto(`${baseUrl}/measures/${fixture.measureId}`);
    await page.getByTestId("extension-dates").getByText("原定时限：2026-07-31").waitFor();
    await page.getByTestId("request-extension").click();
    const dialog = page.getByRole("dialog", { name: "申请延期" });
    await dialog.getByLabel("申请延至").fill("2026-09-30");
    await dialog.getByLabel("申请延至").press("Enter");
    await dialog.getByLabel("延期理由").fill("上级配套文件尚未印发，须同步修订");
    await dialog.getByRole("button", { name: "提交申请" }).click();
    await page.getByTestId("extension-list").getByText("待审批", { exact: true }).waitFor();
    await saveScreen(page, "80-extension-requested");
    await logout(page);

    await signIn("office");
    expect(await bellCount()).toBeGreaterThan(0);
    await page.getByTestId("notification-bell").click();
    await page.getByRole("link", { name: /延期申请待审批：建立时钟测试制度/ }).click();
    await page.waitForURL(`**/measures/${fixture.measureId}`);
    await page.getByTestId("approve-extension").click();
    await page.getByRole("dialog", { name: "批准延期" }).getByLabel("审批意见").fill("同意");
    await page.getByRole("dialog", { name: "批准延期" }).getByRole("button", { name: buttonName("确定") }).click();
    await page.getByTestId("extension-dates").getByText("原定时限：2026-07-31；调整后时限：2026-09-30").waitFor();
    await page.getByTestId("extension-list").getByText("已批准", { exact: true }).waitFor();
    await page.getByText("剩 107 天").waitFor();
    await saveScreen(page, "81-extension-approved");
    await logout(page);
  });

  it("the bell shows the unread count and clears on reading", async () => {
    await signIn("owner");
    const unread = await bellCount();
    expect(unread).toBeGreaterThanOrEqual(3);
    await page.getByTestId("notification-bell").click();
    await page.getByTestId("notification-list").getByText("延期申请已批准：建立时钟测试制度").waitFor();
    await saveScreen(page, "82-notifications");
    await page.getByTestId("mark-all-read").click();
    await page.getByText("没有未读消息").waitFor();
    await expect.poll(bellCount).toBe(0);
    await logout(page);
  });

  it("a supervisor records a 约谈 in its register", async () => {
    await signIn("inspector");
    await page.getByRole("menuitem", { name: "督办约谈" }).click();
    await page.getByText("约谈台账").click();
    await page.getByTestId("add-interview").click();
    const dialog = page.getByRole("dialog", { name: "登记约谈" });
    await dialog.getByLabel("被约谈人").fill("主要负责人丙（局长）");
    await dialog.getByLabel("约谈日期").fill("2026-06-12");
    await dialog.getByLabel("约谈日期").press("Enter");
    await dialog.getByLabel("约谈事由").fill("时钟测试制度修订进度滞后");
    await dialog.getByLabel("约谈结果").fill("责令一周内报送整改计划");
    await dialog.getByRole("button", { name: buttonName("保存") }).click();
    await page.getByTestId("interview-table").getByText("主要负责人丙（局长）").waitFor();
    await saveScreen(page, "83-interviews");
    await logout(page);
  });

  it("the 整改办 generates the weekly report, edits it, downloads the DOCX and sends it; the supervisor sees it sent", async () => {
    await signIn("office");
    await page.getByRole("menuitem", { name: "周汇报" }).click();
    await page.getByTestId("generate-weekly-report").click();
    await page.getByText("巡察整改工作周汇报（2026年6月6日至2026年6月12日）").waitFor();
    await page.getByLabel("总体情况补充").fill("本周召开整改推进会一次，逐项对账。");
    await page.getByLabel("下一步工作").fill("下周完成时钟测试制度修订。");
    await page.getByTestId("save-weekly-report").click();
    await page.getByText("周汇报已保存").waitFor();
    const download = page.waitForEvent("download");
    await page.getByTestId("weekly-docx").click();
    const file = await (await download).path();
    const text = (await mammoth.extractRawText({ buffer: readFileSync(file) })).value;
    expect(text).toContain("甲单位");
    expect(text).toContain("巡察整改工作周汇报");
    expect(text).toContain("本周召开整改推进会一次，逐项对账。");
    expect(text).toContain("下周完成时钟测试制度修订。");
    await saveScreen(page, "84-weekly-report");
    await page.getByTestId("send-weekly-report").click();
    await page.getByText("已报送", { exact: true }).first().waitFor();
    await logout(page);

    await signIn("inspector");
    await page.getByRole("menuitem", { name: "周汇报" }).click();
    await page.getByTestId("weekly-status").getByText("已报送").waitFor();
    await saveScreen(page, "85-weekly-status-supervisor");
    await logout(page);
  });

  it("a supervisor issues a directive, the unit replies; an unanswered one escalates when overdue", async () => {
    await signIn("inspector");
    await page.goto(`${baseUrl}/directives`);
    await page.getByTestId("issue-directive").click();
    const dialog = page.getByRole("dialog", { name: "下发督办单" });
    await dialog.getByLabel("督办事项").fill("请于期限内报送时钟测试制度修订稿");
    await dialog.getByLabel("回复期限").fill("2026-06-25");
    await dialog.getByLabel("回复期限").press("Enter");
    await dialog.getByRole("button", { name: buttonName("下发") }).click();
    await page.getByTestId("directive-text").getByText("请于期限内报送时钟测试制度修订稿").waitFor();
    const directiveUrl = page.url();
    await logout(page);

    await signIn("office");
    await page.goto(directiveUrl);
    await page.getByLabel("回复内容").fill("修订稿已完成，正在征求意见。");
    await page.getByTestId("reply-directive").click();
    await page.getByTestId("directive-reply").getByText("修订稿已完成，正在征求意见。").waitFor();
    await page.getByText("已回复", { exact: true }).first().waitFor();
    await saveScreen(page, "86-directive-replied");
    await logout(page);

    // The directive issued with the fixture (reply due 07-10) is never answered: on 07-11 the clock escalates it.
    await setClock("2026-07-11");
    await server.services.scheduler.tick();
    await signIn("office");
    await page.getByTestId("notification-bell").click();
    await page.getByRole("link", { name: /【督办逾期未回复】请说明时钟测试制度的推进情况/ }).click();
    await page.getByText("逾期未回复").waitFor();
    await saveScreen(page, "87-directive-overdue");
    await page.goto(`${baseUrl}/directives?overdue=true`);
    await page.getByRole("link", { name: "请说明时钟测试制度的推进情况" }).waitFor();
    expect(await page.getByRole("link", { name: "请于期限内报送时钟测试制度修订稿" }).count()).toBe(0);
    await logout(page);
  });
});
