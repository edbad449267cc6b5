import type { Database } from "../db/database.ts";
import type { SearchHit } from "@zhenggai/core";
import { searchLedger } from "../repositories/search.repository.ts";
import { AccessScope, type Actor } from "./access.ts";
import { ensure } from "./validation.ts";

/** The search box: findings, measures and registers the actor can see. */
export class SearchService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Searches findings, measures and register rows containing the text (at most `limit` of each kind). */
  async search(actor: Actor, text: string, limit = 20): Promise<{ query: string; items: SearchHit[] }> {
    const query = text.trim();
    ensure(query.length >= 1, "请输入要搜索的内容");
    ensure(query.length <= 100, "搜索内容不能超过 100 个字");
    const scope = await AccessScope.load(this.db, actor);
    return { query, items: await searchLedger(this.db, scope.visibleOrgIds(), query, limit) };
  }
}
