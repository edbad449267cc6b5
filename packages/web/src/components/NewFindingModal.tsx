import { useState } from "react";
import { App, Col, DatePicker, Form, Input, Modal, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import { labelFindingSource, type FindingSource } from "@zhenggai/core";
import { apiFetch, describeError } from "../api/client.ts";

const SOURCES: FindingSource[] = ["feedback", "immediate", "petition", "lead", "previous_round", "audit"];

interface FindingForm {
  number?: string;
  category?: string;
  title: string;
  subPoints?: string;
  source: FindingSource;
  leadLeader?: string;
  leadDepartmentId?: number;
  dueDate?: Dayjs | null;
}

/** Adds a finding (反馈问题) to a round's ledger. */
export function NewFindingModal(props: {
  inspectionId: number;
  departments: { value: number; label: string }[];
  categories: string[];
  isOpen: boolean;
  onClose(): void;
  onCreated(): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FindingForm>();
  const [isBusy, setIsBusy] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      await apiFetch(`/api/inspections/${props.inspectionId}/findings`, {
        method: "POST",
        body: {
          ...(values.number ? { number: values.number } : {}),
          category: values.category || null,
          title: values.title,
          subPoints: (values.subPoints ?? "").split("\n").map((s) => s.trim()).filter(Boolean),
          source: values.source,
          leadLeader: values.leadLeader || null,
          leadDepartmentId: values.leadDepartmentId ?? null,
          dueDate: values.dueDate ? values.dueDate.format("YYYY-MM-DD") : null,
        },
      });
      message.success("问题已新增");
      props.onCreated();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal title="新增问题" open={props.isOpen} onOk={submit} onCancel={props.onClose} confirmLoading={isBusy} width={680} destroyOnHidden>
      <Form form={form} name="newFinding" layout="vertical" preserve={false} initialValues={{ source: "feedback" }}>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item label="序号" name="number" extra="不填自动编号">
              <Input />
            </Form.Item>
          </Col>
          <Col span={18}>
            <Form.Item label="问题方面" name="category">
              <Select showSearch allowClear options={props.categories.map((c) => ({ value: c, label: c }))} placeholder="选择或留空" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="问题" name="title" rules={[{ required: true, message: "请填写问题" }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item label="具体表现" name="subPoints" extra="每条一行，如“一是……”">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label="问题来源" name="source">
              <Select options={SOURCES.map((s) => ({ value: s, label: labelFindingSource(s) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="牵头领导" name="leadLeader">
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="牵头部门" name="leadDepartmentId">
              <Select allowClear options={props.departments} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="完成时限" name="dueDate">
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
