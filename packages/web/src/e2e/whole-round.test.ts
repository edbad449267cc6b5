// A whole round in Chromium, played by the people in it, each logged in as themselves (issue 8):
// the 整改办 (钱可心) adds a finding, edits it and its 整改计划, gives it a measure owned by
// 林晓岚 with 周明远 as 责任领导, and enters one record in every register; 林晓岚 reports progress
// and photographs her evidence on a 390×844 phone; her department head, then 周明远 — and not
// 孙慧敏, the unit's other leader — sign; the 整改办 closes it; the notice check blocks on a wrong
// figure, records an acknowledged warning, and the notice's figures equal the registers.
// Screenshots (artifacts/screens/9x-round-*.png) are described in docs/screens.md.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { findChromium, saveScreen } from "./browser-harness.ts";
import {
  acknowledgeWarnings,
  addMeasure,
  addRegisterRecord,
  buttonName,
  checkNotice,
  countMySignoffs,
  createFinding,
  createNotice,
  drawPhoto,
  editFinding,
  editRegisterRecord,
  expectFiguresEqualRegisters,
  type FieldValue,
  loadDemo,
  login,
  logout,
  numberIn,
  openMyMeasure,
  openRegister,
  PHONE,
  readNoticeFigures,
  readRegisterSummary,
  reportProgress,
  signFirstPending,
  startBrowserRound,
  submitClosure,
  uploadPhoto,
  writeNoticeOrganisation,
  type BrowserRound,
} from "./steps.ts";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("[web e2e] SKIPPED: no Chromium found (set ZG_CHROMIUM_PATH or apt-get install chromium fonts-noto-cjk)");

const DESK = { width: 1366, height: 768 } as const;
const ROUND_OPTION = "青禾县教育局 · 十五届县委第三轮巡察";
const FINDING = "部分学校食堂账目公开不及时";
const MEASURE = {
  text: "每月在校务公开栏和家长群公示食堂收支明细",
  dueDate: "2026-07-31",
  leader: "周明远",
  department: "基础教育股",
  owner: "林晓岚",
};

/** One record per register, each with the total it moves and by how much. */
const REGISTER_ENTRIES: { tab: string; button: string; total: string; delta: number; values: Record<string, FieldValue> }[] = [
  {
    tab: "rules",
    button: "登记制度",
    total: "count",
    delta: 1,
    values: { 制度名称: { text: "青禾县中小学食堂财务公开办法" }, 文号: { text: "青教发〔2026〕21号" }, 印发日期: { date: "2026-06-02" } },
  },
  {
    tab: "accountabilities",
    button: "登记问责记录",
    total: "people",
    delta: 1,
    values: { 问责方式: { option: "诫勉" }, 人数: { text: "1" }, "被问责人姓名（不公开）": { text: "周某某" }, 决定日期: { date: "2026-06-05" } },
  },
  {
    tab: "recoveries",
    button: "登记清退追缴记录",
    total: "amount",
    delta: 2000.75,
    values: { 类别: { option: "追缴" }, "金额（元）": { text: "2000.75" }, 日期: { date: "2026-06-08" }, 备注: { text: "食堂多收伙食费追缴" } },
  },
  {
    tab: "petitions",
    button: "登记信访件",
    total: "closed",
    delta: 1,
    values: { 信访事项: { text: "家长反映食堂饭菜价格偏高" }, 办理状态: { option: "已办结" }, 接收日期: { date: "2026-05-06" }, 办结日期: { date: "2026-05-27" } },
  },
  {
    tab: "leads",
    button: "登记问题线索",
    total: "transferred",
    delta: 1,
    values: { 线索摘要: { text: "某校食堂采购涉嫌虚开发票" }, 办理状态: { option: "已移交" }, 接收日期: { date: "2026-05-11" }, 移交日期: { date: "2026-05-18" } },
  },
];

describe.skipIf(!chromiumPath)("issue 8: a whole round, each step by its person", () => {
  let round: BrowserRound;
  let page: Page;
  let passwords = new Map<string, string>();
  let roundId = 0;
  let measureId = 0;

  const signIn = (username: string) => login(page, round.baseUrl, username, passwords.get(username) as string);

  beforeAll(async () => {
    round = await startBrowserRound(chromiumPath as string, { isMobile: true });
    const demo = await loadDemo(round);
    passwords = demo.passwords;
    roundId = demo.inspectionId;
    page = await round.newPage(DESK);
  });

  afterAll(async () => {
    if (round?.errors.length) console.warn(`[web e2e] browser errors:\n${round.errors.join("\n")}`);
    await round?.close();
  });

  it("the 整改办 adds a finding, edits it and its 整改计划, and gives it a measure owned by people", async () => {
    await signIn("demo_zgb");
    await createFinding(page, round.baseUrl, roundId, FINDING);
    await editFinding(page, {
      问题: { text: `${FINDING}、不完整` },
      整改计划: { text: "2026年7月底前全县中小学食堂账目按月公开，纳入校务公开考核。" },
    });
    await page.getByTestId("finding-plan").getByText("2026年7月底前全县中小学食堂账目按月公开，纳入校务公开考核。").waitFor();
    await page.getByTestId("finding-history").getByText("修改了问题、整改计划").waitFor();
    await addMeasure(page, MEASURE);
    await saveScreen(page, "90-round-finding-with-measure", true);
    const [measure] = await round.server.db.query<{ id: number; leader_user_id: number | null; owner_user_id: number | null }>(
      "select id, leader_user_id, owner_user_id from measures where text = $1",
      [MEASURE.text],
    );
    const people = await round.server.db.query<{ id: number; display_name: string }>("select id, display_name from users where display_name in ('周明远', '林晓岚')");
    const idOf = (name: string) => people.find((p) => p.display_name === name)?.id;
    expect({ leader: measure.leader_user_id, owner: measure.owner_user_id }).toEqual({ leader: idOf("周明远"), owner: idOf("林晓岚") });
    measureId = measure.id;
  });

  it("the 整改办 enters one record in every register and edits one; each total moves by it", async () => {
    for (const entry of REGISTER_ENTRIES) {
      const panel = await openRegister(page, round.baseUrl, roundId, entry.tab);
      const before = numberIn((await readRegisterSummary(panel))[entry.total]);
      await addRegisterRecord(page, panel, entry.button, entry.values);
      await expect.poll(async () => numberIn((await readRegisterSummary(panel))[entry.total])).toBeCloseTo(before + entry.delta, 2);
    }
    const panel = await openRegister(page, round.baseUrl, roundId, "recoveries");
    const before = numberIn((await readRegisterSummary(panel)).amount);
    await editRegisterRecord(page, panel, "食堂多收伙食费追缴", { "金额（元）": { text: "2100.75" } });
    await expect.poll(async () => numberIn((await readRegisterSummary(panel)).amount)).toBeCloseTo(before + 100, 2);
    await saveScreen(page, "91-round-register-edited", true);

    const immediate = await openRegister(page, round.baseUrl, roundId, "immediate");
    const count = numberIn((await readRegisterSummary(immediate)).count);
    await immediate.getByRole("button", { name: "登记立行立改事项" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("问题", { exact: true }).fill("巡察期间发现食堂留样记录缺失，当即整改");
    await dialog.getByRole("button", { name: buttonName("确定") }).click();
    await page.getByText("问题已新增").waitFor();
    await expect.poll(async () => numberIn((await readRegisterSummary(immediate)).count)).toBe(count + 1);
    await logout(page);
  });

  it("林晓岚 reports progress and photographs her evidence on her phone, then submits it", async () => {
    await page.setViewportSize(PHONE);
    await signIn("demo_jcjy");
    await openMyMeasure(page, MEASURE.text);
    expect(new URL(page.url()).pathname).toBe(`/measures/${measureId}`);
    await reportProgress(page, "6月起全县46所学校食堂收支明细已按月在校务公开栏和家长群公示。");
    const photo = await drawPhoto(page, "校务公开栏食堂收支公示");
    await uploadPhoto(page, { name: "食堂收支公示照片.png", mimeType: "image/png", buffer: photo });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await saveScreen(page, "92-round-phone-evidence", true);
    await submitClosure(page);
    const chain = page.getByTestId("closure-chain").first();
    await chain.getByText("待 沈一帆 签字").waitFor();
    await chain.getByText("责任领导签字确认 · 周明远").waitFor();
    await logout(page);
  });

  it("her department head, then 周明远 — the measure's 责任领导 — sign; 孙慧敏 sees nothing to sign", async () => {
    await signIn("demo_jcjy_head");
    expect(await countMySignoffs(page)).toBe(1);
    await signFirstPending(page, "已核实公示照片，同意。");
    await logout(page);

    await signIn("demo_leader2");
    expect(await countMySignoffs(page)).toBe(0);
    await page.goto(`${round.baseUrl}/measures/${measureId}`);
    await page.getByTestId("closure-chain").first().getByText("待 周明远 签字").waitFor();
    expect(await page.getByTestId("approve-closure").count()).toBe(0);
    const refused = await page.evaluate(async (id) => {
      const pending = (await (await fetch("/api/closures/pending")).json()) as { items: { measureId: number }[] };
      return pending.items.some((item) => item.measureId === id);
    }, measureId);
    expect(refused).toBe(false);
    await saveScreen(page, "93-round-second-leader-nothing");
    await logout(page);

    await signIn("demo_leader");
    expect(await countMySignoffs(page)).toBe(1);
    await signFirstPending(page, "同意销号。");
    await page.getByTestId("closure-chain").first().getByText(/周明远 已签字确认 .*审核意见：同意销号。/).waitFor();
    await saveScreen(page, "94-round-leader-signed");
    await logout(page);

    await page.setViewportSize(DESK);
    await signIn("demo_zgb");
    await page.goto(`${round.baseUrl}/measures/${measureId}`);
    await page.getByTestId("approve-closure").click();
    const dialog = page.getByRole("dialog", { name: "签字确认" });
    await dialog.getByLabel("审核意见").fill("对账无误，予以销号。");
    await dialog.getByRole("button", { name: buttonName("签字确认") }).click();
    await page.getByText("已销号").first().waitFor();
    const signers = await round.server.db.query<{ signer: string }>(
      `select u.display_name as signer from closure_decisions d join closures c on c.id = d.closure_id join users u on u.id = d.user_id
       where c.measure_id = $1 and d.decision = 'approved' order by d.step_index`,
      [measureId],
    );
    expect(signers.map((s) => s.signer)).toEqual(["沈一帆", "周明远", "钱可心"]);
    await saveScreen(page, "95-round-measure-closed", true);
  });

  it("the notice check blocks on a wrong figure, records an acknowledged warning, and the figures equal the registers", async () => {
    await createNotice(page, ROUND_OPTION, "中共青禾县教育局党组关于巡察整改进展情况的通报（全流程）");
    await writeNoticeOrganisation(page, "局党组先后召开4次专题会议研究整改，巡察反馈的88个问题，已完成整改88个。");
    let result = await checkNotice(page);
    await result.getByTestId("check-blocked").getByText(/通报中问题总数为88，台账计算为\d+/).waitFor();
    await saveScreen(page, "96-round-notice-blocked", true);
    await writeNoticeOrganisation(page, "局党组先后召开4次专题会议研究整改，逐项明确责任领导和责任部门。");
    result = await checkNotice(page);
    expect(await result.getByTestId("check-error").allInnerTexts()).toEqual([]);
    expect(await acknowledgeWarnings(page)).toBeGreaterThan(0);
    await result.getByTestId("check-passed").waitFor();
    await result.getByTestId("check-acknowledgement").first().getByText(/已由 钱可心 于 .* 确认/).waitFor();
    await saveScreen(page, "97-round-notice-acknowledged", true);
    const acknowledgements = await round.server.db.query<{ n: number }>("select count(*)::int as n from notice_acknowledgements");
    expect(acknowledgements[0].n).toBeGreaterThan(0);

    const figures = await readNoticeFigures(page);
    await expectFiguresEqualRegisters(page, round.baseUrl, roundId, figures);
    await saveScreen(page, "98-round-registers-match");
  });
});
