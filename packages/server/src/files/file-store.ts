import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Queryable } from "../db/database.ts";

/**
 * Content-addressed store for evidence files: each file lives at <dir>/<ab>/<sha256>. With a shared
 * database (PostgreSQL, where several app processes may serve the same data) the bytes are also
 * kept in the evidence_files table, and the directory is each process's cache of it: a file
 * uploaded through one process is readable through any other, whatever its ZG_FILES_DIR.
 */
export class FileStore {
  readonly dir: string;
  private readonly shared: Queryable | null;

  /** `shared`: the database holding the bytes for every process (null: the directory alone). */
  constructor(dir: string, shared: Queryable | null = null) {
    this.dir = dir;
    this.shared = shared;
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

  private writeLocal(sha256: string, bytes: Uint8Array): void {
    const target = this.pathOf(sha256);
    if (existsSync(target)) return;
    mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    writeFileSync(temp, bytes);
    renameSync(temp, target);
  }

  /**
   * Stores bytes (idempotent) and returns their hash; written to a temp file and renamed so readers
   * never see half a file, and into the shared table when there is one.
   */
  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = FileStore.hashOf(bytes);
    this.writeLocal(sha256, bytes);
    if (this.shared) {
      await this.shared.query("insert into evidence_files (sha256, bytes, size_bytes) values ($1, $2, $3) on conflict (sha256) do nothing", [
        sha256,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        bytes.byteLength,
      ]);
    }
    return sha256;
  }

  /** True when a file with this hash is stored. */
  async has(sha256: string): Promise<boolean> {
    if (existsSync(this.pathOf(sha256))) return true;
    if (!this.shared) return false;
    return (await this.shared.query("select 1 from evidence_files where sha256 = $1", [sha256])).length > 0;
  }

  /** Reads a stored file (fetching it from the shared table into the local cache when needed) and verifies its hash. */
  async read(sha256: string): Promise<Buffer> {
    const target = this.pathOf(sha256);
    let bytes: Buffer;
    if (existsSync(target) || !this.shared) {
      bytes = readFileSync(target);
    } else {
      const rows = await this.shared.query<{ bytes: Uint8Array }>("select bytes from evidence_files where sha256 = $1", [sha256]);
      if (!rows[0]) throw new Error(`stored file is missing: ${sha256}`);
      bytes = Buffer.from(rows[0].bytes);
    }
    if (FileStore.hashOf(bytes) !== sha256) throw new Error(`stored file is corrupt: ${sha256}`);
    this.writeLocal(sha256, bytes);
    return bytes;
  }
}
