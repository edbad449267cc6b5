#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm install` / `npm run build`) when it is newer than every
// source file, otherwise the TypeScript sources through tsx, so a stale build never runs.
// ZG_FROM_SOURCE=1 forces the sources (`npm run dev` uses it).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const rootUrl = new URL("../../../", import.meta.url);

function hasNewerFile(dir, builtAt) {
  if (statSync(dir).mtimeMs > builtAt) return true;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    if (entry.isDirectory() ? hasNewerFile(full, builtAt) : !/\.test\.tsx?$/.test(entry.name) && statSync(full).mtimeMs > builtAt) return true;
  }
  return false;
}

function isBuildFresh() {
  if (process.env.ZG_FROM_SOURCE === "1") return false;
  try {
    const stamp = JSON.parse(readFileSync(new URL("../dist/build-stamp.json", import.meta.url), "utf8"));
    return !stamp.sources.some((source) => hasNewerFile(fileURLToPath(new URL(source, rootUrl)), stamp.builtAt));
  } catch {
    return false;
  }
}

if (isBuildFresh()) {
  await import("../dist/main.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
}
