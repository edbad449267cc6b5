// How the command line reaches a running server for maintenance (backup, audit verification):
// the server writes its address and a one-time token into the data directory, readable only by the
// account that runs it, and accepts that token as `Authorization: Bearer …` on maintenance routes.
// Whoever can read this file can read the embedded database's files anyway.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const FILE_NAME = "maintenance.json";

/** What the running server publishes to the command line. */
export interface MaintenanceEndpoint {
  pid: number;
  url: string;
  token: string;
}

/** A fresh random token and the sha256 the server keeps of it. */
export function createMaintenanceToken(): { token: string; sha256: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, sha256: hashMaintenanceToken(token) };
}

/** sha256 (hex) of a token. */
export function hashMaintenanceToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Writes the endpoint file (mode 0600); returns a function that removes it. */
export function writeMaintenanceEndpoint(dataDir: string, endpoint: MaintenanceEndpoint): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, FILE_NAME);
  writeFileSync(file, JSON.stringify(endpoint), { mode: 0o600 });
  return () => {
    try {
      const current = JSON.parse(readFileSync(file, "utf8")) as MaintenanceEndpoint;
      if (current.pid === endpoint.pid) rmSync(file, { force: true });
    } catch {
      // Already gone or replaced by another process: nothing to remove.
    }
  };
}

/** Reads the endpoint of a server still running on this data directory; null when there is none. */
export function readMaintenanceEndpoint(dataDir: string): MaintenanceEndpoint | null {
  const file = path.join(dataDir, FILE_NAME);
  if (!existsSync(file)) return null;
  try {
    const endpoint = JSON.parse(readFileSync(file, "utf8")) as MaintenanceEndpoint;
    process.kill(endpoint.pid, 0);
    return endpoint;
  } catch {
    return null;
  }
}
