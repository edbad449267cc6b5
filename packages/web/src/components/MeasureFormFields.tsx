import { Col, DatePicker, Form, Input, Row, Select } from "antd";
import { labelMeasureKind, type MeasureKind } from "@zhenggai/core";
import { PersonPicker } from "./PersonPicker.tsx";

const MEASURE_KINDS: readonly MeasureKind[] = ["immediate", "deadline", "long_term"];

/** The fields of a measure (text, kind, due date, owner triple), shared by the create and edit forms. */
export function MeasureFormFields(props: { departments: { value: number; label: string }[]; originalDueDate?: string | null; unitId?: number }) {
  return (
    <>
      <Form.Item label="整改措施" name="text" rules={[{ required: true, message: "请填写整改措施" }]}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label="措施类型" name="kind">
            <Select options={MEASURE_KINDS.map((k) => ({ value: k, label: labelMeasureKind(k) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="完成时限" name="dueDate" extra={props.originalDueDate ? `原定时限：${props.originalDueDate}` : undefined}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="责任领导" name="leaderName">
            <PersonPicker unitId={props.unitId} idField="leaderUserId" preferredRole="leader" />
          </Form.Item>
          <Form.Item name="leaderUserId" hidden noStyle>
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
            <PersonPicker unitId={props.unitId} idField="ownerUserId" preferredRole="department" />
          </Form.Item>
          <Form.Item name="ownerUserId" hidden noStyle>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
