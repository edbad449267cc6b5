// Runs CLI commands in-process for tests, capturing stdout, stderr and the exit code.
import { Command } from "commander";
import { vi } from "vitest";

/** What a command printed and the exit code it set. */
export interface CommandRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Registers the given commands on a fresh program and runs `zhenggai ARGS…`. */
export async function runCommand(register: ((program: Command) => void)[], args: string[]): Promise<CommandRun> {
  const program = new Command().exitOverride();
  for (const add of register) add(program);
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  process.exitCode = 0;
  try {
    await program.parseAsync(["node", "zhenggai", ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { stdout, stderr, exitCode: Number(process.exitCode ?? 0) };
}
