// The built web app under the server's Content-Security-Policy in real Chromium: the screens a user
// goes through, the API docs and the public pages render with no CSP violation reported.
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, TEST_PASSWORD, type TestContext } from "../../../server/src/test/test-app.ts";
import { ensureWebBuilt, findChromium, launchBrowser, saveScreen, WEB_DIST, type BrowserHandle } from "./browser-harness.ts";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("[web e2e] SKIPPED: no Chromium found (set ZG_CHROMIUM_PATH or apt-get install chromium fonts-noto-cjk)");

describe.skipIf(!chromiumPath)("the web app under the Content-Security-Policy", () => {
  let server: TestContext;
  let browser: BrowserHandle;
  let page: Page;
  let baseUrl = "";
  const violations: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    server = await createTestContext({ webDir: WEB_DIST });
    await server.app.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser(chromiumPath as string);
    page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    // Every violation the browser reports, from the page itself and from the console.
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    page.on("console", (entry) => {
      if (/Content Security Policy|Refused to/i.test(entry.text())) violations.push(entry.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function collect(): Promise<void> {
    const reported = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    violations.push(...reported);
  }

  it("renders the setup, sign-in, ledger, dashboard, API docs and public pages without a CSP violation", async () => {
    const home = await page.goto(baseUrl);
    expect(home?.headers()["content-security-policy"]).toContain("script-src 'self'");
    expect(home?.headers()["x-frame-options"]).toBe("DENY");
    await page.getByRole("heading", { name: "系统初始化" }).waitFor();
    await collect();

    // Signed in through the real form; demo data loaded through the API to keep this test short.
    const orgs = server.services;
    const office = (await server.db.query<{ id: number }>("insert into orgs (kind, name) values ('office', '安全策略测试巡察办') returning id"))[0].id;
    await orgs.users.createUser(null, { username: "csp_admin", displayName: "管理员", password: TEST_PASSWORD, grants: [{ orgId: office, role: "admin" }] });
    const demo = await orgs.demo.loadDemo(null);
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("用户名").fill("csp_admin");
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "工作台" }).waitFor();
    await collect();

    await page.goto(`${baseUrl}/inspections/${demo.inspectionId}`);
    await page.getByTestId("ledger-table").locator("tr[data-row-key]").first().waitFor();
    await collect();
    await page.goto(`${baseUrl}/dashboard`);
    await page.locator("canvas").first().waitFor();
    await saveScreen(page, "csp-dashboard");
    await collect();

    await page.goto(`${baseUrl}/api/docs`);
    await page.locator(".swagger-ui").first().waitFor();
    await page.getByText("zhenggai 整改 API").first().waitFor();
    await collect();

    await page.goto(`${baseUrl}/public`);
    await page.waitForLoadState("networkidle");
    await collect();
    expect(violations).toEqual([]);
  });
});
