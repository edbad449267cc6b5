import { useState } from "react";
import { App, Breadcrumb, Button, Card, Col, Empty, Form, Input, Row, Select, Space, Statistic, Table, Tag, Typography } from "antd";
import { describeWeeklyTotals, formatChineseDate, type WeeklyReportItem } from "@zhenggai/core";
import { Link, useNavigate, useParams } from "react-router";
import { apiFetch, describeError } from "../api/client.ts";
import type { WeeklyReportListItem, WeeklyReportStatus, WeeklyReportView } from "../api/clock-types.ts";
import { formatTime } from "../api/labels.ts";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { PageSpin } from "../components/PageSpin.tsx";
import { useApi } from "../hooks/useApi.ts";
import { canUser, useSession } from "../hooks/useSession.ts";

const STATE = { draft: { label: "未报送", color: "warning" }, sent: { label: "已报送", color: "success" } } as const;

/** 周汇报: the 整改办 generates and opens its unit's reports; supervisors see which units have sent theirs. */
export function WeeklyReportsPage() {
  const { user, orgs } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const list = useApi<{ items: WeeklyReportListItem[] }>("/api/weekly-reports");
  const isSupervisor = canUser(user, "issue_directive");
  const status = useApi<WeeklyReportStatus>(isSupervisor ? "/api/weekly-reports/status" : null);
  const canGenerate = canUser(user, "manage_ledger");
  const units = orgs.filter((o) => o.kind === "unit");
  const [unitId, setUnitId] = useState<number | undefined>(units[0]?.id);
  const [isBusy, setIsBusy] = useState(false);

  const generate = async (): Promise<void> => {
    if (!unitId) return;
    setIsBusy(true);
    try {
      const report = await apiFetch<{ id: number }>(`/api/orgs/${unitId}/weekly-reports`, { method: "POST" });
      navigate(`/weekly-reports/${report.id}`);
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div>
      {status.data && (
        <Card size="small" title={`本期周汇报报送情况（${formatChineseDate(status.data.periodStart)}至${formatChineseDate(status.data.periodEnd)}）`} style={{ marginBottom: 12 }}>
          <Table
            size="small"
            rowKey="orgId"
            pagination={false}
            dataSource={status.data.units}
            data-testid="weekly-status"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无需报送周汇报的单位" /> }}
            columns={[
              { title: "单位", dataIndex: "orgName" },
              {
                title: "报送情况",
                width: 200,
                render: (_v, row) =>
                  row.state === "sent" ? (
                    <Space>
                      <Tag color="success">已报送</Tag>
                      {row.reportId && <Link to={`/weekly-reports/${row.reportId}`}>查看</Link>}
                    </Space>
                  ) : (
                    <Tag color="red">未报送</Tag>
                  ),
              },
              { title: "报送时间", dataIndex: "sentAt", width: 160, render: (v: string | null) => (v ? formatTime(v) : "—") },
            ]}
          />
        </Card>
      )}
      <Card
        title="周汇报"
        extra={
          canGenerate && (
            <Space>
              {units.length > 1 && <Select style={{ width: 180 }} value={unitId} onChange={setUnitId} options={units.map((u) => ({ value: u.id, label: u.name }))} aria-label="单位" />}
              <Button type="primary" onClick={() => void generate()} loading={isBusy} data-testid="generate-weekly-report">
                生成本期周汇报
              </Button>
            </Space>
          )
        }
      >
        {list.error ? (
          <ErrorResult error={list.error} onRetry={list.reload} />
        ) : (
          <Table<WeeklyReportListItem>
            size="small"
            rowKey="id"
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description="暂无周汇报（系统每周按规则自动生成）" /> }}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: "周期", render: (_v, row) => <Link to={`/weekly-reports/${row.id}`}>{`${row.periodStart} 至 ${row.periodEnd}`}</Link> },
              { title: "单位", dataIndex: "unitName", width: 200 },
              { title: "状态", dataIndex: "state", width: 100, render: (state: "draft" | "sent") => <Tag color={STATE[state].color}>{STATE[state].label}</Tag> },
              { title: "报送时间", dataIndex: "sentAt", width: 160, render: (v: string | null) => (v ? formatTime(v) : "—") },
            ]}
          />
        )}
      </Card>
    </div>
  );
}

function ItemsTable({ items, columns }: { items: WeeklyReportItem[]; columns: { title: string; render: (item: WeeklyReportItem) => string }[] }) {
  if (!items.length) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <Table
      size="small"
      rowKey={(item) => `${item.id}-${item.detail}`}
      pagination={false}
      dataSource={items}
      columns={columns.map((c) => ({ title: c.title, render: (_v: unknown, item: WeeklyReportItem) => c.render(item) }))}
    />
  );
}

/** One weekly report: the week's figures and sections; the 整改办 edits its own words, downloads the DOCX and sends it. */
export function WeeklyReportPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const report = useApi<WeeklyReportView>(`/api/weekly-reports/${id}`);
  const [form] = Form.useForm<{ summary: string; nextSteps: string }>();
  const [isBusy, setIsBusy] = useState(false);
  if (report.error) return <ErrorResult error={report.error} onRetry={report.reload} />;
  if (!report.data) return <PageSpin />;
  const data = report.data;
  const content = data.content;

  const run = async (action: () => Promise<unknown>, success: string): Promise<void> => {
    setIsBusy(true);
    try {
      await action();
      message.success(success);
      report.reload();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };
  const save = async (): Promise<void> => {
    const values = await form.validateFields();
    await run(() => apiFetch(`/api/weekly-reports/${id}`, { method: "PATCH", body: { summary: values.summary ?? "", nextSteps: values.nextSteps ?? "", version: data.version } }), "周汇报已保存");
  };
  const measureLabel = (i: WeeklyReportItem): string => `${i.reference} ${i.text}`;

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/weekly-reports">周汇报</Link> }, { title: `${content.unitName} ${data.periodStart} 至 ${data.periodEnd}` }]} />
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={
          <Space>
            <span>
              {content.unitName}巡察整改工作周汇报（{formatChineseDate(data.periodStart)}至{formatChineseDate(data.periodEnd)}）
            </span>
            <Tag color={STATE[data.state].color}>{STATE[data.state].label}</Tag>
          </Space>
        }
        extra={
          <Space>
            <a href={`/api/weekly-reports/${id}/export?format=docx`} download data-testid="weekly-docx">
              下载 Word
            </a>
            <a href={`/api/weekly-reports/${id}/export?format=pdf`} download>
              下载 PDF
            </a>
            {data.canEdit && (
              <Button type="primary" onClick={() => void run(() => apiFetch(`/api/weekly-reports/${id}/send`, { method: "POST", body: { version: data.version } }), "周汇报已报送")} loading={isBusy} data-testid="send-weekly-report">
                报送
              </Button>
            )}
          </Space>
        }
      >
        <Row gutter={16} style={{ marginBottom: 12 }}>
          <Col span={4}><Statistic title="本周进展" value={content.progress.length} suffix="项" /></Col>
          <Col span={4}><Statistic title="本周销号" value={content.completed.length} suffix="项" /></Col>
          <Col span={4}><Statistic title="逾期未完成" value={content.totals.overdue} suffix="项" /></Col>
          <Col span={4}><Statistic title="本周申请延期" value={content.totals.extensions} suffix="项" /></Col>
          <Col span={4}><Statistic title="未办结督办" value={content.totals.openDirectives} suffix="件" /></Col>
        </Row>
        <Typography.Paragraph data-testid="weekly-totals">{describeWeeklyTotals(content)}</Typography.Paragraph>
        {data.canEdit ? (
          <Form form={form} name="weekly" layout="vertical" initialValues={{ summary: content.summary, nextSteps: content.nextSteps }}>
            <Form.Item label="总体情况补充" name="summary">
              <Input.TextArea rows={3} maxLength={10000} placeholder="例如：本周召开整改推进会，研究解决……" />
            </Form.Item>
            <Form.Item label="下一步工作" name="nextSteps">
              <Input.TextArea rows={3} maxLength={10000} />
            </Form.Item>
            <Button onClick={() => void save()} loading={isBusy} data-testid="save-weekly-report">
              保存
            </Button>
          </Form>
        ) : (
          <>
            {content.summary && <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{content.summary}</Typography.Paragraph>}
            {content.nextSteps && <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>下一步工作：{content.nextSteps}</Typography.Paragraph>}
          </>
        )}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="本周整改进展">
            <ItemsTable items={content.progress} columns={[{ title: "措施", render: measureLabel }, { title: "进展情况", render: (i) => i.detail }]} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="本周完成销号">
            <ItemsTable items={content.completed} columns={[{ title: "措施", render: measureLabel }, { title: "销号日期", render: (i) => i.date ?? "" }]} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="逾期未完成事项">
            <ItemsTable items={content.overdue} columns={[{ title: "措施", render: measureLabel }, { title: "完成时限", render: (i) => i.date ?? "" }, { title: "逾期", render: (i) => i.detail }]} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="申请延期">
            <ItemsTable items={content.extensions} columns={[{ title: "措施", render: measureLabel }, { title: "原定时限", render: (i) => i.date ?? "" }, { title: "申请情况", render: (i) => i.detail }]} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title="督办事项">
            <ItemsTable items={content.directives} columns={[{ title: "督办单位", render: (i) => i.reference }, { title: "督办事项", render: (i) => i.text }, { title: "回复期限", render: (i) => i.date ?? "" }, { title: "办理情况", render: (i) => i.detail }]} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
