// Turns a worker's TypeScript entry into a file Node can start as a worker thread. Worker threads
// do not inherit tsx's or vitest's TypeScript loaders (Node 20), so:
//  - compiled code (an ahead-of-time build emitting `name.worker.js` beside the pool module) is
//    used as it is;
//  - from TypeScript sources (tsx CLI, vitest), the entry is bundled once per process with
//    esbuild into plain ESM under node_modules/.cache, our own packages bundled in and every npm
//    dependency left to Node's resolver.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const built = new Map<string, Promise<string>>();

/** Where bundled workers are written: inside the server package, so Node resolves their dependencies. */
export function workerCacheDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../node_modules/.cache/zhenggai-workers");
}

/** Returns the path of a runnable worker script for an entry module (`.ts` source or compiled `.js`). */
export function resolveWorkerScript(entry: URL): Promise<string> {
  const file = fileURLToPath(entry);
  if (/\.m?js$/.test(file) && existsSync(file)) return Promise.resolve(file);
  const compiled = file.replace(/\.ts$/, ".js");
  if (compiled !== file && existsSync(compiled)) return Promise.resolve(compiled);
  let promise = built.get(file);
  if (!promise) {
    promise = bundleWorker(file);
    built.set(file, promise);
  }
  return promise;
}

interface BuildRecord {
  output: string;
  inputs: Record<string, { size: number; mtimeMs: number }>;
}

function fingerprint(file: string): { size: number; mtimeMs: number } | null {
  try {
    const stat = statSync(file);
    return { size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return null;
  }
}

/** The bundle built earlier from the same source files (same sizes and times), if still there. */
function findEarlierBuild(recordFile: string): string | null {
  try {
    const record = JSON.parse(readFileSync(recordFile, "utf8")) as BuildRecord;
    if (!existsSync(record.output)) return null;
    for (const [input, expected] of Object.entries(record.inputs)) {
      const actual = fingerprint(input);
      if (!actual || actual.size !== expected.size || actual.mtimeMs !== expected.mtimeMs) return null;
    }
    return record.output;
  } catch {
    return null;
  }
}

async function bundleWorker(file: string): Promise<string> {
  const dir = workerCacheDir();
  const recordFile = path.join(dir, `${path.basename(file, ".ts")}-${createHash("sha256").update(file).digest("hex").slice(0, 8)}.json`);
  // Starting a CLI command should not pay for a build when nothing changed since the last one.
  const earlier = findEarlierBuild(recordFile);
  if (earlier) return earlier;
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    metafile: true,
    entryPoints: [file],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "silent",
    plugins: [
      {
        name: "npm-dependencies-external",
        setup(build) {
          // Our workspace packages are TypeScript and are bundled; everything else (npm packages,
          // Node built-ins) is imported at run time as usual.
          build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@zhenggai/") ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  const code = result.outputFiles[0].contents;
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const target = path.join(dir, `${path.basename(file, ".ts")}-${hash}.mjs`);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(target)) writeAtomically(target, code);
  const inputs: BuildRecord["inputs"] = {};
  for (const input of Object.keys(result.metafile?.inputs ?? {})) {
    const absolute = path.resolve(input);
    const print = fingerprint(absolute);
    if (print) inputs[absolute] = print;
  }
  writeAtomically(recordFile, JSON.stringify({ output: target, inputs } satisfies BuildRecord));
  return target;
}

/** Writes aside and renames, so a concurrent process never reads a half-written file. */
function writeAtomically(target: string, content: string | Uint8Array): void {
  const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, target);
}
