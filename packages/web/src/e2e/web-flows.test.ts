// Real-browser flows of issue 5: Chromium drives the built app against an in-process server on a
// fresh database. Screenshots land in artifacts/screens/ (docs/screens.md says what they show).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { authCacheOf } from "../../../server/src/services/auth-cache.ts";
import type { TestContext } from "../../../server/src/test/test-app.ts";
import { findChromium, openBrowserSession, saveScreen, type BrowserSession } from "./browser-harness.ts";
import { buttonName, login, logout, menuLabels, signFirstPending } from "./steps.ts";

const chromiumPath = findChromium();
if (!chromiumPath) {
  console.warn("[web e2e] SKIPPED: no Chromium found (set ZG_CHROMIUM_PATH or apt-get install chromium fonts-noto-cjk)");
}

const ADMIN = { username: "admin", password: "Passw0rd-admin" };
const TARGET_MEASURE = "引入非学科类校外资源";
const NOTICE_FIXTURE = fileURLToPath(new URL("../../../core/src/parser/fixtures/hexi-street.txt", import.meta.url));
const UNREADABLE_NOTICE_FIXTURE = fileURLToPath(new URL("../../../core/src/parser/fixtures/beiling-no-problem-list.txt", import.meta.url));

async function findingCounts(page: Page, baseUrl: string): Promise<string> {
  await page.goto(`${baseUrl}/dashboard`);
  const counts = page.getByTestId("dashboard-finding-counts");
  await counts.waitFor();
  await page.locator("canvas").first().waitFor();
  return (await counts.innerText()).trim();
}

describe.skipIf(!chromiumPath)("web app in Chromium", () => {
  let session: BrowserSession;
  let server: TestContext;
  let page: Page;
  let baseUrl = "";
  let passwords = new Map<string, string>();
  let roundTotal = 0;

  beforeAll(async () => {
    session = await openBrowserSession(chromiumPath as string);
    ({ server, page, baseUrl } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it("first run: setup creates the administrator, who loads the demo and sets the sign-off chain", async () => {
    const token = await server.services.auth.issueSetupToken();
    expect(token).toBeTruthy();
    await page.goto(baseUrl);
    await page.getByRole("heading", { name: "系统初始化" }).waitFor();
    await page.getByLabel("初始化口令").fill(token as string);
    await page.getByLabel("根组织名称").fill("青禾县委巡察办");
    await page.getByLabel("管理员用户名").fill(ADMIN.username);
    await page.getByLabel("管理员姓名").fill("系统管理员");
    await page.getByLabel("密码", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("确认密码").fill(ADMIN.password);
    await saveScreen(page, "01-setup");
    await page.getByRole("button", { name: "完成初始化并登录" }).click();
    await page.getByRole("heading", { name: "工作台" }).waitFor();
    await page.getByRole("button", { name: "加载演示数据" }).waitFor();
    await saveScreen(page, "02-home-empty-admin");

    // Loading the demo hashes the demo accounts' passwords (argon2): give a busy machine time.
    const demoResponse = page.waitForResponse((r) => r.url().endsWith("/api/demo") && r.request().method() === "POST", { timeout: 120_000 });
    await page.getByRole("button", { name: "加载演示数据" }).click();
    const demo = (await (await demoResponse).json()) as { accounts: { username: string; password: string }[] };
    passwords = new Map(demo.accounts.map((a) => [a.username, a.password]));
    await page.getByRole("dialog").getByText("demo_jcjy", { exact: true }).waitFor();
    await saveScreen(page, "03-demo-passwords");
    await page.getByRole("button", { name: "打开演示台账" }).click();
    await page.getByTestId("ledger-table").locator("tr[data-row-key]").first().waitFor();
    roundTotal = Number((await page.getByText(/^共 \d+ 个问题$/).innerText()).match(/\d+/)?.[0]);
    expect(roundTotal).toBeGreaterThan(5);
    await saveScreen(page, "04-ledger-admin");

    expect(await menuLabels(page)).toEqual(["工作台", "巡察整改台账", "整改成果登记", "统计分析", "导入通报与台账", "通报公示", "督办约谈", "周汇报", "操作日志", "系统管理"]);
    await page.getByRole("menuitem", { name: "系统管理" }).click();
    await page.getByRole("tree").getByText("青禾县教育局", { exact: true }).click();
    await page.getByRole("button", { name: "移除环节：责任部门" }).click();
    await page.getByText("当前流程：1. 责任领导 → 2. 整改办").waitFor();
    await page.getByRole("button", { name: "保存签字流程" }).click();
    await page.getByText("签字确认流程已保存").waitFor();
    await saveScreen(page, "05-admin-signoff-chain");
    await logout(page);
  });

  it("a 责任部门 user filters the ledger, reports progress, uploads evidence and submits for sign-off", async () => {
    await login(page, baseUrl, "demo_jcjy", passwords.get("demo_jcjy") as string);
    await saveScreen(page, "06-home-department");
    expect(await menuLabels(page)).toEqual(["工作台", "巡察整改台账", "统计分析"]);

    await page.getByRole("menuitem", { name: "巡察整改台账" }).click();
    await page.getByRole("link", { name: "十五届县委第三轮巡察" }).click();
    const table = page.getByTestId("ledger-table");
    await table.locator("tr[data-row-key]").first().waitFor();
    const visible = Number((await page.getByText(/^共 \d+ 个问题$/).innerText()).match(/\d+/)?.[0]);
    expect(visible).toBeLessThan(roundTotal);

    await page.getByLabel("搜索台账").fill("校外资源");
    await page.getByLabel("搜索台账").press("Enter");
    await page.getByText("共 1 个问题").waitFor();
    const row = table.locator("tr[data-row-key]").first();
    await row.focus();
    await page.keyboard.press("Enter");
    const measureLink = page.getByTestId("measure-rows").getByRole("link", { name: new RegExp(TARGET_MEASURE) });
    await measureLink.waitFor();
    await saveScreen(page, "07-ledger-filtered-expanded");
    await measureLink.click();

    await page.getByTestId("measure-text").waitFor();
    await page.getByTestId("add-progress").click();
    await page.getByLabel("进展情况").fill("18 所学校中 15 所已开设 3 类以上特色课程，剩余 3 所本月完成。");
    await page.getByRole("dialog").getByRole("button", { name: buttonName("报送") }).click();
    await page.getByText("整改进展已报送").waitFor();

    await page.locator("input[type=file]").setInputFiles({
      name: "特色课程开设情况统计表.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
    });
    await page.getByTestId("evidence-list").getByText("特色课程开设情况统计表.pdf").waitFor();
    await page.getByText(/SHA-256：[0-9a-f]{64}/).first().waitFor();
    await saveScreen(page, "08-measure-progress-evidence");

    await page.getByTestId("submit-closure").click();
    await page.getByRole("dialog").getByRole("button", { name: buttonName("提交") }).click();
    await page.getByText("已提交销号申请").waitFor();
    await page.getByTestId("closure-chain").getByText("待 周明远 签字").waitFor();
    await saveScreen(page, "09-measure-submitted", true);

    await page.goto(`${baseUrl}/admin`);
    await page.getByText("无权访问").waitFor();
    await saveScreen(page, "10-department-admin-forbidden");
    await logout(page);
  });

  it("the leader and the 整改办 sign off, and the dashboard's completion rate changes", async () => {
    await login(page, baseUrl, "demo_leader", passwords.get("demo_leader") as string);
    await page.getByRole("link", { name: "去签字" }).first().waitFor();
    await saveScreen(page, "11-home-leader-pending");
    await signFirstPending(page, "同意销号");
    await logout(page);

    await login(page, baseUrl, "demo_zgb", passwords.get("demo_zgb") as string);
    const before = await findingCounts(page, baseUrl);
    await saveScreen(page, "12-dashboard-before");
    await page.getByRole("menuitem", { name: "工作台" }).click();
    await signFirstPending(page, "对账无误，予以销号");
    await page.getByText("已销号").first().waitFor();
    await saveScreen(page, "13-measure-closed", true);
    const after = await findingCounts(page, baseUrl);
    await saveScreen(page, "14-dashboard-after");
    const completed = (text: string) => Number(text.match(/已完成 (\d+)/)?.[1]);
    expect(completed(after)).toBe(completed(before) + 1);
  });

  it("the 整改办 exports the ledger, then edits, checks and exports a notice", async () => {
    await page.getByRole("menuitem", { name: "巡察整改台账" }).click();
    await page.getByRole("link", { name: "十五届县委第三轮巡察" }).click();
    await page.getByTestId("ledger-table").locator("tr[data-row-key]").first().waitFor();
    const findingsBefore = Number((await page.getByText(/^共 \d+ 个问题$/).innerText()).match(/\d+/)?.[0]);
    await page.getByRole("button", { name: "新增问题" }).click();
    await page.getByRole("dialog").getByLabel("问题", { exact: true }).fill("校外培训机构监管存在薄弱环节");
    await page.getByRole("dialog").getByRole("button", { name: buttonName("确定") }).click();
    await page.getByText(`共 ${findingsBefore + 1} 个问题`).waitFor();
    await page.getByTestId("export-menu").click();
    const ledgerDownload = page.waitForEvent("download");
    await page.getByText("整改台账（Excel）").click();
    expect((await ledgerDownload).suggestedFilename()).toMatch(/\.xlsx$/);

    await page.getByRole("menuitem", { name: "通报公示" }).click();
    await page.getByRole("button", { name: "新建通报" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("巡察轮次").click();
    await page.getByTitle("青禾县教育局 · 十五届县委第三轮巡察").click();
    await dialog.getByLabel("标题").fill("中共青禾县教育局党组关于巡察整改进展情况的通报");
    await dialog.getByRole("button", { name: buttonName("确定") }).click();
    await page.getByText("编辑通报").waitFor();
    await page.getByLabel("一、组织落实情况").fill("局党组召开专题会议研究部署巡察整改工作，成立整改工作领导小组。");
    await page.getByLabel("三、下一步工作安排").fill("持续抓好未完成事项整改，建立长效机制。");
    await page.getByRole("button", { name: buttonName("保存") }).click();
    await page.getByText("已保存").waitFor();
    await page.getByTestId("notice-check").click();
    await page.getByTestId("notice-check-result").waitFor();
    await saveScreen(page, "16-notice-editor-check", true);
    await page.getByTestId("notice-preview").click();
    await page.frameLocator("iframe[title='通报预览']").getByText("中共青禾县教育局党组关于巡察整改进展情况的通报").first().waitFor();
    await saveScreen(page, "16b-notice-preview");
    await page.keyboard.press("Escape");
    const noticeDownload = page.waitForEvent("download");
    await page.getByTestId("notice-export-docx").click();
    expect((await noticeDownload).suggestedFilename()).toMatch(/\.docx$/);
    await logout(page);
  });

  it("the administrator imports a notice through the wizard", async () => {
    await login(page, baseUrl, ADMIN.username, ADMIN.password);
    await page.getByRole("menuitem", { name: "导入通报与台账" }).click();
    await page.getByLabel("被巡察单位").click();
    await page.getByTitle("青禾县卫生健康局").click();
    await page.locator("input[type=file]").setInputFiles(NOTICE_FIXTURE);
    await page.getByRole("button", { name: "确认导入" }).waitFor();
    await page.getByText(/一致性检查（\d+ 条）/).waitFor();
    await saveScreen(page, "17-import-preview", true);
    await page.getByRole("button", { name: "确认导入" }).click();
    await page.getByText("导入完成").first().waitFor();
    await saveScreen(page, "18-import-done");
    await page.getByRole("button", { name: "打开台账" }).click();
    await page.getByTestId("ledger-table").locator("tr[data-row-key]").first().waitFor();
    await saveScreen(page, "19-imported-ledger");
    await logout(page);
  });

  it("the import preview of a notice without a readable problem list warns and cannot be confirmed", async () => {
    await login(page, baseUrl, ADMIN.username, ADMIN.password);
    await page.getByRole("menuitem", { name: "导入通报与台账" }).click();
    await page.getByLabel("被巡察单位").click();
    await page.getByTitle("青禾县卫生健康局").click();
    await page.locator("input[type=file]").setInputFiles(UNREADABLE_NOTICE_FIXTURE);
    await page.getByTestId("import-structure-warning").getByText("未能从通报中识别出问题清单，不能导入").waitFor();
    await page.getByTestId("import-checks").getByText(/未能从文中识别出逐条列出的问题清单/).waitFor();
    expect(await page.getByRole("button", { name: "确认导入" }).isDisabled()).toBe(true);
    await saveScreen(page, "18b-import-unreadable", true);
    await page.getByRole("button", { name: "重新选择文件" }).click();
    await logout(page);
  });

  it("the administrator filters by checker flag, bulk-assigns measures and imports the exported Excel ledger into a new round", async () => {
    await login(page, baseUrl, ADMIN.username, ADMIN.password);
    await page.getByRole("menuitem", { name: "巡察整改台账" }).click();
    // The administrator sees every unit's rounds; the demo's own is the 教育局's.
    await page.getByRole("row").filter({ hasText: "青禾县教育局" }).getByRole("link", { name: "十五届县委第三轮巡察" }).click();
    const table = page.getByTestId("ledger-table");
    await table.locator("tr[data-row-key]").first().waitFor();
    const total = Number((await page.getByText(/^共 \d+ 个问题$/).innerText()).match(/\d+/)?.[0]);

    // Checker flag filter: only findings with overdue measures, each tagged on its row.
    const flagged = page.waitForResponse((r) => r.url().includes("/api/findings?") && r.url().includes("flag=OVERDUE"));
    await page.getByLabel("按检查标记筛选").click();
    await page.locator(".ant-select-dropdown:visible").getByTitle("有逾期措施").click();
    const overdueCount = ((await (await flagged).json()) as { total: number }).total;
    await page.getByText(`共 ${overdueCount} 个问题`).waitFor();
    expect(overdueCount).toBeGreaterThan(0);
    expect(overdueCount).toBeLessThan(total);
    expect(await table.locator("tr[data-row-key]").count()).toBe(overdueCount);
    expect(await table.getByTestId("finding-flags").filter({ hasText: "有逾期措施" }).count()).toBe(overdueCount);
    await saveScreen(page, "22-ledger-flag-filter");

    // Bulk assign: select every measure of the first overdue finding and move its deadline on.
    const first = table.locator("tr[data-row-key]").first();
    await first.focus();
    await page.keyboard.press("Enter");
    const measureRows = page.getByTestId("measure-rows");
    await measureRows.locator("tr[data-row-key]").first().waitFor();
    // Signed measures cannot be reassigned: their boxes are disabled and "select all" leaves them out.
    const selectedCount = await measureRows.locator("tbody input[type=checkbox]:not([disabled])").count();
    await measureRows.locator("thead input[type=checkbox]").check();
    await page.getByTestId("measure-selection").getByText(`已选 ${selectedCount} 项措施`).waitFor();
    await page.getByRole("button", { name: "批量指派" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("责任部门").click();
    await page.locator(".ant-select-dropdown:visible").getByTitle("办公室").click();
    // 责任人 is a person of the unit: type to search, Enter picks the account.
    await dialog.getByLabel("责任人").fill("钱可心");
    await dialog.getByLabel("责任人").press("Enter");
    await dialog.getByLabel("完成时限").fill("2026-12-31");
    await dialog.getByLabel("完成时限").press("Enter");
    await saveScreen(page, "23-ledger-bulk-assign");
    await dialog.getByRole("button", { name: buttonName("指派") }).click();
    await page.getByText(`已批量指派 ${selectedCount} 项整改措施`).waitFor();
    // The finding's measures are no longer overdue, so the flag filter drops it.
    await page.getByText(`共 ${overdueCount - 1} 个问题`).waitFor();
    await page.getByRole("button", { name: "清除筛选" }).click();
    await page.getByText(`共 ${total} 个问题`).waitFor();
    await saveScreen(page, "24-ledger-after-bulk-assign");

    // Column settings: hide 牵头部门, remembered after a reload.
    await page.getByTestId("column-settings").click();
    await page.getByTestId("column-settings-panel").getByLabel("牵头部门").uncheck();
    await expect.poll(() => table.locator("th", { hasText: "牵头部门" }).count()).toBe(0);
    await page.reload();
    await table.locator("tr[data-row-key]").first().waitFor();
    expect(await table.locator("th", { hasText: "牵头部门" }).count()).toBe(0);
    await page.getByTestId("column-settings").click();
    await page.getByTestId("column-settings-panel").getByRole("button", { name: "恢复默认" }).click();
    await table.locator("th", { hasText: "牵头部门" }).waitFor();
    await page.keyboard.press("Escape");

    // The ledger's own Excel export is the file to import.
    await page.getByTestId("export-menu").click();
    const download = page.waitForEvent("download");
    await page.getByText("整改台账（Excel）").click();
    const workbook = await (await download).path();
    expect(workbook).toBeTruthy();

    // A new, empty round under another unit, whose departments differ.
    await page.getByRole("menuitem", { name: "巡察整改台账" }).click();
    await page.getByRole("button", { name: "新建巡察轮次" }).click();
    const create = page.getByRole("dialog");
    await create.getByLabel("被巡察单位").click();
    await page.locator(".ant-select-dropdown:visible").getByTitle("青禾县卫生健康局").click();
    await create.getByLabel("轮次名称").fill("Excel 台账导入演练");
    await create.getByRole("button", { name: buttonName("确定") }).click();
    await page.getByText("本轮暂无问题").waitFor();
    await page.getByRole("link", { name: "导入 Excel 台账" }).click();
    await page.getByRole("tab", { name: "导入 Excel 整改台账", selected: true }).waitFor();
    await page.getByText("将 Excel 整改台账拖到此处，或点击选择").waitFor();
    await page.locator("input[type=file]").setInputFiles({ name: "整改台账.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: readFileSync(workbook as string) });
    const preview = page.getByTestId("ledger-import-preview");
    await preview.waitFor();
    await page.getByTestId("ledger-import-columns").getByText("整改措施").first().waitFor();
    const planned = Number((await preview.getByText(/^\d+ 个问题，\d+ 项措施$/).innerText()).match(/^\d+/)?.[0]);
    expect(planned).toBe(total);
    await page.getByTestId("ledger-import-departments").getByText("基础教育股（未匹配）").waitFor();
    await page.getByTestId("ledger-import-departments").getByText("办公室 ✓").waitFor();
    await page.getByLabel(/创建缺少的部门/).check();
    await saveScreen(page, "25-ledger-import-preview", true);
    await page.getByRole("button", { name: "确认导入台账" }).click();
    await page.getByText("台账导入完成").first().waitFor();
    await page.getByText(/新建部门：.*基础教育股/).waitFor();
    await saveScreen(page, "26-ledger-import-done");
    await page.getByRole("button", { name: "打开台账" }).click();
    await page.getByText(`共 ${total} 个问题`).waitFor();
    await page.getByLabel("按责任部门筛选").click();
    await page.locator(".ant-select-dropdown:visible").getByTitle("基础教育股").click();
    await table.locator("tr[data-row-key]").first().waitFor();
    await saveScreen(page, "27-ledger-imported-excel");

    // Registers linked to a finding show on its measures' pages (fixture rows written straight to the database).
    const [finding] = await server.db.query<{ id: number; inspectionId: number; orgId: number }>(
      `select f.id, f.inspection_id as "inspectionId", f.org_id as "orgId" from findings f join orgs o on o.id = f.org_id
        where o.name = '青禾县教育局' and f.title like '学前教育普惠资源%' order by f.id limit 1`,
    );
    await server.db.query(`insert into rules (org_id, inspection_id, title, doc_number, finding_ids) values ($1, $2, '青禾县学前教育学位供需动态监测办法', '青教发〔2026〕3号', jsonb_build_array($3::bigint))`, [finding.orgId, finding.inspectionId, finding.id]);
    await server.db.query(`insert into accountabilities (org_id, inspection_id, finding_id, kind, person_name, note) values ($1, $2, $3, 'admonishment', '张某某', '学位规划失职')`, [finding.orgId, finding.inspectionId, finding.id]);
    await server.db.query(`insert into recoveries (org_id, inspection_id, finding_id, kind, amount_fen) values ($1, $2, $3, 'recovered', 12600000)`, [finding.orgId, finding.inspectionId, finding.id]);
    const [measure] = await server.db.query<{ id: number }>("select id from measures where finding_id = $1 order by seq limit 1", [finding.id]);
    await page.goto(`${baseUrl}/measures/${measure.id}`);
    const registers = page.getByTestId("finding-registers");
    await registers.getByText("青禾县学前教育学位供需动态监测办法").waitFor();
    await registers.getByText("诫勉").waitFor();
    await registers.getByText("合计 12.6万元").waitFor();
    await saveScreen(page, "28-measure-linked-registers", true);

    // The round's weekly progress trend.
    await page.goto(`${baseUrl}/dashboard?inspectionId=${finding.inspectionId}`);
    await page.getByRole("img", { name: "整改进度趋势" }).waitFor();
    await saveScreen(page, "29-dashboard-timeline");

    // Public comments on the notice: the administrator accepts one.
    const [notice] = await server.db.query<{ id: number; orgId: number }>(`select id, org_id as "orgId" from notices order by id limit 1`);
    await server.db.query(`insert into public_comments (notice_id, org_id, text, contact) values ($1, $2, '城东幼儿园开园时间能否提前公布？家长很关心。', '138****5678'), ($1, $2, '建议公开课后服务收费明细。', null)`, [notice.id, notice.orgId]);
    await page.goto(`${baseUrl}/notices/${notice.id}`);
    const comments = page.getByTestId("notice-comments");
    await comments.getByText("待审核 2").waitFor();
    await comments.getByRole("listitem").filter({ hasText: "城东幼儿园" }).getByRole("button", { name: buttonName("采纳") }).click();
    await page.getByText("已采纳该意见").waitFor();
    await comments.getByText("待审核 1").waitFor();
    await comments.scrollIntoViewIfNeeded();
    await saveScreen(page, "30-notice-comments");
    await logout(page);
  });

  it("a supervisor (巡察办) sees the roll-up across units with ranking", async () => {
    await login(page, baseUrl, "demo_xcb", passwords.get("demo_xcb") as string);
    await page.getByRole("menuitem", { name: "统计分析" }).click();
    await page.getByText("各单位整改情况排名").waitFor();
    await page.getByRole("img", { name: "各单位完成率排名" }).waitFor();
    await page.getByRole("img", { name: "逾期时长分布" }).waitFor();
    await saveScreen(page, "20-dashboard-supervisor-rollup", true);
    expect(await menuLabels(page)).toEqual(["工作台", "巡察整改台账", "整改成果登记", "统计分析", "督办约谈", "周汇报", "操作日志"]);
    await page.getByRole("table").getByRole("link", { name: "青禾县教育局" }).click();
    await page.getByText("仅看：青禾县教育局").waitFor();
    await page.getByRole("link", { name: "十五届县委第三轮巡察" }).click();
    await page.getByTestId("ledger-table").locator("tr[data-row-key]").first().waitFor();
    expect(await page.getByRole("button", { name: "新增问题" }).count()).toBe(0);
    await saveScreen(page, "21-supervisor-drilldown-ledger");
  });

  it("an expired session sends the user back to login with a message", async () => {
    await server.db.query("delete from sessions");
    authCacheOf(server.db)?.clear(); // the rows went behind the app's back: drop its few-second session cache too
    await page.getByRole("menuitem", { name: "巡察整改台账" }).click();
    await page.getByText("登录已过期，请重新登录").waitFor();
    await saveScreen(page, "15-login-expired");
  });

  it("the public reads a published notice without logging in and sends an opinion", async () => {
    const { session } = await server.services.auth.login(ADMIN.username, ADMIN.password);
    const [round] = await server.db.query<{ id: number }>(
      "select i.id from inspections i join orgs o on o.id = i.org_id where o.name = '青禾县教育局' order by i.id limit 1",
    );
    const draft = await server.services.notices.createNotice(session.actor, round.id, {
      title: "中共青禾县教育局党组关于巡察整改进展情况的通报",
      noticeDate: "2026-06-15",
      publicStart: "2026-06-15",
      publicEnd: "2026-06-21",
      contacts: { phones: ["0000-7654321"], emails: ["zgb@example.org"], postal: [] },
    });
    // The publishing gate: each warning of the check is acknowledged before approval.
    for (const warning of (await server.services.notices.checkNotice(session.actor, draft.id)).warnings.filter((w) => w.needsAcknowledgement)) {
      await server.services.notices.acknowledgeWarning(session.actor, draft.id, { key: warning.key as string });
    }
    const approved = await server.services.notices.transitionNotice(session.actor, draft.id, { to: "approved", version: draft.version });
    await server.services.notices.transitionNotice(session.actor, draft.id, { to: "published", version: approved.version });

    await page.goto(`${baseUrl}/public`);
    await page.getByRole("link", { name: "中共青禾县教育局党组关于巡察整改进展情况的通报" }).click();
    await page.getByText("学前教育普惠资源布局与人口变化不匹配").first().waitFor();
    await page.getByText("联系电话：0000-7654321").last().waitFor();
    await saveScreen(page, "31-public-notice", true);
    await page.getByLabel("意见内容").fill("城东片区幼儿园建设进度请定期公布。");
    await page.getByRole("button", { name: "提交意见" }).click();
    await page.getByText("已收到您的意见").waitFor();
    const comments = await server.services.notices.listComments(session.actor, draft.id);
    expect(comments.map((c) => c.text)).toEqual(["城东片区幼儿园建设进度请定期公布。"]);
    // Drafts stay private: only the published notice is listed.
    const listed = await page.evaluate(async () => (await (await fetch("/api/public/notices")).json()) as { total: number });
    expect(listed.total).toBe(1);
  });
});
