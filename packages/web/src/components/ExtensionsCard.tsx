import { useState } from "react";
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Space, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { apiFetch, describeError } from "../api/client.ts";
import type { ExtensionItem, ExtensionList } from "../api/clock-types.ts";
import { formatTime } from "../api/labels.ts";
import { useApi } from "../hooks/useApi.ts";
import { useSession } from "../hooks/useSession.ts";
import { ItemList } from "./ItemList.tsx";

const STATE: Record<ExtensionItem["state"], { label: string; color: string }> = {
  pending: { label: "待审批", color: "processing" },
  approved: { label: "已批准", color: "success" },
  rejected: { label: "未批准", color: "error" },
  withdrawn: { label: "已撤回", color: "default" },
};

/** 申请延期 on a measure's page: original date, each request and decision; request, decide, withdraw. */
export function ExtensionsCard({ measureId, onChanged }: { measureId: number; onChanged: () => void }) {
  const { user } = useSession();
  const { message } = App.useApp();
  const list = useApi<ExtensionList>(`/api/measures/${measureId}/extensions`);
  const [isRequestOpen, setIsRequestOpen] = useState(false);
  const [deciding, setDeciding] = useState<{ id: number; decision: "approved" | "rejected" } | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [requestForm] = Form.useForm<{ requestedDueDate: Dayjs; reason: string }>();
  const [decisionForm] = Form.useForm<{ note?: string }>();

  const run = async (action: () => Promise<unknown>, success: string): Promise<boolean> => {
    setIsBusy(true);
    try {
      await action();
      message.success(success);
      list.reload();
      onChanged();
      return true;
    } catch (reason) {
      message.error(describeError(reason));
      return false;
    } finally {
      setIsBusy(false);
    }
  };
  const submitRequest = async (): Promise<void> => {
    const values = await requestForm.validateFields();
    const ok = await run(
      () => apiFetch(`/api/measures/${measureId}/extensions`, { method: "POST", body: { requestedDueDate: values.requestedDueDate.format("YYYY-MM-DD"), reason: values.reason } }),
      "延期申请已提交，等待审批",
    );
    if (ok) {
      setIsRequestOpen(false);
      requestForm.resetFields();
    }
  };
  const submitDecision = async (): Promise<void> => {
    if (!deciding) return;
    const values = await decisionForm.validateFields();
    const ok = await run(
      () => apiFetch(`/api/extensions/${deciding.id}/decision`, { method: "POST", body: { decision: deciding.decision, ...(values.note ? { note: values.note } : {}) } }),
      deciding.decision === "approved" ? "已批准延期，完成时限已调整" : "已不予批准",
    );
    if (ok) {
      setDeciding(null);
      decisionForm.resetFields();
    }
  };

  const data = list.data;
  const pending = data?.items.find((e) => e.state === "pending");
  return (
    <Card
      size="small"
      title="申请延期"
      style={{ marginBottom: 12 }}
      extra={
        data?.canRequest &&
        !pending && (
          <Button size="small" onClick={() => setIsRequestOpen(true)} data-testid="request-extension">
            申请延期
          </Button>
        )
      }
    >
      {data && (
        <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="extension-dates">
          原定时限：{data.originalDueDate ?? "—"}
          {data.dueDate && data.dueDate !== data.originalDueDate ? `；调整后时限：${data.dueDate}` : ""}
          <Typography.Text type="secondary">（由{data.approverLabel}审批）</Typography.Text>
        </Typography.Paragraph>
      )}
      {!data || data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未申请过延期" />
      ) : (
        <ItemList
          testId="extension-list"
          rows={data.items.map((item) => ({
            key: item.id,
            title: (
              <Space wrap>
                <Tag color={STATE[item.state].color}>{STATE[item.state].label}</Tag>
                <span>
                  {item.previousDueDate ?? "—"} → {item.requestedDueDate}
                </span>
              </Space>
            ),
            description: (
              <span>
                {item.requesterName} 于 {formatTime(item.requestedAt)} 申请：{item.reason}
                {item.decidedAt && item.deciderName ? (
                  <>
                    <br />
                    {item.deciderName} 于 {formatTime(item.decidedAt)} {STATE[item.state].label}
                    {item.decisionNote ? `：${item.decisionNote}` : ""}
                  </>
                ) : null}
              </span>
            ),
            actions:
              item.state !== "pending" ? null : (
                <Space orientation="vertical" size={4}>
                  {data.canDecide && item.requestedBy !== user?.userId && (
                    <>
                      <Button size="small" type="primary" onClick={() => setDeciding({ id: item.id, decision: "approved" })} data-testid="approve-extension">
                        批准
                      </Button>
                      <Button size="small" danger onClick={() => setDeciding({ id: item.id, decision: "rejected" })}>
                        不批准
                      </Button>
                    </>
                  )}
                  {item.requestedBy === user?.userId && (
                    <Button size="small" onClick={() => void run(() => apiFetch(`/api/extensions/${item.id}/withdraw`, { method: "POST" }), "已撤回延期申请")}>
                      撤回
                    </Button>
                  )}
                </Space>
              ),
          }))}
        />
      )}
      <Modal title="申请延期" open={isRequestOpen} onOk={() => void submitRequest()} onCancel={() => setIsRequestOpen(false)} confirmLoading={isBusy} okText="提交申请" destroyOnHidden>
        <Form form={requestForm} name="extension" layout="vertical" preserve={false}>
          <Form.Item label="申请延至" name="requestedDueDate" rules={[{ required: true, message: "请选择新的完成时限" }]} extra={data?.dueDate ? `当前完成时限：${data.dueDate}` : undefined}>
            <DatePicker style={{ width: 200 }} disabledDate={(d) => !!data?.dueDate && d.isBefore(dayjs(data.dueDate).add(1, "day"), "day")} />
          </Form.Item>
          <Form.Item label="延期理由" name="reason" rules={[{ required: true, message: "请填写延期理由" }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder="说明不能按期完成的客观原因和保障措施" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={deciding?.decision === "approved" ? "批准延期" : "不予批准延期"}
        open={deciding !== null}
        onOk={() => void submitDecision()}
        onCancel={() => setDeciding(null)}
        confirmLoading={isBusy}
        okText="确定"
        destroyOnHidden
      >
        <Form form={decisionForm} name="extensionDecision" layout="vertical" preserve={false}>
          <Form.Item label="审批意见" name="note" rules={[{ required: deciding?.decision === "rejected", message: "不批准时须填写审批意见" }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
