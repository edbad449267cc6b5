import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Command } from "commander";

const COMMANDS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "commands");

/**
 * Adds every command found in `commands/`: each module there may export functions named
 * `register…(program)`, and each is called once, modules in file-name order. There is no list to
 * edit: a new file with a `register…` export is a new command. Every invocation loads all these
 * modules, so they must stay light: heavy dependencies (the server, database drivers, document
 * writers) are imported inside the command's action (`await import(…)`), never at the top.
 */
export async function registerCommands(program: Command, dir: string = COMMANDS_DIR): Promise<void> {
  const files = readdirSync(dir)
    .filter((file) => /\.(ts|js)$/.test(file) && !/\.test\.(ts|js)$|\.d\.ts$/.test(file))
    .sort();
  const modules = await Promise.all(files.map((file) => import(pathToFileURL(path.join(dir, file)).href) as Promise<Record<string, unknown>>));
  for (const mod of modules) {
    for (const [name, value] of Object.entries(mod)) {
      if (/^register[A-Z]/.test(name) && typeof value === "function") (value as (program: Command) => void)(program);
    }
  }
}
