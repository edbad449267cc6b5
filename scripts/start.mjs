// `npm start`: builds the web app when it is missing or older than its sources, then serves
// the app on 127.0.0.1 (PORT, default 3000) with the embedded database, or PostgreSQL when
// DATABASE_URL is set. `npm run dev` (--dev) runs the server with restarts on change and the
// Vite dev server for the web app.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const web = path.join(root, "packages/web");
const isDev = process.argv.includes("--dev");

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function isWebBuildStale() {
  const built = path.join(web, "dist/index.html");
  if (!existsSync(built)) return true;
  const sources = ["src", "index.html", "vite.config.ts", "package.json"].map((p) => newestMtime(path.join(web, p)));
  return Math.max(...sources) > statSync(built).mtimeMs;
}

if (!isDev && existsSync(path.join(web, "index.html")) && isWebBuildStale()) {
  process.stdout.write("正在构建前端页面（首次启动需要约半分钟）…\n");
  const build = spawnSync("npm", ["run", "build", "-w", "@zhenggai/web"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) {
    process.stderr.write("前端构建失败：请查看上方输出。\n");
    process.exit(build.status ?? 1);
  }
}

const cli = path.join(root, "packages/cli/bin/zhenggai.js");
const children = [];
if (isDev) {
  children.push(spawn(process.execPath, ["--watch-path", path.join(root, "packages/server/src"), "--watch-path", path.join(root, "packages/core/src"), cli, "serve"], { cwd: root, stdio: "inherit" }));
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
