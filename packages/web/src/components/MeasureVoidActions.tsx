import { useState } from "react";
import { Button, Popconfirm } from "antd";
import { useNavigate } from "react-router";
import { apiFetch } from "../api/client.ts";
import type { Measure } from "../api/types.ts";
import { useRun } from "../hooks/useRun.ts";
import { VoidModal } from "./VoidModal.tsx";

/** 作废 / 删除 of an open measure: void with a reason; delete only while it holds nothing (the server says why not). */
export function MeasureVoidActions({ measure, onVoided }: { measure: Measure; onVoided(): void }) {
  const navigate = useNavigate();
  const [isVoidOpen, setIsVoidOpen] = useState(false);
  const { run } = useRun();
  const remove = async () => {
    if (await run(() => apiFetch(`/api/measures/${measure.id}?version=${measure.version}`, { method: "DELETE" }), "整改措施已删除")) navigate(`/findings/${measure.findingId}`);
  };
  return (
    <>
      <Button danger onClick={() => setIsVoidOpen(true)}>
        作废措施
      </Button>
      <Popconfirm title="删除这条措施？" description="只有没有任何进展、佐证和签字的措施才能删除；否则请作废。" okText="删除" okButtonProps={{ danger: true }} onConfirm={remove}>
        <Button type="text" danger>
          删除
        </Button>
      </Popconfirm>
      <VoidModal
        title="作废整改措施"
        what="整改措施"
        isOpen={isVoidOpen}
        onClose={() => setIsVoidOpen(false)}
        onConfirm={(reason) => apiFetch(`/api/measures/${measure.id}/void`, { method: "POST", body: { version: measure.version, reason } })}
        onDone={() => {
          setIsVoidOpen(false);
          onVoided();
        }}
      />
    </>
  );
}
