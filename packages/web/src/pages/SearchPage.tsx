import { Card, Empty, Tag, Typography } from "antd";
import { Link, useSearchParams } from "react-router";
import { withQuery } from "../api/client.ts";
import type { SearchHit } from "../api/types.ts";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { ItemList } from "../components/ItemList.tsx";
import { PageSpin } from "../components/PageSpin.tsx";
import { useApi } from "../hooks/useApi.ts";

const KIND_LABELS: Record<SearchHit["kind"], string> = {
  finding: "问题",
  measure: "整改措施",
  rule: "建章立制",
  accountability: "问责",
  recovery: "清退追缴",
  petition: "信访件",
  lead: "问题线索",
  directive: "督办",
};

/** Where a hit opens: a measure its page, a finding or register row its round's ledger (searching the finding). */
function linkOf(hit: SearchHit): string | null {
  if (hit.kind === "measure") return `/measures/${hit.id}`;
  if (hit.inspectionId === null) return null;
  if (hit.kind === "finding") return withQuery(`/inspections/${hit.inspectionId}`, { q: hit.title.slice(0, 30) });
  // TODO(issue 8 merge): link register rows to the register screens once part A's routes are in main.
  return `/inspections/${hit.inspectionId}`;
}

/** Results of the header search box, grouped by kind. */
export function SearchPage() {
  const [params] = useSearchParams();
  const query = params.get("q")?.trim() ?? "";
  const result = useApi<{ query: string; items: SearchHit[] }>(query ? withQuery("/api/search", { q: query }) : null);
  if (!query) return <Empty description="在页面上方的搜索框输入要查找的内容" />;
  if (result.error) return <ErrorResult error={result.error} onRetry={result.reload} />;
  if (!result.data) return <PageSpin />;
  const groups = (Object.keys(KIND_LABELS) as SearchHit["kind"][]).map((kind) => ({ kind, hits: result.data?.items.filter((h) => h.kind === kind) ?? [] })).filter((g) => g.hits.length > 0);
  return (
    <div data-testid="search-results">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        “{query}”的搜索结果（{result.data.items.length}）
      </Typography.Title>
      {groups.length === 0 && <Empty description="没有找到相关的问题、措施或登记" />}
      {groups.map((group) => (
        <Card key={group.kind} size="small" title={`${KIND_LABELS[group.kind]}（${group.hits.length}）`} style={{ marginBottom: 12 }}>
          <ItemList
            rows={group.hits.map((hit) => {
              const link = linkOf(hit);
              return {
                key: `${hit.kind}-${hit.id}`,
                title: link ? <Link to={link}>{hit.title}</Link> : hit.title,
                description: [hit.detail, hit.inspectionName, hit.orgName].filter(Boolean).join(" · "),
                actions: <Tag>{KIND_LABELS[hit.kind]}</Tag>,
              };
            })}
          />
        </Card>
      ))}
    </div>
  );
}
