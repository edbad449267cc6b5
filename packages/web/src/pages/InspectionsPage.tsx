import { useMemo, useState } from "react";
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Row, Select, Space, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { FIELD_LIMITS, labelInspectionKind, type InspectionKind } from "@zhenggai/core";
import { Link, useNavigate, useSearchParams } from "react-router";
import { apiFetch, describeError, withQuery } from "../api/client.ts";
import type { Inspection, Page } from "../api/types.ts";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { ExportListButton } from "../components/ExportListButton.tsx";
import { ResponsiveTable } from "../components/ResponsiveTable.tsx";
import { useApi } from "../hooks/useApi.ts";
import { canUser, useSession } from "../hooks/useSession.ts";

interface InspectionForm {
  orgId: number;
  name: string;
  kind: InspectionKind;
  groupName?: string;
  period?: [Dayjs, Dayjs] | null;
  feedbackDate?: Dayjs | null;
  feedbackDocNumbers?: string;
}

/** List of inspection rounds the user can see; the 整改办 can open a new round. */
export function InspectionsPage() {
  const navigate = useNavigate();
  const { user, orgs } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const orgId = params.get("orgId") ? Number(params.get("orgId")) : undefined;
  const [text, setText] = useState("");
  const [page, setPage] = useState(1);
  const list = useApi<Page<Inspection>>(withQuery("/api/inspections", { q: text, orgId, page, pageSize: 20 }));
  const units = useMemo(() => orgs.filter((o) => o.kind === "unit"), [orgs]);
  const canCreate = canUser(user, "manage_ledger") && units.length > 0;
  const [isCreateOpen, setIsCreateOpen] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [form] = Form.useForm<InspectionForm>();

  const create = async () => {
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      const round = await apiFetch<Inspection>(`/api/orgs/${values.orgId}/inspections`, {
        method: "POST",
        body: {
          name: values.name,
          kind: values.kind,
          groupName: values.groupName || null,
          startDate: values.period ? values.period[0].format("YYYY-MM-DD") : null,
          endDate: values.period ? values.period[1].format("YYYY-MM-DD") : null,
          feedbackDate: values.feedbackDate ? values.feedbackDate.format("YYYY-MM-DD") : null,
          feedbackDocNumbers: (values.feedbackDocNumbers ?? "").split(/[,，、\s]+/).filter(Boolean),
        },
      });
      message.success("巡察轮次已创建");
      navigate(`/inspections/${round.id}`);
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Card
      title="巡察整改台账"
      extra={
        <Space wrap>
          {orgId !== undefined && (
            <Tag closable onClose={() => setParams({}, { replace: true })}>
              仅看：{orgs.find((o) => o.id === orgId)?.name ?? `单位 #${orgId}`}
            </Tag>
          )}
          <Input.Search placeholder="搜索轮次名称" allowClear onSearch={(v) => { setText(v); setPage(1); }} style={{ width: 240, maxWidth: "100%" }} aria-label="搜索轮次名称" />
          <ExportListButton kind="inspections" query={{ orgId, q: text }} />
          {canCreate && (
            <Button type="primary" onClick={() => setIsCreateOpen(true)}>
              新建巡察轮次
            </Button>
          )}
        </Space>
      }
    >
      {list.error ? (
        <ErrorResult error={list.error} onRetry={list.reload} />
      ) : (
        <ResponsiveTable<Inspection>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description="暂无巡察轮次" /> }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 轮` }}
          onRow={(row) => ({ onDoubleClick: () => navigate(`/inspections/${row.id}`) })}
          columns={[
            {
              title: "巡察轮次",
              dataIndex: "name",
              render: (name: string, row) => (
                <Space size={4}>
                  <Link to={`/inspections/${row.id}`}>{name}</Link>
                  {row.archivedAt && <Tag>已归档</Tag>}
                </Space>
              ),
            },
            { title: "被巡察单位", dataIndex: "orgName", width: 200 },
            { title: "类型", dataIndex: "kind", width: 130, render: (kind) => <Tag>{labelInspectionKind(kind)}</Tag> },
            { title: "巡察组", dataIndex: "groupName", width: 140, render: (v: string | null) => v ?? "—" },
            { title: "反馈日期", dataIndex: "feedbackDate", width: 120, render: (v: string | null) => v ?? "—" },
            { title: "问题数", dataIndex: "findingCount", width: 90, align: "right", render: (v: number) => <Typography.Text strong>{v}</Typography.Text> },
          ]}
        />
      )}
      <Modal title="新建巡察轮次" open={isCreateOpen} onOk={create} onCancel={() => setIsCreateOpen(false)} confirmLoading={isBusy} width={640} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: "regular", orgId: units[0]?.id }}>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label="被巡察单位" name="orgId" rules={[{ required: true, message: "请选择单位" }]}>
                <Select options={units.map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="类型" name="kind">
                <Select options={(["regular", "special", "follow_up"] as InspectionKind[]).map((k) => ({ value: k, label: labelInspectionKind(k) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="轮次名称" name="name" rules={[{ required: true, message: "请填写轮次名称" }]}>
            <Input placeholder="例如：十五届县委第四轮巡察" maxLength={FIELD_LIMITS.inspection.name} showCount />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label="巡察组" name="groupName">
                <Input placeholder="例如：县委第一巡察组" maxLength={FIELD_LIMITS.inspection.groupName} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="巡察时间" name="period">
                <DatePicker.RangePicker style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="反馈日期" name="feedbackDate">
                <DatePicker style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="反馈文号" name="feedbackDocNumbers" extra="多个用逗号分隔">
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
    </Card>
  );
}
