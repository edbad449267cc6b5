// `npm run build` (also run by `npm install` through `prepare`): compiles every workspace package
// ahead of time so nothing is transpiled at run time.
//
// - A package with a `src/` folder and no `build` script of its own (core, server, cli, and any
//   package added later) is compiled file by file with esbuild into `dist/`, mirroring `src/`:
//   every `.ts` file except tests becomes a `.js` file at the same relative place, and every other
//   file (SQL migrations, …) is copied, so paths computed from `import.meta.url` stay valid.
//   Relative `.ts` specifiers become `.js`; `@zhenggai/<pkg>[/<subpath>]` becomes a relative path
//   to that package's compiled file (found through its package.json `exports`), so the sources,
//   tsx, Vitest, Vite and tsc keep resolving the TypeScript sources unchanged.
// - A package with its own `build` script (the web app, built by Vite) is built with it.
//
// Nothing here lists files or commands: new files are picked up because whole folders are compiled.
// The CLI's launcher (packages/cli/bin/zhenggai.js) runs dist/ when `dist/build-stamp.json` is
// newer than every source file it names, and the sources through tsx otherwise.
//
// - Last, an initialised and migrated embedded database (schema only) is saved under
//   node_modules/.cache so a new data directory starts as a copy of it instead of running initdb and
//   every migration (see packages/server/src/db/pglite-template.ts).
//
// Usage: node scripts/build.mjs [--if-stale] [--no-web] [--no-template]
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The stamp the CLI launcher reads; written last, after every package's dist/ is in place. */
export const STAMP_NAME = "build-stamp.json";

/** True for files the compiled app needs: everything under src/ except tests and their fixtures. */
function isRuntimeFile(relativePath) {
  const parts = relativePath.split(path.sep);
  if (parts.some((part) => part === "test" || part === "e2e" || part === "fixtures")) return false;
  return !/\.test\.tsx?$/.test(relativePath) && !relativePath.endsWith(".d.ts");
}

function listFiles(dir, base = dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, base));
    else if (isRuntimeFile(path.relative(base, full))) out.push(full);
  }
  return out;
}

/** Workspace packages from the root package.json, with what the build does for each. */
export function listWorkspaces() {
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  return manifest.workspaces.map((relative) => {
    const dir = path.join(root, relative);
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    const hasOwnBuild = Boolean(pkg.scripts?.build);
    return { dir, name: pkg.name, pkg, kind: hasOwnBuild ? "script" : existsSync(path.join(dir, "src")) ? "esbuild" : "none" };
  });
}

/** Maps `@zhenggai/server/errors` to the compiled file of that export (dist/errors.js). */
function compiledExportOf(workspaces, specifier) {
  for (const ws of workspaces) {
    if (ws.kind !== "esbuild" || (specifier !== ws.name && !specifier.startsWith(`${ws.name}/`))) continue;
    const subpath = specifier === ws.name ? "." : `./${specifier.slice(ws.name.length + 1)}`;
    const exportsMap = typeof ws.pkg.exports === "string" ? { ".": ws.pkg.exports } : (ws.pkg.exports ?? {});
    const target = exportsMap[subpath];
    if (typeof target !== "string" || !target.startsWith("./src/")) {
      throw new Error(`${specifier}: ${ws.name} has no "${subpath}" export pointing into src/ (package.json "exports")`);
    }
    return path.join(ws.dir, "dist", target.slice("./src/".length).replace(/\.ts$/, ".js"));
  }
  return null;
}

function resolvePlugin(workspaces, outputOf) {
  return {
    name: "zhenggai-per-file",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        if (args.path.startsWith(".")) return { path: args.path.replace(/\.ts$/, ".js"), external: true };
        const target = compiledExportOf(workspaces, args.path);
        if (target) {
          let relative = path.relative(path.dirname(outputOf(args.importer)), target).split(path.sep).join("/");
          if (!relative.startsWith(".")) relative = `./${relative}`;
          return { path: relative, external: true };
        }
        return { path: args.path, external: true };
      });
    },
  };
}

/** Newest modification time (ms) of a source tree, directories included (a deleted file changes its folder). */
export function newestSourceTime(dir) {
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(full));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** True when some compiled package is missing or older than its sources (or package.json). */
export function isServerBuildStale() {
  for (const ws of listWorkspaces()) {
    if (ws.kind !== "esbuild") continue;
    const stamp = path.join(ws.dir, "dist", STAMP_NAME);
    if (!existsSync(stamp)) return true;
    const builtAt = JSON.parse(readFileSync(stamp, "utf8")).builtAt;
    if (newestSourceTime(path.join(ws.dir, "src")) > builtAt || statSync(path.join(ws.dir, "package.json")).mtimeMs > builtAt) return true;
  }
  return false;
}

/** True when the web app's dist/ is missing or older than its sources. */
export function isWebBuildStale(ws) {
  const built = path.join(ws.dir, "dist/index.html");
  if (!existsSync(built)) return true;
  const inputs = readdirSync(ws.dir).filter((name) => name !== "dist" && name !== "node_modules");
  const newest = Math.max(...inputs.map((name) => newestSourceTime(path.join(ws.dir, name))));
  return newest > statSync(built).mtimeMs;
}

/**
 * Compiles every esbuild package into a temporary folder, then swaps it in as dist/ (so a CLI
 * started meanwhile sees the old build or the new one, never half of one).
 */
export async function buildServerPackages() {
  const { build } = await import("esbuild");
  const builtAt = Date.now();
  const workspaces = listWorkspaces();
  const targets = workspaces.filter((ws) => ws.kind === "esbuild");
  const temp = (ws) => path.join(ws.dir, `.dist-tmp-${process.pid}`);
  for (const ws of targets) {
    const src = path.join(ws.dir, "src");
    const out = temp(ws);
    rmSync(out, { recursive: true, force: true });
    const files = listFiles(src);
    const entryPoints = files.filter((file) => file.endsWith(".ts"));
    const outputOf = (file) => {
      const owner = workspaces.find((w) => file.startsWith(path.join(w.dir, "src") + path.sep)) ?? ws;
      return path.join(owner.dir, "dist", path.relative(path.join(owner.dir, "src"), file)).replace(/\.ts$/, ".js");
    };
    await build({
      entryPoints,
      outbase: src,
      outdir: out,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      charset: "utf8",
      logLevel: "warning",
      plugins: [resolvePlugin(workspaces, outputOf)],
    });
    for (const file of files.filter((f) => !f.endsWith(".ts"))) {
      const destination = path.join(out, path.relative(src, file));
      mkdirSync(path.dirname(destination), { recursive: true });
      copyFileSync(file, destination);
    }
    writeFileSync(path.join(out, STAMP_NAME), `${JSON.stringify({ builtAt, sources: [path.relative(root, src)] }, null, 2)}\n`);
  }
  // The CLI's stamp names every compiled source tree, so its launcher can tell a stale build.
  const cli = targets.find((ws) => ws.pkg.bin);
  if (cli) {
    const sources = targets.map((ws) => path.relative(root, path.join(ws.dir, "src")));
    writeFileSync(path.join(temp(cli), STAMP_NAME), `${JSON.stringify({ builtAt, sources }, null, 2)}\n`);
  }
  for (const ws of [...targets.filter((t) => t !== cli), ...(cli ? [cli] : [])]) {
    const dist = path.join(ws.dir, "dist");
    const old = path.join(ws.dir, `.dist-old-${process.pid}`);
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(temp(ws), dist);
    rmSync(old, { recursive: true, force: true });
  }
  return targets.map((ws) => ws.name);
}

/** Runs the `build` script of packages that have one (the web app). */
export function buildScriptPackages({ onlyStale = false } = {}) {
  const built = [];
  for (const ws of listWorkspaces()) {
    if (ws.kind !== "script" || (onlyStale && !isWebBuildStale(ws))) continue;
    const result = spawnSync("npm", ["run", "build", "-w", ws.name], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
    if (result.status !== 0) throw new Error(`${ws.name}: build failed (exit ${result.status})`);
    built.push(ws.name);
  }
  return built;
}

/** Saves the migrated, empty embedded database new data directories start from, when missing or stale. */
async function buildPgliteTemplate() {
  const server = listWorkspaces().find((ws) => ws.name === "@zhenggai/server");
  if (!server) return [];
  const { isPgliteTemplateStale, writePgliteTemplate } = await import(pathToFileURL(path.join(server.dir, "dist/db/pglite-template.js")).href);
  if (!(await isPgliteTemplateStale())) return [];
  await writePgliteTemplate();
  return ["the embedded database template"];
}

/** Rebuilds the compiled packages when their sources changed (Vitest's global setup uses this). */
export async function ensureFreshBuild() {
  if (isServerBuildStale()) await buildServerPackages();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = new Set(process.argv.slice(2));
  const onlyStale = args.has("--if-stale");
  const started = performance.now();
  const compiled = !onlyStale || isServerBuildStale() ? await buildServerPackages() : [];
  const scripted = args.has("--no-web") ? [] : buildScriptPackages({ onlyStale });
  const template = args.has("--no-template") ? [] : await buildPgliteTemplate();
  const done = [...compiled, ...scripted, ...template];
  process.stdout.write(done.length ? `built ${done.join(", ")} in ${((performance.now() - started) / 1000).toFixed(1)} s\n` : "build is up to date\n");
}
