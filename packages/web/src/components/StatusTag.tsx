import { Tag } from "antd";
import { labelStatus, type Status } from "@zhenggai/core";

function colorOf(status: Status): string {
  switch (status) {
    case "not_started":
      return "default";
    case "in_progress":
      return "processing";
    case "phased":
      return "gold";
    case "completed":
      return "success";
    case "completed_long_term":
      return "cyan";
    case "not_completed":
      return "error";
  }
}

/** Status badge with the Chinese label notices print. */
export function StatusTag({ status }: { status: Status }) {
  return <Tag color={colorOf(status)}>{labelStatus(status)}</Tag>;
}
