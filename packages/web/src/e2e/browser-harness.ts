// Shared pieces of the real-browser flows: find Chromium, build the app when stale, launch, screenshot.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const repoRoot = path.resolve(webDir, "../..");

/** Directory of the built web app the test server serves. */
export const WEB_DIST = path.join(webDir, "dist");

/** Where screenshots go (git-ignored; CI keeps them as artifacts). */
export const SCREENS_DIR = path.join(repoRoot, "artifacts/screens");

/** Finds a Chromium binary: ZG_CHROMIUM_PATH, then Debian's and common locations; null when none. */
export function findChromium(): string | null {
  const candidates = [process.env.ZG_CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "e2e") newest = Math.max(newest, newestSourceTime(full));
    } else if (!entry.name.endsWith(".test.ts")) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** Builds the web app unless dist/ is newer than every source file (a build takes a few seconds). */
export function ensureWebBuilt(): void {
  const index = path.join(WEB_DIST, "index.html");
  const sources = Math.max(
    newestSourceTime(path.join(webDir, "src")),
    newestSourceTime(path.join(repoRoot, "packages/core/src")),
    statSync(path.join(webDir, "index.html")).mtimeMs,
    statSync(path.join(webDir, "vite.config.ts")).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, [path.join(repoRoot, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
    cwd: webDir,
    stdio: "inherit",
    // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: "production" },
  });
}

/** A launched browser with a fresh profile; `close` removes the profile. */
export interface BrowserHandle {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium headless at 1366×768 (the office screen size) with a throwaway profile. */
export async function launchBrowser(executablePath: string): Promise<BrowserHandle> {
  const profile = mkdtempSync(path.join(os.tmpdir(), "zg-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a viewport screenshot as artifacts/screens/<name>.png. */
export async function saveScreen(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), fullPage });
}

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
