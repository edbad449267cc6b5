import { useState } from "react";
import { Alert, App, Col, DatePicker, Form, Input, Modal, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import { apiFetch, describeError } from "../api/client.ts";
import { PersonPicker } from "./PersonPicker.tsx";

interface BulkAssignForm {
  departmentId?: number;
  leaderName?: string;
  leaderUserId?: number | null;
  ownerName?: string;
  ownerUserId?: number | null;
  dueDate?: Dayjs | null;
}

/** Sets 责任部门 / 责任领导 / 责任人 / 完成时限 on many measures at once; empty fields stay unchanged. */
export function BulkAssignModal(props: { ids: readonly number[]; unitId?: number; departments: { value: number; label: string }[]; onClose(): void; onAssigned(updated: number): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<BulkAssignForm>();
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    const body: Record<string, unknown> = { ids: props.ids };
    if (values.departmentId !== undefined) body.departmentId = values.departmentId;
    if (values.leaderName?.trim()) body.leaderName = values.leaderName.trim();
    if (values.leaderName?.trim() && values.leaderUserId !== undefined) body.leaderUserId = values.leaderUserId;
    if (values.ownerName?.trim()) body.ownerName = values.ownerName.trim();
    if (values.ownerName?.trim() && values.ownerUserId !== undefined) body.ownerUserId = values.ownerUserId;
    if (values.dueDate) body.dueDate = values.dueDate.format("YYYY-MM-DD");
    if (Object.keys(body).length === 1) {
      setError("请至少填写一项要批量修改的内容");
      return;
    }
    setError(null);
    setIsBusy(true);
    try {
      const result = await apiFetch<{ updated: number }>("/api/measures/bulk-assign", { method: "POST", body });
      props.onAssigned(result.updated);
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal title={`批量指派（已选 ${props.ids.length} 项整改措施）`} open onOk={submit} onCancel={props.onClose} confirmLoading={isBusy} okText="指派" width={600} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="只修改填写了的项目，留空的项目保持各措施原值。" />
      <Form form={form} name="bulkAssign" layout="vertical" preserve={false} onValuesChange={() => setError(null)}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label="责任部门" name="departmentId">
              <Select allowClear showSearch={{ optionFilterProp: "label" }} placeholder="不修改" options={props.departments} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="完成时限" name="dueDate">
              <DatePicker style={{ width: "100%" }} placeholder="不修改" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="责任领导" name="leaderName">
              <PersonPicker unitId={props.unitId} idField="leaderUserId" preferredRole="leader" placeholder="不修改" />
            </Form.Item>
            <Form.Item name="leaderUserId" hidden noStyle>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="责任人" name="ownerName">
              <PersonPicker unitId={props.unitId} idField="ownerUserId" preferredRole="department" placeholder="不修改" />
            </Form.Item>
            <Form.Item name="ownerUserId" hidden noStyle>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
