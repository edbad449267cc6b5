import type { ReactNode } from "react";
import { Card, Empty, Spin, Tag, Typography } from "antd";
import { formatYuanFromFen, labelAccountabilityKind, labelRecoveryKind } from "@zhenggai/core";
import { withQuery } from "../api/client.ts";
import type { AccountabilityRow, Page, RecoveryRow, RuleRow } from "../api/types.ts";
import { useApi } from "../hooks/useApi.ts";
import { ErrorResult } from "./ErrorResult.tsx";
import { ItemList } from "./ItemList.tsx";

function Section<T>(props: { title: string; summary?: string; state: { data: Page<T> | null; error: unknown; reload(): void }; render(items: T[]): ReactNode }) {
  const { title, summary, state, render } = props;
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text strong>
        {title}
        {state.data ? `（${state.data.total}）` : ""}
      </Typography.Text>
      {summary && <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{summary}</Typography.Text>}
      {state.error ? (
        <ErrorResult error={state.error} onRetry={state.reload} />
      ) : !state.data ? (
        <div style={{ padding: 8 }}>
          <Spin size="small" />
        </div>
      ) : state.data.items.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: "2px 0 0", fontSize: 13 }}>
          暂无
        </Typography.Paragraph>
      ) : (
        render(state.data.items)
      )}
    </div>
  );
}

/** 关联登记: rules (制度), accountability (问责) and money (清退追缴) registered against a finding. */
export function FindingRegistersCard({ findingId }: { findingId: number }) {
  const rules = useApi<Page<RuleRow>>(withQuery("/api/rules", { findingId, pageSize: 50 }));
  const accountabilities = useApi<Page<AccountabilityRow>>(withQuery("/api/accountabilities", { findingId, pageSize: 50 }));
  const recoveries = useApi<Page<RecoveryRow>>(withQuery("/api/recoveries", { findingId, pageSize: 50 }));
  const isEmpty = [rules, accountabilities, recoveries].every((s) => s.data && s.data.total === 0);
  // amount_fen is a bigint column: drivers may hand it over as a string.
  const totalFen = (recoveries.data?.items ?? []).reduce((sum, r) => sum + Number(r.amountFen), 0);

  return (
    <Card size="small" title="关联登记" style={{ marginBottom: 12 }} data-testid="finding-registers">
      {isEmpty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本问题尚无建章立制、问责或清退追缴登记" />
      ) : (
        <>
          <Section
            title="建章立制"
            state={rules}
            render={(items) => (
              <ItemList
                rows={items.map((r) => ({
                  key: r.id,
                  title: r.title,
                  description: [r.docNumber, r.issuedDate ? `${r.issuedDate} 印发` : null].filter(Boolean).join(" · ") || undefined,
                }))}
              />
            )}
          />
          <Section
            title="问责"
            state={accountabilities}
            render={(items) => (
              <ItemList
                rows={items.map((a) => ({
                  key: a.id,
                  title: (
                    <span>
                      <Tag color="red">{labelAccountabilityKind(a.kind)}</Tag>
                      {a.personName ?? ""}
                      {a.people ? ` ${a.people} 人` : ""}
                    </span>
                  ),
                  description: [a.decidedDate, a.note].filter(Boolean).join(" · ") || undefined,
                }))}
              />
            )}
          />
          <Section
            title="清退追缴"
            summary={totalFen ? `合计 ${formatYuanFromFen(totalFen)}` : undefined}
            state={recoveries}
            render={(items) => (
              <ItemList
                rows={items.map((r) => ({
                  key: r.id,
                  title: (
                    <span>
                      <Tag color="gold">{labelRecoveryKind(r.kind)}</Tag>
                      {formatYuanFromFen(Number(r.amountFen))}
                    </span>
                  ),
                  description: [r.recoveredDate, r.note].filter(Boolean).join(" · ") || undefined,
                }))}
              />
            )}
          />
        </>
      )}
    </Card>
  );
}
