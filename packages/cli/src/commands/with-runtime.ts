import type { Runtime } from "@zhenggai/server/runtime";

/** Runs a command body against the configured database, closing it afterwards (the server is loaded here, on first use). */
export async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const { loadConfig, openRuntime } = await import("@zhenggai/server/runtime");
  const runtime = await openRuntime(loadConfig());
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
