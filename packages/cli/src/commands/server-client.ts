import { AppError, readMaintenanceEndpoint, type Config, type ErrorCode } from "@zhenggai/server";

/**
 * The running server this command should go through, if any: on the embedded database only one
 * process may open the data directory, so while the server runs, maintenance commands ask it
 * (with the token it published in the data directory) instead of opening the database themselves.
 */
export function findRunningServer(config: Config): { url: string; token: string } | null {
  if (config.databaseUrl) return null;
  return readMaintenanceEndpoint(config.dataDir);
}

/** Calls a maintenance route of the running server; a refusal becomes the server's AppError. */
export async function callServer(server: { url: string; token: string }, method: "GET" | "POST", path: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(new URL(path, server.url), { method, headers: { authorization: `Bearer ${server.token}` } });
  } catch (error) {
    throw new AppError("SERVICE_UNAVAILABLE", `无法连接正在运行的服务（${server.url}）：${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: ErrorCode; message?: string } } | null;
    throw new AppError(body?.error?.code ?? "INTERNAL", body?.error?.message ?? `服务返回 ${response.status}`);
  }
  return response;
}
