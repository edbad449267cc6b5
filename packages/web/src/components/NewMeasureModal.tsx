import { useState } from "react";
import { App, Col, DatePicker, Form, Input, Modal, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import { labelMeasureKind, type MeasureKind } from "@zhenggai/core";
import { apiFetch, describeError } from "../api/client.ts";

interface MeasureForm {
  text: string;
  kind: MeasureKind;
  leaderName?: string;
  departmentId?: number;
  ownerName?: string;
  dueDate?: Dayjs | null;
}

/** Adds a measure (整改措施) with its owner triple and due date to a finding. */
export function NewMeasureModal(props: { findingId: number | null; departments: { value: number; label: string }[]; onClose(): void; onCreated(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<MeasureForm>();
  const [isBusy, setIsBusy] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      await apiFetch(`/api/findings/${props.findingId}/measures`, {
        method: "POST",
        body: {
          text: values.text,
          kind: values.kind,
          leaderName: values.leaderName || null,
          departmentId: values.departmentId ?? null,
          ownerName: values.ownerName || null,
          dueDate: values.dueDate ? values.dueDate.format("YYYY-MM-DD") : null,
        },
      });
      message.success("整改措施已新增");
      props.onCreated();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal title="新增整改措施" open={props.findingId !== null} onOk={submit} onCancel={props.onClose} confirmLoading={isBusy} width={640} destroyOnHidden>
      <Form form={form} name="newMeasure" layout="vertical" preserve={false} initialValues={{ kind: "deadline" }}>
        <Form.Item label="整改措施" name="text" rules={[{ required: true, message: "请填写整改措施" }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label="措施类型" name="kind">
              <Select options={(["immediate", "deadline", "long_term"] as MeasureKind[]).map((k) => ({ value: k, label: labelMeasureKind(k) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="完成时限" name="dueDate">
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="责任领导" name="leaderName">
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="责任部门" name="departmentId">
              <Select allowClear options={props.departments} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="责任人" name="ownerName">
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
