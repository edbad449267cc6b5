import { useState } from "react";
import { Alert, App, Badge, Button, Card, Col, Empty, Modal, Row, Space, Spin, Statistic, Table, Tag, Typography } from "antd";
import { formatRate, labelRole } from "@zhenggai/core";
import { Link, useNavigate } from "react-router";
import { apiFetch, describeError, withQuery } from "../api/client.ts";
import { formatTime, labelAuditAction, labelAuditEntity } from "../api/labels.ts";
import type { AuditEntry, DashboardView, DemoResult, Inspection, MeasureListItem, Page, PendingClosure } from "../api/types.ts";
import { DeadlineLamp, describeDue } from "../components/DeadlineLamp.tsx";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { ExportListButton } from "../components/ExportListButton.tsx";
import { ItemList } from "../components/ItemList.tsx";
import { ResponsiveTable } from "../components/ResponsiveTable.tsx";
import { StatusTag } from "../components/StatusTag.tsx";
import { useApi } from "../hooks/useApi.ts";
import { canUser, rolesOf, useSession } from "../hooks/useSession.ts";

const OPEN_STATUSES = ["not_started", "in_progress", "phased", "not_completed"];

// Actions recorded on a measure that already name what they did ("报送进展", not "报送进展整改措施").
const SELF_DESCRIBING = new Set(["progress", "evidence", "submit_closure", "login", "setup", "load_demo", "change_password"]);

function describeActivity(entry: AuditEntry): string {
  const action = labelAuditAction(entry.action);
  return SELF_DESCRIBING.has(entry.action) ? `${entry.actorName} ${action}` : `${entry.actorName} ${action}${labelAuditEntity(entry.entity)}`;
}

/** 工作台: my open measures by due date, sign-offs waiting for me, overdue, recent activity, and the unit's rate. */
export function HomePage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const roles = rolesOf(user);
  const isAdmin = canUser(user, "administer");
  const seesRate = roles.some((r) => r !== "department" && r !== "readonly");
  const dashboard = useApi<DashboardView>("/api/dashboard");
  const measures = useApi<Page<MeasureListItem>>(withQuery("/api/measures", { status: OPEN_STATUSES, pageSize: 8 }));
  const pending = useApi<{ items: PendingClosure[] }>("/api/closures/pending");
  const audit = useApi<Page<AuditEntry>>(withQuery("/api/audit", { pageSize: 8 }));
  const inspections = useApi<Page<Inspection>>(isAdmin ? withQuery("/api/inspections", { pageSize: 1 }) : null);
  const [demo, setDemo] = useState<DemoResult | null>(null);
  const [isLoadingDemo, setIsLoadingDemo] = useState(false);

  const mySignoffs = (pending.data?.items ?? []).filter((p) => p.canDecide);
  // Department staff see two cards (no unit rate); let them share the row instead of leaving a gap.
  const cardSpan = seesRate ? 6 : 12;
  const isEmptySystem = isAdmin && inspections.data?.total === 0;

  const loadDemo = async () => {
    setIsLoadingDemo(true);
    try {
      const result = await apiFetch<DemoResult>("/api/demo", { method: "POST" });
      setDemo(result);
      message.success("演示数据已加载");
      dashboard.reload();
      measures.reload();
      pending.reload();
      audit.reload();
      inspections.reload();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsLoadingDemo(false);
    }
  };

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        工作台
      </Typography.Title>
      {isEmptySystem && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="系统中还没有巡察台账"
          description="可以先加载一套演示数据（虚构的青禾县教育局巡察整改），体验各角色的工作流程。"
          action={
            <Button type="primary" onClick={loadDemo} loading={isLoadingDemo}>
              加载演示数据
            </Button>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        {seesRate && (
          <Col xs={12} lg={cardSpan}>
            <Card size="small">
              <Statistic title="问题整改完成率" value={dashboard.data ? formatRate(dashboard.data.findings.rate) : "—"} loading={dashboard.isLoading} />
              {dashboard.data && (
                <Typography.Text type="secondary" data-testid="finding-counts">
                  共 {dashboard.data.findings.total} 个，已完成 {dashboard.data.findings.completed} 个
                </Typography.Text>
              )}
            </Card>
          </Col>
        )}
        {seesRate && (
          <Col xs={12} lg={cardSpan}>
            <Card size="small">
              <Statistic title="措施完成率" value={dashboard.data ? formatRate(dashboard.data.measures.rate) : "—"} loading={dashboard.isLoading} />
              {dashboard.data && (
                <Typography.Text type="secondary">
                  共 {dashboard.data.measures.total} 项，阶段性完成 {dashboard.data.measures.phased} 项
                </Typography.Text>
              )}
            </Card>
          </Col>
        )}
        <Col xs={12} lg={cardSpan}>
          <Card size="small">
            <Statistic title="逾期未完成" value={dashboard.data?.overdue ?? 0} loading={dashboard.isLoading} styles={{ content: { color: (dashboard.data?.overdue ?? 0) > 0 ? "#d9363e" : undefined } }} suffix="项" />
            <Link to="/dashboard">查看统计分析</Link>
          </Card>
        </Col>
        <Col xs={12} lg={cardSpan}>
          <Card size="small">
            <Statistic title="待我签字确认" value={mySignoffs.length} loading={pending.isLoading} suffix="件" />
            <Typography.Text type="secondary">{roles.map(labelRole).join("、")}</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title="待办整改措施（按完成时限）"
            extra={
              <Space size="middle">
                <ExportListButton kind="measures" query={{ status: OPEN_STATUSES }} label="导出" />
                <Link to="/inspections">全部台账</Link>
              </Space>
            }
          >
            {measures.error ? (
              <ErrorResult error={measures.error} onRetry={measures.reload} />
            ) : (
              <ResponsiveTable<MeasureListItem>
                size="small"
                rowKey="id"
                data-testid="todo-measures"
                cardTitle={(row) => <Link to={`/measures/${row.id}`}>{row.text}</Link>}
                cardHiddenKeys={["text"]}
                loading={measures.isLoading}
                dataSource={measures.data?.items ?? []}
                pagination={false}
                locale={{ emptyText: <Empty description="暂无待办措施" /> }}
                onRow={(row) => ({ onClick: () => navigate(`/measures/${row.id}`), style: { cursor: "pointer" } })}
                columns={[
                  {
                    title: "时限",
                    dataIndex: "dueDate",
                    width: 190,
                    render: (_v, row) => (
                      <span>
                        <DeadlineLamp status={row.status} dueDate={row.dueDate} light={row.light} />
                        {row.dueDate ?? "—"}
                        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                          {row.dueDate ? describeDue(row.dueDate) : ""}
                        </Typography.Text>
                      </span>
                    ),
                  },
                  { title: "整改措施", key: "text", dataIndex: "text", ellipsis: true, render: (text: string, row) => <Link to={`/measures/${row.id}`}>{text}</Link> },
                  { title: "责任部门", dataIndex: "departmentName", width: 110, ellipsis: true, render: (v: string | null) => v ?? "—" },
                  { title: "状态", dataIndex: "status", width: 110, render: (_v, row) => <StatusTag status={row.status} /> },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={<span>待我签字确认 <Badge count={mySignoffs.length} /></span>} style={{ marginBottom: 16 }}>
            {pending.isLoading ? (
              <Spin />
            ) : pending.error ? (
              <ErrorResult error={pending.error} onRetry={pending.reload} />
            ) : mySignoffs.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有等待您签字的销号申请" />
            ) : (
              <ItemList
                rows={mySignoffs.map((item) => ({
                  key: item.id,
                  title: <Typography.Text ellipsis={{ tooltip: item.measureText }}>{item.measureText}</Typography.Text>,
                  description: (
                    <span>
                      {item.submitterName} 提交 · 当前环节：{item.nextStep}
                      {item.onBehalfOfName && (
                        <Tag color="purple" style={{ marginInlineStart: 6 }}>
                          代{item.onBehalfOfName}签字
                        </Tag>
                      )}
                    </span>
                  ),
                  actions: <Link to={`/measures/${item.measureId}`}>去签字</Link>,
                }))}
              />
            )}
          </Card>
          <Card size="small" title="最近动态">
            {audit.isLoading ? (
              <Spin />
            ) : audit.error ? (
              <ErrorResult error={audit.error} onRetry={audit.reload} />
            ) : (audit.data?.items.length ?? 0) === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无动态" />
            ) : (
              <ItemList
                rows={(audit.data?.items ?? []).map((entry) => ({
                  key: entry.id,
                  title: describeActivity(entry),
                  actions: (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(entry.at)}
                    </Typography.Text>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={demo !== null}
        title="演示数据已加载"
        width={640}
        onCancel={() => setDemo(null)}
        onOk={() => {
          const id = demo?.inspectionId;
          setDemo(null);
          if (id) navigate(`/inspections/${id}`);
        }}
        okText="打开演示台账"
        cancelText="关闭"
      >
        <Alert
          type="warning"
          showIcon
          title="以下密码只显示这一次，请记录后再关闭。"
          description="错过了也不要紧：管理员可在“系统管理 → 用户与角色”为任何账号重置密码（其余演示人员的账号也可以这样启用），或在服务器上运行 npx zhenggai user reset-password -u 用户名。"
          style={{ marginBottom: 12 }}
        />
        <Table
          size="small"
          rowKey="username"
          pagination={false}
          dataSource={demo?.accounts ?? []}
          data-testid="demo-accounts"
          columns={[
            { title: "用户名", dataIndex: "username" },
            { title: "姓名", dataIndex: "displayName" },
            { title: "角色", dataIndex: "role", render: (role) => labelRole(role) },
            { title: "密码", dataIndex: "password", render: (p: string) => <Typography.Text code copyable>{p}</Typography.Text> },
          ]}
        />
      </Modal>
    </div>
  );
}
