import { useState } from "react";
import { Card, Empty, Input, Table, Tag, Typography } from "antd";
import { labelInspectionKind } from "@zhenggai/core";
import { Link, useNavigate } from "react-router";
import { withQuery } from "../api/client.ts";
import type { Inspection, Page } from "../api/types.ts";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { useApi } from "../hooks/useApi.ts";

/** List of inspection rounds the user can see. */
export function InspectionsPage() {
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const [page, setPage] = useState(1);
  const list = useApi<Page<Inspection>>(withQuery("/api/inspections", { q: text, page, pageSize: 20 }));

  return (
    <Card title="巡察整改台账" extra={<Input.Search placeholder="搜索轮次名称" allowClear onSearch={(v) => { setText(v); setPage(1); }} style={{ width: 240 }} aria-label="搜索轮次名称" />}>
      {list.error ? (
        <ErrorResult error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Inspection>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description="暂无巡察轮次" /> }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 轮` }}
          onRow={(row) => ({ onDoubleClick: () => navigate(`/inspections/${row.id}`) })}
          columns={[
            { title: "巡察轮次", dataIndex: "name", render: (name: string, row) => <Link to={`/inspections/${row.id}`}>{name}</Link> },
            { title: "被巡察单位", dataIndex: "orgName", width: 200 },
            { title: "类型", dataIndex: "kind", width: 130, render: (kind) => <Tag>{labelInspectionKind(kind)}</Tag> },
            { title: "巡察组", dataIndex: "groupName", width: 140, render: (v: string | null) => v ?? "—" },
            { title: "反馈日期", dataIndex: "feedbackDate", width: 120, render: (v: string | null) => v ?? "—" },
            { title: "问题数", dataIndex: "findingCount", width: 90, align: "right", render: (v: number) => <Typography.Text strong>{v}</Typography.Text> },
          ]}
        />
      )}
    </Card>
  );
}
