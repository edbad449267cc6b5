import { useState } from "react";
import { Card, DatePicker, Input, Result, Select, Space, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { labelAuditAction, labelAuditEntity } from "@zhenggai/core";
import { withQuery } from "../api/client.ts";
import { formatTime } from "../api/labels.ts";
import type { AuditEntry, Page } from "../api/types.ts";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { ExportListButton } from "../components/ExportListButton.tsx";
import { ResponsiveTable } from "../components/ResponsiveTable.tsx";
import { useApi } from "../hooks/useApi.ts";
import { canUser, useSession } from "../hooks/useSession.ts";

// The actions a clerk looks for; the trail holds more, all shown with their Chinese labels.
const ACTIONS = ["create", "update", "delete", "status", "progress", "evidence", "submit_closure", "approve", "return", "withdraw", "self_review", "review", "reopen", "reschedule", "link_person", "bulk_assign", "import", "login", "reset_password", "change_password", "published"];
const ENTITIES = ["inspection", "finding", "measure", "closure", "evidence", "review", "rule", "accountability", "recovery", "petition", "lead", "directive", "notice", "user", "org", "delegation"];

function describeChange(entry: AuditEntry): string {
  const after = (entry.after ?? {}) as Record<string, unknown>;
  for (const key of ["opinion", "text", "fileName", "title", "reason", "step"]) {
    if (typeof after[key] === "string" && after[key]) return String(after[key]);
  }
  if (typeof after.status === "string") return `状态：${after.status}`;
  return "";
}

/** 操作日志: who did what, when and where, filtered, for administrators and supervisors. */
export function AuditPage() {
  const { user, orgs } = useSession();
  const [actor, setActor] = useState("");
  const [action, setAction] = useState<string | undefined>();
  const [entity, setEntity] = useState<string | undefined>();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const filters = {
    actor: actor || undefined,
    action,
    entity,
    orgId,
    from: range?.[0]?.format("YYYY-MM-DD"),
    to: range?.[1]?.format("YYYY-MM-DD"),
  };
  const list = useApi<Page<AuditEntry>>(canUser(user, "view_audit") ? withQuery("/api/audit", { ...filters, page, pageSize: 30 }) : null);
  if (!canUser(user, "view_audit")) return <Result status="403" title="无权访问" subTitle="操作日志仅供管理员和巡察办、纪检监察组查看" />;
  const reset = <T,>(setter: (value: T) => void) => (value: T) => {
    setter(value);
    setPage(1);
  };

  return (
    <Card size="small" title="操作日志" extra={<ExportListButton kind="audit" query={filters} />}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search placeholder="操作人" aria-label="按操作人筛选" allowClear onSearch={reset(setActor)} style={{ width: 160 }} />
        <Select allowClear placeholder="操作" aria-label="按操作筛选" style={{ width: 150 }} value={action} onChange={reset(setAction)} options={ACTIONS.map((a) => ({ value: a, label: labelAuditAction(a) }))} />
        <Select allowClear placeholder="对象" aria-label="按对象筛选" style={{ width: 130 }} value={entity} onChange={reset(setEntity)} options={ENTITIES.map((e) => ({ value: e, label: labelAuditEntity(e) }))} />
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder="单位或部门"
          aria-label="按单位筛选"
          style={{ width: 200 }}
          value={orgId}
          onChange={reset(setOrgId)}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
        />
        <DatePicker.RangePicker aria-label="按日期筛选" allowEmpty={[true, true]} value={range} onChange={(value) => reset(setRange)(value as [Dayjs | null, Dayjs | null] | null)} />
      </Space>
      {list.error ? (
        <ErrorResult error={list.error} onRetry={list.reload} />
      ) : (
        <ResponsiveTable<AuditEntry>
          size="small"
          rowKey="id"
          data-testid="audit-table"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 30, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
          columns={[
            { title: "时间", dataIndex: "at", width: 140, render: (at: string) => formatTime(at) },
            { title: "操作人", dataIndex: "actorName", width: 170, ellipsis: true },
            { title: "操作", dataIndex: "action", width: 110, render: (a: string) => labelAuditAction(a) },
            { title: "对象", dataIndex: "entity", width: 110, render: (e: string, row) => `${labelAuditEntity(e)}${row.entityId ? ` #${row.entityId}` : ""}` },
            { title: "单位", dataIndex: "orgName", width: 150, ellipsis: true, render: (v: string | null) => v ?? "—" },
            { title: "内容", key: "change", ellipsis: true, render: (_v, row) => <Typography.Text type="secondary">{describeChange(row) || "—"}</Typography.Text> },
          ]}
        />
      )}
    </Card>
  );
}
