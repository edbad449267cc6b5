import type { Command } from "commander";

/** Adds every command to the program; one module per verb. */
export function registerCommands(program: Command): void {
  void program;
}
