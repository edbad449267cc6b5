import { useState } from "react";
import { Button, Form, Input, Modal, Popconfirm, Space } from "antd";
import { FIELD_LIMITS } from "@zhenggai/core";
import { useNavigate } from "react-router";
import { apiFetch } from "../api/client.ts";
import type { Inspection } from "../api/types.ts";
import { useRun } from "../hooks/useRun.ts";

/**
 * 归档 / 取消归档 / 删除 of a round: an archived round is read-only and kept whole; deletion is only
 * for a round that holds nothing (the server names what it holds when it refuses).
 */
export function RoundActions({ round, onChanged }: { round: Inspection; onChanged(): void }) {
  const navigate = useNavigate();
  const [mode, setMode] = useState<"archive" | "unarchive" | null>(null);
  const [form] = Form.useForm<{ reason?: string }>();
  const { isBusy, run } = useRun();
  const submit = async () => {
    const { reason } = await form.validateFields();
    const body = { version: round.version, ...(reason?.trim() ? { reason: reason.trim() } : {}) };
    if (await run(() => apiFetch(`/api/inspections/${round.id}/${mode}`, { method: "POST", body }), mode === "archive" ? "本轮已归档，此后只读" : "已取消归档")) {
      setMode(null);
      onChanged();
    }
  };
  const remove = async () => {
    if (await run(() => apiFetch(`/api/inspections/${round.id}?version=${round.version}`, { method: "DELETE" }), "巡察轮次已删除")) navigate("/inspections");
  };
  return (
    <Space size={4}>
      {round.archivedAt ? (
        <Button size="small" onClick={() => setMode("unarchive")}>
          取消归档
        </Button>
      ) : (
        <>
          <Button size="small" onClick={() => setMode("archive")} data-testid="archive-round">
            归档
          </Button>
          <Popconfirm title="删除本轮？" description="只有没有任何进展、佐证、签字、登记和通报的轮次才能删除；否则请归档。" okText="删除" okButtonProps={{ danger: true }} onConfirm={remove}>
            <Button size="small" type="text" danger>
              删除
            </Button>
          </Popconfirm>
        </>
      )}
      <Modal title={mode === "archive" ? "归档本轮" : "取消归档"} open={mode !== null} onOk={submit} onCancel={() => setMode(null)} confirmLoading={isBusy} okText="确定" destroyOnHidden>
        <p>{mode === "archive" ? "归档后本轮的台账、进展、佐证、登记和通报只能查看，不能修改；需要时可以取消归档。" : "取消归档后本轮恢复可修改，原因记入变更记录。"}</p>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item label={mode === "archive" ? "归档说明（可不填）" : "取消归档原因"} name="reason" rules={[{ required: mode === "unarchive", whitespace: true, message: "请填写取消归档原因" }]}>
            <Input.TextArea rows={2} maxLength={FIELD_LIMITS.reason} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
