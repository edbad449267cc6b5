import { useMemo, useState } from "react";
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { Link, useNavigate, useSearchParams } from "react-router";
import { apiFetch, describeError, withQuery } from "../api/client.ts";
import type { DirectiveItem, InterviewItem } from "../api/clock-types.ts";
import type { MeasureListItem, Page } from "../api/types.ts";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { useApi } from "../hooks/useApi.ts";
import { canUser, useSession } from "../hooks/useSession.ts";

const DIRECTIVE_STATE: Record<DirectiveItem["state"], { label: string; color: string }> = {
  open: { label: "待回复", color: "processing" },
  replied: { label: "已回复", color: "warning" },
  closed: { label: "已办结", color: "success" },
};

/** The 督办 / 约谈 switch at the top of both registers. */
function SupervisionTabs({ current }: { current: "directives" | "interviews" }) {
  const navigate = useNavigate();
  return (
    <Segmented
      value={current}
      onChange={(value) => navigate(value === "directives" ? "/directives" : "/interviews")}
      options={[
        { value: "directives", label: "督办台账" },
        { value: "interviews", label: "约谈台账" },
      ]}
    />
  );
}

/** Picks a unit and, optionally, one of its measures (the targets of directives and 约谈). */
function useUnitMeasures(unitId: number | undefined): { value: number; label: string }[] {
  const measures = useApi<Page<MeasureListItem>>(unitId ? withQuery("/api/measures", { pageSize: 500 }) : null);
  return useMemo(
    () => (measures.data?.items ?? []).filter((m) => m.orgId === unitId).map((m) => ({ value: m.id, label: `问题${m.findingNumber}（${m.seq}）${m.text}` })),
    [measures.data, unitId],
  );
}

/** 督办台账: every directive the user can see; supervisors issue new ones on a unit or one of its measures. */
export function DirectivesPage() {
  const { user, orgs } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = params.get("state") ?? "";
  const isOverdue = params.get("overdue") === "true";
  const [page, setPage] = useState(1);
  const list = useApi<Page<DirectiveItem>>(withQuery("/api/directives", { state: state || undefined, overdue: isOverdue || undefined, page, pageSize: 20 }));
  const canIssue = canUser(user, "issue_directive");
  const units = orgs.filter((o) => o.kind === "unit");
  const [isIssueOpen, setIsIssueOpen] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [form] = Form.useForm<{ orgId: number; measureId?: number; text: string; replyDue: Dayjs }>();
  const unitId = Form.useWatch("orgId", form);
  const measureOptions = useUnitMeasures(isIssueOpen ? unitId : undefined);

  const issue = async (): Promise<void> => {
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      const directive = await apiFetch<{ id: number }>("/api/directives", {
        method: "POST",
        body: { text: values.text, replyDue: values.replyDue.format("YYYY-MM-DD"), ...(values.measureId ? { measureId: values.measureId } : { orgId: values.orgId }) },
      });
      message.success("督办单已下发");
      setIsIssueOpen(false);
      navigate(`/directives/${directive.id}`);
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Card
      title={<SupervisionTabs current="directives" />}
      extra={
        <Space wrap>
          <Select
            aria-label="办理状态"
            style={{ width: 130 }}
            value={isOverdue ? "overdue" : state}
            onChange={(value: string) => {
              setPage(1);
              setParams(value === "overdue" ? { overdue: "true" } : value ? { state: value } : {}, { replace: true });
            }}
            options={[
              { value: "", label: "全部督办" },
              { value: "open", label: "待回复" },
              { value: "overdue", label: "逾期未回复" },
              { value: "replied", label: "已回复" },
              { value: "closed", label: "已办结" },
            ]}
          />
          {canIssue && (
            <Button type="primary" onClick={() => setIsIssueOpen(true)} data-testid="issue-directive">
              下发督办单
            </Button>
          )}
        </Space>
      }
    >
      {list.error ? (
        <ErrorResult error={list.error} onRetry={list.reload} />
      ) : (
        <Table<DirectiveItem>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description="暂无督办事项" /> }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 件` }}
          columns={[
            { title: "督办事项", dataIndex: "text", render: (text: string, row) => <Link to={`/directives/${row.id}`}>{text}</Link> },
            { title: "被督办单位", dataIndex: "unitName", width: 150 },
            { title: "督办对象", width: 200, ellipsis: true, render: (_v, row) => row.measureText ?? (row.findingTitle ? `问题${row.findingNumber} ${row.findingTitle}` : "整个单位") },
            { title: "督办单位", dataIndex: "issuerOrgName", width: 150, ellipsis: true },
            { title: "回复期限", dataIndex: "replyDue", width: 110, render: (v: string | null) => v ?? "—" },
            {
              title: "状态",
              width: 130,
              render: (_v, row) => (
                <Space size={4}>
                  <Tag color={DIRECTIVE_STATE[row.state].color}>{DIRECTIVE_STATE[row.state].label}</Tag>
                  {row.isOverdue && <Tag color="red">逾期</Tag>}
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal title="下发督办单" open={isIssueOpen} onOk={() => void issue()} onCancel={() => setIsIssueOpen(false)} confirmLoading={isBusy} okText="下发" width={640} destroyOnHidden>
        <Form form={form} name="directive" layout="vertical" preserve={false} initialValues={{ orgId: units[0]?.id }}>
          <Form.Item label="被督办单位" name="orgId" rules={[{ required: true, message: "请选择单位" }]}>
            <Select options={units.map((u) => ({ value: u.id, label: u.name }))} onChange={() => form.setFieldValue("measureId", undefined)} />
          </Form.Item>
          <Form.Item label="督办的整改措施" name="measureId" extra="不选则督办整个单位">
            <Select allowClear showSearch optionFilterProp="label" options={measureOptions} placeholder="可选：具体到一项整改措施" />
          </Form.Item>
          <Form.Item label="督办事项" name="text" rules={[{ required: true, message: "请填写督办事项" }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount placeholder="例如：该项整改进度滞后，请于期限内书面说明原因及下一步措施" />
          </Form.Item>
          <Form.Item label="回复期限" name="replyDue" rules={[{ required: true, message: "请选择回复期限" }]}>
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** 约谈台账: who talked to whom, when, about which items, with what outcome. */
export function InterviewsPage() {
  const { user, orgs } = useSession();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useApi<Page<InterviewItem>>(withQuery("/api/interviews", { page, pageSize: 20 }));
  const canRecord = canUser(user, "issue_directive") || canUser(user, "manage_registers");
  const units = orgs.filter((o) => o.kind === "unit");
  const [isOpen, setIsOpen] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [form] = Form.useForm<{ orgId: number; interviewer: string; interviewee: string; heldOn: Dayjs; location?: string; subject: string; measureIds?: number[]; outcome?: string }>();
  const unitId = Form.useWatch("orgId", form);
  const measureOptions = useUnitMeasures(isOpen ? unitId : undefined);

  const save = async (): Promise<void> => {
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      await apiFetch("/api/interviews", {
        method: "POST",
        body: {
          orgId: values.orgId,
          interviewer: values.interviewer,
          interviewee: values.interviewee,
          heldOn: values.heldOn.format("YYYY-MM-DD"),
          location: values.location || null,
          subject: values.subject,
          measureIds: values.measureIds ?? [],
          outcome: values.outcome || null,
        },
      });
      message.success("约谈记录已登记");
      setIsOpen(false);
      list.reload();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Card
      title={<SupervisionTabs current="interviews" />}
      extra={
        canRecord && (
          <Button type="primary" onClick={() => setIsOpen(true)} data-testid="add-interview">
            登记约谈
          </Button>
        )
      }
    >
      {list.error ? (
        <ErrorResult error={list.error} onRetry={list.reload} />
      ) : (
        <Table<InterviewItem>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description="暂无约谈记录" /> }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 次` }}
          data-testid="interview-table"
          columns={[
            { title: "约谈日期", dataIndex: "heldOn", width: 110 },
            { title: "单位", dataIndex: "unitName", width: 140 },
            { title: "约谈人", dataIndex: "interviewer", width: 140 },
            { title: "被约谈人", dataIndex: "interviewee", width: 140 },
            { title: "约谈事由", dataIndex: "subject", ellipsis: true },
            { title: "涉及措施", dataIndex: "measureIds", width: 90, render: (ids: number[]) => (ids.length ? `${ids.length} 项` : "—") },
            { title: "约谈结果", dataIndex: "outcome", ellipsis: true, render: (v: string | null) => v ?? "—" },
          ]}
        />
      )}
      <Modal title="登记约谈" open={isOpen} onOk={() => void save()} onCancel={() => setIsOpen(false)} confirmLoading={isBusy} okText="保存" width={640} destroyOnHidden>
        <Form form={form} name="interview" layout="vertical" preserve={false} initialValues={{ orgId: units[0]?.id, interviewer: user?.displayName }}>
          <Form.Item label="单位" name="orgId" rules={[{ required: true, message: "请选择单位" }]}>
            <Select options={units.map((u) => ({ value: u.id, label: u.name }))} onChange={() => form.setFieldValue("measureIds", [])} />
          </Form.Item>
          <Space style={{ display: "flex" }} align="start">
            <Form.Item label="约谈人" name="interviewer" rules={[{ required: true, message: "请填写约谈人" }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item label="被约谈人" name="interviewee" rules={[{ required: true, message: "请填写被约谈人" }]}>
              <Input maxLength={200} placeholder="姓名及职务" />
            </Form.Item>
            <Form.Item label="约谈日期" name="heldOn" rules={[{ required: true, message: "请选择约谈日期" }]}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item label="地点" name="location">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="约谈事由" name="subject" rules={[{ required: true, message: "请填写约谈事由" }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item label="涉及的整改措施" name="measureIds">
            <Select mode="multiple" showSearch optionFilterProp="label" options={measureOptions} />
          </Form.Item>
          <Form.Item label="约谈结果" name="outcome">
            <Input.TextArea rows={2} maxLength={4000} placeholder="例如：责令限期报送整改计划" />
          </Form.Item>
        </Form>
      </Modal>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        约谈记录计入各单位整改汇总；作为问责方式的“约谈”另在问责登记中记录。
      </Typography.Paragraph>
    </Card>
  );
}
