// Bundle size: builds the web app and sums the gzipped JavaScript each page needs, by walking
// Vite's manifest from index.html through the static imports of the page's own chunks.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { BenchResult } from "../bench.ts";

export const title = "Web bundle (gzipped JavaScript per page)";

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const webDir = path.join(root, "packages/web");
const LOGIN_TARGET_KB = 350;

/** Collects the chunk keys reachable by static imports from the given keys. */
export function staticClosure(manifest: Record<string, ManifestChunk>, keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...keys];
  while (stack.length) {
    const key = stack.pop() as string;
    if (seen.has(key) || !manifest[key]) continue;
    seen.add(key);
    stack.push(...(manifest[key].imports ?? []));
  }
  return seen;
}

function gzippedKb(files: Iterable<string>): number {
  let bytes = 0;
  for (const file of files) bytes += gzipSync(readFileSync(path.join(webDir, "dist", file)), { level: 9 }).byteLength;
  return Math.round((bytes / 1024) * 10) / 10;
}

/** Builds the app and measures the login and ledger pages. */
export async function run(): Promise<BenchResult[]> {
  const started = performance.now();
  execFileSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
    cwd: webDir,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  const buildSeconds = Math.round((performance.now() - started) / 100) / 10;
  const manifest = JSON.parse(readFileSync(path.join(webDir, "dist/.vite/manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const jsOf = (keys: string[]) => [...staticClosure(manifest, keys)].map((k) => manifest[k].file).filter((f) => f.endsWith(".js"));
  const entry = "index.html";
  const login = gzippedKb(jsOf([entry, "src/pages/LoginPage.tsx"]));
  const ledger = gzippedKb(jsOf([entry, "src/components/AppLayout.tsx", "src/pages/LedgerPage.tsx"]));
  const all = gzippedKb(Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith(".js")));
  return [
    { name: "login page JS (gzip)", value: login, unit: "KB", target: `≤ ${LOGIN_TARGET_KB} KB`, isMet: login <= LOGIN_TARGET_KB },
    { name: "ledger page JS (gzip)", value: ledger, unit: "KB" },
    { name: "all JS chunks (gzip)", value: all, unit: "KB" },
    { name: "production build time", value: buildSeconds, unit: "s" },
  ];
}
