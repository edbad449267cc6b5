// Real-browser flows of issue 8 (part A): the 整改办 keeps every record of a round in the browser —
// a finding and its 整改计划, one record in every register — the notice check blocks on an error and
// records an acknowledged warning, and the notice's figures equal the registers. Each step is a
// helper of steps.ts, so the whole-round flow can reuse them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { TestContext } from "../../../server/src/test/test-app.ts";
import { findChromium, openBrowserSession, saveScreen, type BrowserSession } from "./browser-harness.ts";
import {
  acknowledgeWarnings,
  addRegisterRecord,
  buttonName,
  checkNotice,
  createFinding,
  createNotice,
  editFinding,
  editRegisterRecord,
  expectFiguresEqualRegisters,
  login,
  logout,
  numberIn,
  openRegister,
  readNoticeFigures,
  readRegisterSummary,
  writeNoticeOrganisation,
} from "./steps.ts";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("[web e2e] SKIPPED: no Chromium found (set ZG_CHROMIUM_PATH or apt-get install chromium fonts-noto-cjk)");

const ROUND_OPTION = "青禾县教育局 · 十五届县委第三轮巡察";
const NOTICE_TITLE = "中共青禾县教育局党组关于巡察整改进展情况的通报（登记核对）";

describe.skipIf(!chromiumPath)("issue 8: every record of a round in the browser", () => {
  let session: BrowserSession;
  let server: TestContext;
  let page: Page;
  let baseUrl = "";
  let roundId = 0;
  let passwords = new Map<string, string>();

  beforeAll(async () => {
    session = await openBrowserSession(chromiumPath as string, 20_000);
    ({ server, page, baseUrl } = session);
    const demo = await server.services.demo.loadDemo(null);
    roundId = demo.inspectionId;
    passwords = new Map(demo.accounts.map((a) => [a.username, a.password]));
    await login(page, baseUrl, "demo_zgb", passwords.get("demo_zgb") as string);
  });

  afterAll(async () => {
    await session?.close();
  });

  it("the 整改办 creates a finding, edits it and its 整改计划, and the change is in its history", async () => {
    const findingId = await createFinding(page, baseUrl, roundId, "课后服务收费公示不及时");
    await editFinding(page, {
      问题: { text: "课后服务收费公示不及时、不完整" },
      整改计划: { text: "2026年9月底前完成全县中小学课后服务收费项目逐校公示。" },
    });
    await page.getByTestId("finding-title").getByText("课后服务收费公示不及时、不完整").waitFor();
    await page.getByTestId("finding-plan").getByText("2026年9月底前完成全县中小学课后服务收费项目逐校公示。").waitFor();
    await page.getByTestId("finding-history").getByText("修改了问题、整改计划").waitFor();
    await saveScreen(page, "40-finding-edited-history", true);

    // A date before the feedback is refused in a Chinese sentence naming the field.
    await page.getByTestId("edit-finding").click();
    const dialog = page.getByRole("dialog", { name: "编辑问题" });
    await dialog.getByLabel("完成时限", { exact: true }).fill("2025-11-01");
    await dialog.getByLabel("完成时限", { exact: true }).press("Enter");
    await dialog.getByRole("button", { name: buttonName("保存") }).click();
    await page.getByText(/“完成时限”（2025-11-01）不能早于本轮巡察的反馈日期（2025-12-10）/).waitFor();
    await saveScreen(page, "41-finding-date-rule");
    await dialog.getByRole("button", { name: buttonName("取消") }).click();
    const stored = await server.db.query<{ due_date: string | null; plan_text: string }>("select due_date, plan_text from findings where id = $1", [findingId]);
    expect(stored[0]).toEqual({ due_date: null, plan_text: "2026年9月底前完成全县中小学课后服务收费项目逐校公示。" });
  });

  it("the 整改办 enters one record in every register and edits one; totals follow", async () => {
    let panel = await openRegister(page, baseUrl, roundId, "rules");
    const rulesBefore = numberIn((await readRegisterSummary(panel)).count);
    await addRegisterRecord(page, panel, "登记制度", {
      制度名称: { text: "青禾县中小学课后服务收费公示办法" },
      文号: { text: "青教发〔2026〕12号" },
      印发日期: { date: "2026-05-20" },
    });
    await expect.poll(async () => numberIn((await readRegisterSummary(panel)).count)).toBe(rulesBefore + 1);
    await saveScreen(page, "42-register-rules", true);

    panel = await openRegister(page, baseUrl, roundId, "accountabilities");
    const peopleBefore = numberIn((await readRegisterSummary(panel)).people);
    await addRegisterRecord(page, panel, "登记问责记录", {
      问责方式: { option: "提醒谈话" },
      人数: { text: "2" },
      "被问责人姓名（不公开）": { text: "赵某某、孙某某" },
      决定日期: { date: "2026-05-28" },
    });
    await expect.poll(async () => numberIn((await readRegisterSummary(panel)).people)).toBe(peopleBefore + 2);

    panel = await openRegister(page, baseUrl, roundId, "recoveries");
    const fundsBefore = numberIn((await readRegisterSummary(panel)).amount);
    await addRegisterRecord(page, panel, "登记清退追缴记录", {
      类别: { option: "追缴" },
      "金额（元）": { text: "3580.5" },
      日期: { date: "2026-06-01" },
      备注: { text: "违规收取资料费追缴" },
    });
    await expect.poll(async () => numberIn((await readRegisterSummary(panel)).amount)).toBeCloseTo(fundsBefore + 3580.5, 2);
    // Edit the record just made: the amount moves by the fen typed.
    await editRegisterRecord(page, panel, "违规收取资料费追缴", { "金额（元）": { text: "3580.56" } });
    await expect.poll(async () => numberIn((await readRegisterSummary(panel)).amount)).toBeCloseTo(fundsBefore + 3580.56, 2);
    await panel.locator("tr[data-row-key]").filter({ hasText: "违规收取资料费追缴" }).getByRole("button", { name: buttonName("记录") }).click();
    await page.getByTestId("register-history").getByText("修改了金额（元）").waitFor();
    await saveScreen(page, "43-register-recoveries-history");
    await page.keyboard.press("Escape");

    panel = await openRegister(page, baseUrl, roundId, "petitions");
    const petitionsBefore = await readRegisterSummary(panel);
    await addRegisterRecord(page, panel, "登记信访件", {
      信访事项: { text: "家长反映某校课后服务收费未公示" },
      办理状态: { option: "已办结" },
      接收日期: { date: "2026-04-02" },
      办结日期: { date: "2026-04-30" },
    });
    await expect.poll(async () => numberIn((await readRegisterSummary(panel)).closed)).toBe(numberIn(petitionsBefore.closed) + 1);

    panel = await openRegister(page, baseUrl, roundId, "leads");
    const leadsBefore = await readRegisterSummary(panel);
    await addRegisterRecord(page, panel, "登记问题线索", {
      线索摘要: { text: "某校长违规收受教辅资料回扣" },
      办理状态: { option: "已移交" },
      接收日期: { date: "2026-03-15" },
      移交日期: { date: "2026-03-20" },
    });
    await expect.poll(async () => numberIn((await readRegisterSummary(panel)).transferred)).toBe(numberIn(leadsBefore.transferred) + 1);

    panel = await openRegister(page, baseUrl, roundId, "immediate");
    const immediateBefore = numberIn((await readRegisterSummary(panel)).count);
    await panel.getByRole("button", { name: "登记立行立改事项" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("问题", { exact: true }).fill("巡察期间发现校园周边食品摊点无证经营，当即联合取缔");
    // 立行立改 items may predate the feedback.
    await dialog.getByLabel("完成时限", { exact: true }).fill("2025-10-20");
    await dialog.getByLabel("完成时限", { exact: true }).press("Enter");
    await dialog.getByRole("button", { name: buttonName("确定") }).click();
    await page.getByText("问题已新增").waitFor();
    await expect.poll(async () => numberIn((await readRegisterSummary(panel)).count)).toBe(immediateBefore + 1);
    await saveScreen(page, "44-register-immediate", true);
  });

  it("a voided record stays, struck through, with its reason in the history, and stops counting", async () => {
    const panel = await openRegister(page, baseUrl, roundId, "rules");
    const before = numberIn((await readRegisterSummary(panel)).count);
    const row = panel.locator("tr[data-row-key]").filter({ hasText: "青禾县中小学课后服务收费公示办法" });
    await row.getByRole("button", { name: buttonName("作废") }).click();
    await page.getByRole("dialog").getByLabel("作废原因").fill("与已印发文件重复");
    await page.getByRole("dialog").getByRole("button", { name: buttonName("作废") }).click();
    await page.getByText("制度已作废").waitFor();
    await expect.poll(async () => numberIn((await readRegisterSummary(panel)).count)).toBe(before - 1);
    await panel.getByText("显示已作废").click();
    const voided = panel.locator("tr[data-row-key]").filter({ hasText: "青禾县中小学课后服务收费公示办法" });
    await voided.getByText("已作废").waitFor();
    await voided.getByRole("button", { name: buttonName("记录") }).click();
    await page.getByTestId("register-history").getByText("原因：与已印发文件重复").waitFor();
    await saveScreen(page, "45-register-voided");
    await page.keyboard.press("Escape");
  });

  it("the notice check blocks on an error and records an acknowledged warning, which the leader sees", async () => {
    await createNotice(page, ROUND_OPTION, NOTICE_TITLE);
    await writeNoticeOrganisation(page, "局党组召开专题会议研究部署巡察整改，巡察反馈的99个问题，已完成整改99个。");
    let result = await checkNotice(page);
    await result.getByTestId("check-blocked").getByText(/通报中问题总数为99，台账计算为\d+/).waitFor();
    await saveScreen(page, "46-notice-check-blocked", true);
    // Approval is refused while the error stands (the leader tries it below too).
    await writeNoticeOrganisation(page, "局党组召开专题会议研究部署巡察整改，成立整改工作领导小组。");
    result = await checkNotice(page);
    await result.getByTestId("check-warning").first().waitFor();
    expect(await result.getByTestId("check-error").count()).toBe(0);
    const acknowledged = await acknowledgeWarnings(page);
    expect(acknowledged).toBeGreaterThan(0);
    await result.getByTestId("check-passed").waitFor();
    await result.getByTestId("check-acknowledgement").first().getByText(/已由 钱可心 于 .* 确认/).waitFor();
    await saveScreen(page, "47-notice-warning-acknowledged", true);
    const noticeUrl = page.url();
    await logout(page);

    await login(page, baseUrl, "demo_leader", passwords.get("demo_leader") as string);
    await page.goto(noticeUrl);
    const seen = page.getByTestId("notice-check-result");
    await seen.getByTestId("check-acknowledgement").first().getByText(/已由 钱可心 于 .* 确认/).waitFor();
    await saveScreen(page, "48-notice-leader-sees-acknowledgement", true);
    await page.getByRole("button", { name: "审核通过" }).click();
    await page.getByText("已审核通过").waitFor();
    const audit = await server.db.query<{ after: { acknowledgedWarnings?: { by: string }[] } }>(
      "select after from audit_log where entity = 'notice' and action = 'approved' order by id desc limit 1",
    );
    expect(audit[0].after.acknowledgedWarnings?.[0].by).toBe("钱可心");
    await logout(page);
    await login(page, baseUrl, "demo_zgb", passwords.get("demo_zgb") as string);
  });

  it("the notice's figures equal the registers, and each figure opens the records behind it", async () => {
    await page.getByRole("menuitem", { name: "通报公示" }).click();
    await page.getByRole("link", { name: NOTICE_TITLE }).click();
    const figures = await readNoticeFigures(page);
    await saveScreen(page, "49-notice-figures-linked", true);

    await expectFiguresEqualRegisters(page, baseUrl, roundId, figures);

    // A figure is a link to its records: 已办结 petitions open the register filtered to them.
    await page.goBack();
    await page.getByRole("menuitem", { name: "通报公示" }).click();
    await page.getByRole("link", { name: NOTICE_TITLE }).click();
    await page.getByTestId("figure-petitions-closed").click();
    const panel = page.getByTestId("register-petitions");
    await panel.getByTestId("register-summary").waitFor();
    expect(new URL(page.url()).searchParams.get("state")).toBe("closed");
    expect(numberIn((await readRegisterSummary(panel)).count)).toBe(numberIn(figures["petitions-closed"]));
    await saveScreen(page, "50-figure-opens-records");
  });
});
