// Real-browser flows of issue 8, part B: a 责任人 works a measure on a 390×844 phone and submits it;
// the sign-off goes to the right people (the department head, then the named 责任领导 — a second
// leader sees nothing); an administrator resets a password that must then be changed; the audit
// log, search and print views. Screenshots land in artifacts/screens/ (docs/screens.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { findChromium, saveScreen } from "./browser-harness.ts";
import {
  buttonName,
  countMySignoffs,
  drawPhoto,
  loadDemo,
  login,
  logout,
  menuLabels,
  openMyMeasure,
  PHONE,
  replaceTemporaryPassword,
  reportProgress,
  resetPasswordAsAdmin,
  signFirstPending,
  signInWithTemporaryPassword,
  startBrowserRound,
  submitClosure,
  uploadPhoto,
  type BrowserRound,
} from "./steps.ts";

const chromiumPath = findChromium();
if (!chromiumPath) {
  console.warn("[web e2e] SKIPPED: no Chromium found (set ZG_CHROMIUM_PATH or apt-get install chromium fonts-noto-cjk)");
}

const DESK = { width: 1366, height: 768 } as const;
const ADMIN = { username: "admin", password: "Passw0rd-admin" };
// 林晓岚's measure: a 长期坚持 item of 基础教育股, 责任领导 周明远, head of department 沈一帆.
const MEASURE = "整合生源不足的乡镇园所";

describe.skipIf(!chromiumPath)("people and phone flows in Chromium", () => {
  let round: BrowserRound;
  let page: Page;
  let passwords = new Map<string, string>();
  let inspectionId = 0;
  let measureId = 0;

  const pendingOf = async (username: string): Promise<number> => {
    const { session } = await round.server.services.auth.login(username, passwords.get(username) as string);
    return (await round.server.services.closures.listPending(session.actor)).length;
  };

  beforeAll(async () => {
    round = await startBrowserRound(chromiumPath as string, { isMobile: true });
    const demo = await loadDemo(round);
    passwords = demo.passwords;
    inspectionId = demo.inspectionId;
    const [root] = await round.server.db.query<{ id: number }>("select id from orgs where parent_id is null order by id limit 1");
    await round.server.services.users.createUser(null, { username: ADMIN.username, displayName: "系统管理员", password: ADMIN.password, grants: [{ orgId: root.id, role: "admin" }] });
    page = await round.newPage(PHONE);
  });

  afterAll(async () => {
    if (round?.errors.length) console.warn(`[web e2e] browser errors:\n${round.errors.join("\n")}`);
    await round?.close();
  });

  it("a 责任人 on a phone sees their items, reports progress, takes a photo as evidence and submits", async () => {
    await login(page, round.baseUrl, "demo_jcjy", passwords.get("demo_jcjy") as string);
    // Menus collapse behind ☰; the list of my measures is cards, not a table.
    expect(await page.getByRole("menu", { name: "主菜单" }).isVisible()).toBe(false);
    await page.getByTestId("todo-measures").locator("[data-row-key]").first().waitFor();
    expect(await page.getByTestId("todo-measures").locator("table").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await saveScreen(page, "40-phone-home-department");
    await page.getByRole("button", { name: "打开菜单" }).click();
    await page.getByRole("menu", { name: "主菜单" }).waitFor();
    await saveScreen(page, "41-phone-menu-open");
    await page.keyboard.press("Escape");
    expect(await menuLabels(page)).toEqual(["工作台", "巡察整改台账", "统计分析"]);

    await openMyMeasure(page, MEASURE);
    measureId = Number(new URL(page.url()).pathname.split("/").pop());
    await reportProgress(page, "第三所村级教学点已完成整合，园所布局动态调整办法已印发。");
    const photo = await drawPhoto(page, "教学点整合后现场");
    await uploadPhoto(page, { name: "教学点整合现场照片.png", mimeType: "image/png", buffer: photo });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await saveScreen(page, "42-phone-measure-evidence", true);
    await submitClosure(page);
    const chain = page.getByTestId("closure-chain").first();
    await chain.getByText("待 沈一帆 签字").waitFor();
    await chain.getByText("责任领导签字确认 · 周明远").waitFor();
    await saveScreen(page, "43-phone-measure-submitted", true);
    const [stored] = await round.server.db.query<{ bytes: number; mime: string }>("select size_bytes as bytes, mime_type as mime from evidence where measure_id = $1 and file_name = '教学点整合现场照片.png'", [measureId]);
    expect({ bytes: Number(stored.bytes), mime: stored.mime }).toEqual({ bytes: photo.byteLength, mime: "image/png" });
    await logout(page);
  });

  it("the department head, then the named 责任领导 sign on their phones; a second leader sees nothing to sign", async () => {
    // Step 1 is the head of 基础教育股's alone: neither leader has anything yet.
    expect(await pendingOf("demo_leader")).toBe(0);
    await login(page, round.baseUrl, "demo_jcjy_head", passwords.get("demo_jcjy_head") as string);
    expect(await countMySignoffs(page)).toBe(1);
    await signFirstPending(page, "情况属实，佐证齐全，同意。");
    await saveScreen(page, "44-phone-head-signed", true);
    await logout(page);

    // Step 2 belongs to 周明远: 孙慧敏, also a leader of the unit, sees nothing and cannot sign it.
    await login(page, round.baseUrl, "demo_leader2", passwords.get("demo_leader2") as string);
    expect(await countMySignoffs(page)).toBe(0);
    await page.getByText("没有等待您签字的销号申请").waitFor();
    await saveScreen(page, "45-phone-second-leader-nothing");
    await page.goto(`${round.baseUrl}/measures/${measureId}`);
    await page.getByTestId("measure-text").waitFor();
    await page.getByTestId("closure-chain").first().getByText("待 周明远 签字").waitFor();
    expect(await page.getByTestId("approve-closure").count()).toBe(0);
    await logout(page);

    await login(page, round.baseUrl, "demo_leader", passwords.get("demo_leader") as string);
    expect(await countMySignoffs(page)).toBe(1);
    await saveScreen(page, "46-phone-leader-pending");
    await signFirstPending(page, "同意销号，长期坚持。");
    await page.getByTestId("closure-chain").first().getByText(/周明远 已签字确认 .*审核意见：同意销号，长期坚持。/).waitFor();
    await saveScreen(page, "47-phone-leader-signed", true);
    await logout(page);
    expect(await pendingOf("demo_leader2")).toBe(0);

    // The 整改办 closes it at the office.
    await page.setViewportSize(DESK);
    await login(page, round.baseUrl, "demo_zgb", passwords.get("demo_zgb") as string);
    await signFirstPending(page, "对账无误，予以销号。");
    await page.getByText("已销号").first().waitFor();
    await page.getByTestId("closure-chain").first().getByText(/钱可心 已签字确认/).waitFor();
    await saveScreen(page, "48-measure-closed-by-people", true);
    const history = page.locator(".ant-card").filter({ hasText: "变更记录" });
    await history.getByText("审核意见：情况属实，佐证齐全，同意。").waitFor();
    await logout(page);

    // Going away, 周明远 lets 孙慧敏 sign for him (代签): explicit, dated, listed.
    await page.setViewportSize(PHONE);
    await login(page, round.baseUrl, "demo_leader", passwords.get("demo_leader") as string);
    await page.getByTestId("user-menu").click();
    await page.getByText("代签授权").click();
    const dialog = page.getByRole("dialog", { name: "代签授权" });
    await dialog.getByLabel("代签人").click();
    await page.locator(".ant-select-dropdown:visible").getByTitle(/^孙慧敏/).click();
    await dialog.getByLabel("事由").fill("外出学习期间");
    await dialog.getByRole("button", { name: "授权代签" }).click();
    await page.getByText("已授权代签").waitFor();
    await dialog.getByTestId("delegation-list").getByText("孙慧敏 代 周明远 签字").waitFor();
    await dialog.getByTestId("delegation-list").getByText("生效中").waitFor();
    await saveScreen(page, "56-phone-delegation");
    await page.keyboard.press("Escape");
    const delegations = await round.server.db.query<{ reason: string; revokedAt: string | null }>(`select reason, revoked_at as "revokedAt" from delegations`);
    expect(delegations).toEqual([{ reason: "外出学习期间", revokedAt: null }]);
    await logout(page);
  });

  it("an administrator resets a forgotten password; the user must change it before anything else", async () => {
    await page.setViewportSize(DESK);
    await login(page, round.baseUrl, ADMIN.username, ADMIN.password);
    const temporary = await resetPasswordAsAdmin(page, round.baseUrl, "demo_leader2");
    expect(temporary).toMatch(/^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]{12}$/);
    await saveScreen(page, "49-admin-reset-password");
    await page.getByRole("button", { name: "我已告知对方" }).click();
    await page.getByTestId("user-table").locator("[data-row-key]").filter({ hasText: "demo_leader2" }).getByText("须修改密码").waitFor();
    await logout(page);

    // The old password no longer works; the temporary one leads only to the password change.
    await page.setViewportSize(PHONE);
    await page.getByLabel("用户名").fill("demo_leader2");
    await page.getByLabel("密码").fill(passwords.get("demo_leader2") as string);
    await page.getByRole("button", { name: buttonName("登录") }).click();
    await page.getByText("用户名或密码错误").waitFor();
    await signInWithTemporaryPassword(page, round.baseUrl, "demo_leader2", temporary);
    await saveScreen(page, "50-phone-forced-password-change");
    const blocked = await page.evaluate(async () => (await fetch("/api/measures")).status);
    expect(blocked).toBe(403);
    await page.goto(`${round.baseUrl}/inspections`);
    await page.getByTestId("forced-password-change").waitFor();
    await replaceTemporaryPassword(page, temporary, "Sunhm2026new");
    expect(await page.evaluate(async () => (await fetch("/api/measures")).status)).toBe(200);
    await logout(page);
  });

  it("administrators read the audit log, search across the ledger and print a measure and the ledger", async () => {
    await page.setViewportSize(DESK);
    await login(page, round.baseUrl, ADMIN.username, ADMIN.password);
    expect(await menuLabels(page)).toEqual(["工作台", "巡察整改台账", "整改成果登记", "统计分析", "导入通报与台账", "通报公示", "操作日志", "系统管理"]);
    await page.getByRole("menuitem", { name: "操作日志" }).click();
    await page.getByLabel("按操作筛选").click();
    await page.locator(".ant-select-dropdown:visible").getByTitle("签字确认").click();
    const table = page.getByTestId("audit-table");
    await table.getByText("沈一帆（demo_jcjy_head）").first().waitFor();
    await table.getByText("情况属实，佐证齐全，同意。").first().waitFor();
    await saveScreen(page, "51-audit-log-filtered");

    await page.getByLabel("全局搜索").fill("消防通道");
    await page.getByLabel("全局搜索").press("Enter");
    const results = page.getByTestId("search-results");
    await results.getByText("整改措施（1）").waitFor();
    await results.getByRole("link", { name: /立行立改清理全部学校消防通道/ }).waitFor();
    await saveScreen(page, "52-search-results");

    await page.goto(`${round.baseUrl}/measures/${measureId}`);
    await page.getByTestId("measure-text").waitFor();
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("menu", { name: "主菜单" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "打印" }).isVisible()).toBe(false);
    await saveScreen(page, "53-print-measure", true);
    await page.goto(`${round.baseUrl}/inspections/${inspectionId}/print`);
    await page.getByTestId("print-ledger-table").waitFor();
    expect(await page.getByTestId("print-ledger-table").locator("tbody tr").count()).toBeGreaterThan(15);
    await saveScreen(page, "54-print-ledger", true);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const [finding] = await round.server.db.query<{ id: number; number: string }>("select f.id, f.number from findings f join measures m on m.finding_id = f.id where m.id = $1", [measureId]);
    await page.goto(`${round.baseUrl}/inspections/${inspectionId}/print?findingId=${finding.id}`);
    await page.getByRole("heading", { name: `反馈问题整改情况（问题 ${finding.number}）` }).waitFor();
    expect(await page.getByTestId("print-ledger-table").locator("tbody tr").count()).toBe(3);
    await saveScreen(page, "55-print-finding", true);
    await page.emulateMedia({ media: "screen" });
    await logout(page);
  });
});
