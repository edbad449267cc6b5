import type { NoticeState } from "./types.ts";

/** Chinese label and tag colour of a notice state. */
export function describeNoticeState(state: NoticeState): { label: string; color: string } {
  switch (state) {
    case "draft":
      return { label: "草稿", color: "default" };
    case "approved":
      return { label: "已审核", color: "processing" };
    case "published":
      return { label: "已发布", color: "success" };
    case "withdrawn":
      return { label: "已撤回", color: "warning" };
  }
}
