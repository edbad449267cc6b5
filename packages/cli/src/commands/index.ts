import type { Command } from "commander";
import { registerParseCommand } from "./parse.ts";
import { registerCheckCommand } from "./check.ts";
import { registerRenderCommand } from "./render.ts";

/** Adds every command to the program; one module per verb. */
export function registerCommands(program: Command): void {
  void program;
  registerParseCommand(program);
  registerCheckCommand(program);
  registerRenderCommand(program);
}
