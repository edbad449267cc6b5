import { useMemo } from "react";
import { Card, Col, Empty, Progress, Row, Select, Space, Statistic, Typography } from "antd";
import { formatRate, labelOfGroup, type GroupStats } from "@zhenggai/core";
import { Link, useSearchParams } from "react-router";
import { withQuery } from "../api/client.ts";
import type { DashboardView, Inspection, MeasureListItem, Page, RollupRow, TimelinePoint } from "../api/types.ts";
import { bucketOverdue, buildAgeingOption } from "../charts/ageing-chart.ts";
import { buildCompletionOption, chartHeightFor } from "../charts/completion-chart.ts";
import { buildLightsOption } from "../charts/lights-chart.ts";
import { buildRollupOption } from "../charts/rollup-chart.ts";
import { buildTimelineOption } from "../charts/timeline-chart.ts";
import { isAutomated } from "../automation.ts";
import { todayText } from "../components/DeadlineLamp.tsx";
import { EChart } from "../components/EChart.tsx";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { ExportListButton } from "../components/ExportListButton.tsx";
import { ResponsiveTable } from "../components/ResponsiveTable.tsx";
import { PageSpin } from "../components/PageSpin.tsx";
import { useApi } from "../hooks/useApi.ts";
import { isSupervisor, useSession } from "../hooks/useSession.ts";

function GroupChart({ title, groups }: { title: string; groups: GroupStats[] }) {
  // Groups are ids (a department, a leader's account); they read as names, with the unit once several units show.
  const option = useMemo(() => {
    const showsUnits = new Set(groups.map((g) => g.unitName)).size > 1;
    const named = groups.map((g) => ({ ...g, key: showsUnits ? labelOfGroup(g) : (g.label ?? g.key) }));
    return buildCompletionOption(named, { isAnimated: !isAutomated(), labelLength: showsUnits ? 16 : 10 });
  }, [groups]);
  return (
    <Card size="small" title={title}>
      {groups.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" /> : <EChart option={option} height={chartHeightFor(groups.length)} label={title} />}
    </Card>
  );
}

/** 统计分析: completion by category, department and leader, deadline lights, and the supervisors' roll-up. */
export function DashboardPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const inspectionId = params.get("inspectionId") ? Number(params.get("inspectionId")) : undefined;
  const inspections = useApi<Page<Inspection>>(withQuery("/api/inspections", { pageSize: 100 }));
  const dashboard = useApi<DashboardView>(withQuery("/api/dashboard", { inspectionId }));
  const showRollup = isSupervisor(user);
  const rollup = useApi<{ items: RollupRow[] }>(showRollup ? "/api/rollup" : null);
  const lightsOption = useMemo(() => (dashboard.data ? buildLightsOption(dashboard.data.lights, { isAnimated: !isAutomated() }) : null), [dashboard.data]);
  const overdue = useApi<Page<MeasureListItem>>(withQuery("/api/measures", { inspectionId, overdue: true, pageSize: 500 }));
  const ageingOption = useMemo(
    () => (overdue.data ? buildAgeingOption(bucketOverdue(overdue.data.items.flatMap((m) => (m.dueDate ? [m.dueDate] : [])), todayText()), { isAnimated: !isAutomated() }) : null),
    [overdue.data],
  );
  const timeline = useApi<{ items: TimelinePoint[] }>(inspectionId ? withQuery("/api/dashboard/timeline", { inspectionId }) : null);
  const timelineOption = useMemo(() => (timeline.data ? buildTimelineOption(timeline.data.items, { isAnimated: !isAutomated() }) : null), [timeline.data]);
  const rollupOption = useMemo(() => (rollup.data ? buildRollupOption(rollup.data.items, { isAnimated: !isAutomated() }) : null), [rollup.data]);

  return (
    <div>
      <Space style={{ marginBottom: 12, width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          统计分析
        </Typography.Title>
        <ExportListButton kind="stats" query={{ inspectionId }} label="导出统计" />
        <Select
          allowClear
          placeholder="全部巡察轮次"
          aria-label="选择巡察轮次"
          style={{ width: 320, maxWidth: "100%" }}
          value={inspectionId}
          loading={inspections.isLoading}
          onChange={(value?: number) => setParams(value ? { inspectionId: String(value) } : {}, { replace: true })}
          options={(inspections.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.orgName ?? ""} · ${i.name}` }))}
        />
      </Space>
      {dashboard.error ? (
        <ErrorResult error={dashboard.error} onRetry={dashboard.reload} />
      ) : !dashboard.data ? (
        <PageSpin />
      ) : (
        <>
          <Row gutter={[12, 12]} align="stretch">
            <Col xs={12} lg={6}>
              <Card size="small" style={{ height: "100%" }}>
                <Statistic title="问题整改完成率" value={formatRate(dashboard.data.findings.rate)} />
                <Progress percent={dashboard.data.findings.rate ?? 0} showInfo={false} strokeColor="#52c41a" size="small" />
                <Typography.Text type="secondary" data-testid="dashboard-finding-counts">
                  问题 {dashboard.data.findings.total} 个：已完成 {dashboard.data.findings.completed}，阶段性完成 {dashboard.data.findings.phased}，未完成 {dashboard.data.findings.notCompleted}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card size="small" style={{ height: "100%" }}>
                <Statistic title="措施完成率" value={formatRate(dashboard.data.measures.rate)} />
                <Progress percent={dashboard.data.measures.rate ?? 0} showInfo={false} size="small" />
                <Typography.Text type="secondary">
                  措施 {dashboard.data.measures.total} 项：已完成 {dashboard.data.measures.completed}（长期坚持 {dashboard.data.measures.longTerm}）
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card size="small" style={{ height: "100%" }}>
                <Statistic title="逾期未完成" value={dashboard.data.overdue} suffix="项" styles={{ content: { color: dashboard.data.overdue > 0 ? "#d9363e" : undefined } }} />
                <Typography.Text type="secondary">临近时限（黄灯） {dashboard.data.lights.yellow} 项</Typography.Text>
                {dashboard.data.extensions && (
                  <div data-testid="dashboard-extensions">
                    <Typography.Text type="secondary">
                      申请延期 {dashboard.data.extensions.requested} 次，批准 {dashboard.data.extensions.approved} 次，待审批 {dashboard.data.extensions.pending} 次
                    </Typography.Text>
                  </div>
                )}
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card size="small" style={{ height: "100%" }} styles={{ body: { padding: 8 } }}>
                {lightsOption && <EChart option={lightsOption} height={130} label="红黄绿灯分布" />}
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24}>
              <Card size="small" title="整改进度趋势（按周）" extra={<Typography.Text type="secondary">已完成措施数与措施完成率</Typography.Text>}>
                {!inspectionId ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="在右上角选择巡察轮次后显示本轮整改进度趋势" />
                ) : timeline.error ? (
                  <ErrorResult error={timeline.error} onRetry={timeline.reload} />
                ) : !timelineOption || timeline.isLoading ? (
                  <PageSpin />
                ) : (timeline.data?.items.length ?? 0) === 0 || timeline.data?.items.every((p) => p.total === 0) ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本轮尚无整改措施" />
                ) : (
                  <EChart option={timelineOption} height={240} label="整改进度趋势" />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <GroupChart title="按问题方面" groups={dashboard.data.byCategory} />
            </Col>
            <Col xs={24} xl={12}>
              <GroupChart title="按责任部门" groups={dashboard.data.byDepartment} />
            </Col>
            <Col xs={24} xl={12}>
              <GroupChart title="按责任领导" groups={dashboard.data.byLeader} />
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title="逾期时长分布">
                {overdue.error ? (
                  <ErrorResult error={overdue.error} onRetry={overdue.reload} />
                ) : !ageingOption ? (
                  <PageSpin />
                ) : (overdue.data?.total ?? 0) === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有逾期未完成的措施" />
                ) : (
                  <EChart option={ageingOption} height={240} label="逾期时长分布" />
                )}
              </Card>
            </Col>
            {showRollup && (
              <Col xs={24}>
                <Card size="small" title="各单位整改情况排名" extra={<ExportListButton kind="rollup" />}>
                  {rollup.error ? (
                    <ErrorResult error={rollup.error} onRetry={rollup.reload} />
                  ) : !rollup.data ? (
                    <PageSpin />
                  ) : rollup.data.items.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无单位数据" />
                  ) : (
                    <>
                      {rollupOption && <EChart option={rollupOption} height={chartHeightFor(rollup.data.items.length)} label="各单位完成率排名" />}
                      <ResponsiveTable<RollupRow>
                        size="small"
                        rowKey="orgId"
                        pagination={false}
                        dataSource={rollup.data.items}
                        columns={[
                          { title: "排名", dataIndex: "rank", width: 60 },
                          { title: "单位", dataIndex: "orgName", render: (name: string, row) => <Link to={`/inspections?orgId=${row.orgId}`}>{name}</Link> },
                          { title: "问题", dataIndex: "total", width: 60, align: "right" },
                          { title: "已完成", dataIndex: "completed", width: 70, align: "right" },
                          { title: "阶段性", dataIndex: "phased", width: 70, align: "right" },
                          { title: "逾期", dataIndex: "overdue", width: 60, align: "right", render: (v: number) => <span style={{ color: v > 0 ? "#d9363e" : undefined }}>{v}</span> },
                          { title: "督办", dataIndex: "directives", width: 60, align: "right", render: (v: number | undefined, row) => (row.overdueDirectives ? <span style={{ color: "#d9363e" }}>{`${v ?? 0}（逾期${row.overdueDirectives}）`}</span> : (v ?? 0)) },
                          { title: "约谈", dataIndex: "interviews", width: 60, align: "right", render: (v: number | undefined) => v ?? 0 },
                          { title: "完成率", dataIndex: "rate", width: 86, align: "right", render: (v: number | null) => formatRate(v) },
                        ]}
                      />
                    </>
                  )}
                </Card>
              </Col>
            )}
          </Row>
        </>
      )}
    </div>
  );
}
