import type { Command } from "commander";
import { registerAuditCommands } from "./audit.ts";
import { registerBackupCommands } from "./backup.ts";
import { registerDemoCommand } from "./demo.ts";
import { registerMigrateCommand } from "./migrate.ts";
import { registerServeCommand } from "./serve.ts";
import { registerUserCommand } from "./user.ts";
import { registerParseCommand } from "./parse.ts";
import { registerCheckCommand } from "./check.ts";
import { registerRenderCommand } from "./render.ts";
import { registerImportCommands } from "./import.ts";
import { registerExportCommand } from "./export.ts";

/** Adds every command to the program; one module per verb. */
export function registerCommands(program: Command): void {
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerUserCommand(program);
  registerDemoCommand(program);
  registerBackupCommands(program);
  registerAuditCommands(program);
  registerParseCommand(program);
  registerCheckCommand(program);
  registerRenderCommand(program);
  registerImportCommands(program);
  registerExportCommand(program);
}
