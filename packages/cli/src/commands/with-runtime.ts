import { loadConfig, openRuntime, type Runtime } from "@zhenggai/server";

/** Runs a command body against the configured database, closing it afterwards. */
export async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig());
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
