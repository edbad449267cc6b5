import { useState } from "react";
import { App, Button, Card, Empty, Form, Input, Modal, Select, Table, Tag } from "antd";
import { Link, useNavigate } from "react-router";
import { apiFetch, describeError, withQuery } from "../api/client.ts";
import { describeNoticeState } from "../api/notice-labels.ts";
import type { Inspection, Notice, Page } from "../api/types.ts";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { useApi } from "../hooks/useApi.ts";
import { canUser, useSession } from "../hooks/useSession.ts";

/** 通报公示: notices of the visible rounds, and a new draft from a round. */
export function NoticesPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const notices = useApi<Page<Notice>>(withQuery("/api/notices", { page, pageSize: 20 }));
  const canEdit = canUser(user, "edit_notice");
  const inspections = useApi<Page<Inspection>>(canEdit ? withQuery("/api/inspections", { pageSize: 100 }) : null);
  const [isCreateOpen, setIsCreateOpen] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [form] = Form.useForm<{ inspectionId: number; title: string }>();

  const create = async () => {
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      const notice = await apiFetch<Notice>(`/api/inspections/${values.inspectionId}/notices`, { method: "POST", body: { title: values.title } });
      message.success("通报草稿已创建");
      navigate(`/notices/${notice.id}`);
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Card
      title="通报公示"
      extra={
        canEdit && (
          <Button type="primary" onClick={() => setIsCreateOpen(true)}>
            新建通报
          </Button>
        )
      }
    >
      {notices.error ? (
        <ErrorResult error={notices.error} onRetry={notices.reload} />
      ) : (
        <Table<Notice>
          rowKey="id"
          loading={notices.isLoading}
          dataSource={notices.data?.items ?? []}
          locale={{ emptyText: <Empty description="暂无通报" /> }}
          pagination={{ current: page, pageSize: 20, total: notices.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 份` }}
          columns={[
            { title: "标题", dataIndex: "title", render: (title: string, row) => <Link to={`/notices/${row.id}`}>{title}</Link> },
            { title: "状态", dataIndex: "state", width: 100, render: (state: Notice["state"]) => <Tag color={describeNoticeState(state).color}>{describeNoticeState(state).label}</Tag> },
            { title: "成文日期", dataIndex: "noticeDate", width: 120, render: (v: string | null) => v ?? "—" },
            { title: "公示期", key: "period", width: 220, render: (_v, row) => (row.publicStart ? `${row.publicStart} 至 ${row.publicEnd ?? ""}` : "—") },
          ]}
        />
      )}
      <Modal title="新建通报" open={isCreateOpen} onOk={create} onCancel={() => setIsCreateOpen(false)} confirmLoading={isBusy} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item label="巡察轮次" name="inspectionId" rules={[{ required: true, message: "请选择巡察轮次" }]}>
            <Select options={(inspections.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.orgName ?? ""} · ${i.name}` }))} />
          </Form.Item>
          <Form.Item label="标题" name="title" rules={[{ required: true, message: "请填写标题" }]}>
            <Input placeholder="例如：中共某某局党组关于巡察整改进展情况的通报" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
