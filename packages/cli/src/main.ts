import { Command } from "commander";
import { registerCommands } from "./register-commands.ts";
import { exitWithError } from "./output.ts";

const program = new Command();
program
  .name("zhenggai")
  .description("整改 — 巡察整改台账、流程与通报（zhenggai: inspection rectification ledger）")
  .version("0.1.0", "-v, --version", "显示版本号")
  .helpOption("-h, --help", "显示帮助")
  .addHelpCommand("help [command]", "显示某个命令的帮助")
  .showHelpAfterError();

try {
  await registerCommands(program);
  await program.parseAsync(process.argv);
} catch (error) {
  exitWithError(error);
}
