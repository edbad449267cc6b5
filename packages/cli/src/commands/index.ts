import type { Command } from "commander";
import { registerRenderCommand } from "./render.ts";

/** Adds every command to the program; one module per verb. */
export function registerCommands(program: Command): void {
  void program;
  registerRenderCommand(program);
}
