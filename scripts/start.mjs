// `npm start`: serves the app on 127.0.0.1 (PORT, default 3000) with the embedded database, or
// PostgreSQL when DATABASE_URL is set. The code was compiled and the web app built by `npm install`
// (scripts/build.mjs): nothing is built here except the server code when its sources changed since
// (esbuild, about a second); a stale web app is only reported. `npm run dev` (--dev) runs the
// server from its TypeScript sources with restarts on change, and the Vite dev server for the web app.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildServerPackages, isServerBuildStale, isWebBuildStale, listWorkspaces } from "./build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const isDev = process.argv.includes("--dev");

if (!isDev) {
  if (isServerBuildStale()) {
    process.stdout.write("服务端源代码有改动，正在重新编译…\n");
    await buildServerPackages();
  }
  for (const ws of listWorkspaces().filter((w) => w.kind === "script" && isWebBuildStale(w))) {
    const missing = !existsSync(path.join(ws.dir, "dist/index.html"));
    process.stdout.write(`${missing ? "前端页面尚未构建" : "前端页面比源代码旧"}（${ws.name}）：请运行 npm run build。\n`);
  }
}

const cli = path.join(root, "packages/cli/bin/zhenggai.js");
const children = [];
if (isDev) {
  const watched = listWorkspaces().filter((w) => w.kind === "esbuild").flatMap((w) => ["--watch-path", path.join(w.dir, "src")]);
  const env = { ...process.env, ZG_FROM_SOURCE: "1" };
  children.push(spawn(process.execPath, [...watched, cli, "serve"], { cwd: root, stdio: "inherit", env }));
  children.push(spawn("npm", ["run", "dev", "-w", "@zhenggai/web"], { cwd: root, stdio: "inherit" }));
} else {
  children.push(spawn(process.execPath, [cli, "serve"], { cwd: root, stdio: "inherit" }));
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}
children[0].on("exit", (code) => {
  for (const child of children.slice(1)) child.kill("SIGTERM");
  process.exit(code ?? 0);
});
