import { Col, DatePicker, Form, Input, Row, Select } from "antd";
import { FIELD_LIMITS, labelFindingSource, type FindingSource } from "@zhenggai/core";

const SOURCES: FindingSource[] = ["feedback", "immediate", "petition", "lead", "previous_round", "audit"];
const L = FIELD_LIMITS.finding;

/**
 * The fields of a finding, shared by the create and edit forms; `withTexts` adds what the notice
 * prints for it (整改情况, 整改计划). Length limits come from core and show while typing.
 */
export function FindingFormFields(props: { departments: { value: number; label: string }[]; categories: string[]; withTexts?: boolean; lockedProblem?: boolean }) {
  const locked = props.lockedProblem === true;
  return (
    <>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item label="序号" name="number" extra="不填自动编号">
            <Input maxLength={L.number} disabled={locked} />
          </Form.Item>
        </Col>
        <Col span={18}>
          <Form.Item label="问题方面" name="category">
            <Select showSearch allowClear disabled={locked} options={props.categories.map((c) => ({ value: c, label: c }))} placeholder="选择或留空" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="问题" name="title" rules={[{ required: true, whitespace: true, message: "请填写问题" }]}>
        <Input.TextArea rows={2} maxLength={L.title} showCount disabled={locked} />
      </Form.Item>
      <Form.Item label="具体表现" name="subPoints" extra="每条一行，如“一是……”">
        <Input.TextArea rows={3} disabled={locked} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item label="问题来源" name="source" extra="巡察期间当场整改的选“立行立改”，完成时限可早于反馈日期">
            <Select disabled={locked} options={SOURCES.map((s) => ({ value: s, label: labelFindingSource(s) }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="牵头领导" name="leadLeader">
            <Input maxLength={L.leadLeader} disabled={locked} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="牵头部门" name="leadDepartmentId">
            <Select allowClear disabled={locked} options={props.departments} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="完成时限" name="dueDate">
            <DatePicker style={{ width: "100%" }} disabled={locked} />
          </Form.Item>
        </Col>
      </Row>
      {props.withTexts && (
        <>
          <Form.Item label="整改计划" name="planText" extra="未完成的问题在通报中列出整改计划；不填将显示“整改计划待补充”">
            <Input.TextArea rows={3} maxLength={L.planText} showCount />
          </Form.Item>
          <Form.Item label="整改情况" name="progressText" extra="通报中“整改情况”一段的文字">
            <Input.TextArea rows={4} maxLength={L.progressText} showCount />
          </Form.Item>
        </>
      )}
    </>
  );
}
