import type { SearchHit, SearchHitKind } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { camelizeRow, containsPattern } from "./sql.ts";

// Each register: its table, the text columns searched, the title and detail shown, its finding link.
const REGISTERS: { kind: SearchHitKind; table: string; searched: string[]; title: string; detail: string; finding: string }[] = [
  { kind: "rule", table: "rules", searched: ["title", "doc_number"], title: "t.title", detail: "t.doc_number", finding: "(t.finding_ids ->> 0)::bigint" },
  { kind: "accountability", table: "accountabilities", searched: ["person_name", "note"], title: "coalesce(t.person_name, '（未公开姓名）')", detail: "t.note", finding: "t.finding_id" },
  { kind: "recovery", table: "recoveries", searched: ["note"], title: "coalesce(t.note, '清退追缴')", detail: "(t.amount_fen / 100.0)::text || ' 元'", finding: "t.finding_id" },
  { kind: "petition", table: "petitions", searched: ["subject", "note"], title: "t.subject", detail: "t.note", finding: "null::bigint" },
  { kind: "lead", table: "leads", searched: ["subject", "note"], title: "t.subject", detail: "t.note", finding: "null::bigint" },
  { kind: "directive", table: "directives", searched: ["text", "reply_text"], title: "t.text", detail: "t.reply_text", finding: "t.finding_id" },
];

/**
 * Finds findings, measures and register rows containing `text`, within the visible orgs (a
 * department sees its own measures and their findings; registers belong to units), newest rounds
 * first, at most `limit` of each kind.
 */
export async function searchLedger(q: Queryable, visibleOrgIds: number[], text: string, limit: number): Promise<SearchHit[]> {
  const pattern = containsPattern(text);
  const findings = await q.query(
    `select 'finding' as kind, f.id, f.title, f.category as detail, f.inspection_id, i.name as inspection_name, o.name as org_name, f.id as finding_id
       from findings f join inspections i on i.id = f.inspection_id join orgs o on o.id = f.org_id
      where (f.org_id = any($1::bigint[]) or exists (select 1 from measures m where m.finding_id = f.id and m.department_id = any($1::bigint[])))
        and (f.title ilike $2 or f.number ilike $2 or f.category ilike $2 or f.plan_text ilike $2 or f.progress_text ilike $2 or f.sub_points::text ilike $2)
      order by f.inspection_id desc, f.seq limit $3`,
    [visibleOrgIds, pattern, limit],
  );
  const measures = await q.query(
    `select 'measure' as kind, m.id, m.text as title, f.title as detail, f.inspection_id, i.name as inspection_name, o.name as org_name, f.id as finding_id
       from measures m join findings f on f.id = m.finding_id join inspections i on i.id = f.inspection_id join orgs o on o.id = m.org_id
      where (m.org_id = any($1::bigint[]) or m.department_id = any($1::bigint[]))
        and (m.text ilike $2 or m.leader_name ilike $2 or m.owner_name ilike $2 or m.note ilike $2)
      order by f.inspection_id desc, f.seq, m.seq limit $3`,
    [visibleOrgIds, pattern, limit],
  );
  const registers = [];
  for (const register of REGISTERS) {
    registers.push(
      ...(await q.query(
        `select '${register.kind}' as kind, t.id, ${register.title} as title, ${register.detail} as detail, t.inspection_id,
                i.name as inspection_name, o.name as org_name, ${register.finding} as finding_id
           from ${register.table} t join orgs o on o.id = t.org_id left join inspections i on i.id = t.inspection_id
          where t.org_id = any($1::bigint[]) and (${register.searched.map((c) => `t.${c} ilike $2`).join(" or ")})
          order by t.id desc limit $3`,
        [visibleOrgIds, pattern, limit],
      )),
    );
  }
  return [...findings, ...measures, ...registers].map((row) => {
    const hit = camelizeRow<SearchHit>(row);
    return { ...hit, id: Number(hit.id), inspectionId: hit.inspectionId === null ? null : Number(hit.inspectionId), findingId: hit.findingId === null ? null : Number(hit.findingId) };
  });
}
