import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Content-addressed store for evidence files: each file lives at <dir>/<ab>/<sha256>. */
export class FileStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Returns the sha256 (hex) of some bytes. */
  static hashOf(bytes: Uint8Array): string {
    return createHash("sha256").update(bytes).digest("hex");
  }

  /** Path of a stored file by hash. */
  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`invalid sha256: ${sha256}`);
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** Stores bytes (idempotent) and returns their hash; written to a temp file and renamed so readers never see half a file. */
  put(bytes: Uint8Array): string {
    const sha256 = FileStore.hashOf(bytes);
    const target = this.pathOf(sha256);
    if (!existsSync(target)) {
      mkdirSync(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
      writeFileSync(temp, bytes);
      renameSync(temp, target);
    }
    return sha256;
  }

  /** True when a file with this hash is stored. */
  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Reads a stored file and verifies its hash. */
  read(sha256: string): Buffer {
    const bytes = readFileSync(this.pathOf(sha256));
    if (FileStore.hashOf(bytes) !== sha256) throw new Error(`stored file is corrupt: ${sha256}`);
    return bytes;
  }
}
