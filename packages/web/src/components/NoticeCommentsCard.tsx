import { useState } from "react";
import { App, Button, Card, Empty, Popconfirm, Segmented, Space, Spin, Tag, Typography } from "antd";
import { apiFetch, describeError } from "../api/client.ts";
import { formatTime } from "../api/labels.ts";
import type { PublicComment } from "../api/types.ts";
import { useApi } from "../hooks/useApi.ts";
import { ErrorResult } from "./ErrorResult.tsx";
import { ItemList } from "./ItemList.tsx";

const STATES: Record<PublicComment["state"], { label: string; color: string }> = {
  pending: { label: "待审核", color: "processing" },
  accepted: { label: "已采纳", color: "success" },
  rejected: { label: "不予采纳", color: "default" },
};

type Filter = "all" | PublicComment["state"];

/** Public comments (群众意见) on a notice, with accept / reject for those who moderate them. */
export function NoticeCommentsCard({ noticeId, canModerate }: { noticeId: number; canModerate: boolean }) {
  const { message } = App.useApp();
  const comments = useApi<{ items: PublicComment[] }>(`/api/notices/${noticeId}/comments`);
  const [filter, setFilter] = useState<Filter>("pending");
  const [busyId, setBusyId] = useState<number | null>(null);
  const items = comments.data?.items ?? [];
  const pendingCount = items.filter((c) => c.state === "pending").length;
  const shown = filter === "all" ? items : items.filter((c) => c.state === filter);

  const moderate = async (comment: PublicComment, state: "accepted" | "rejected") => {
    setBusyId(comment.id);
    try {
      await apiFetch(`/api/comments/${comment.id}/moderate`, { method: "POST", body: { state, version: comment.version } });
      message.success(state === "accepted" ? "已采纳该意见" : "已标记为不予采纳");
      comments.reload();
    } catch (reason) {
      message.error(describeError(reason));
      // A stale version means someone else moderated it: show the current state.
      comments.reload();
    } finally {
      setBusyId(null);
    }
  };

  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      data-testid="notice-comments"
      title={
        <Space>
          <span>群众意见</span>
          {pendingCount > 0 && <Tag color="red">待审核 {pendingCount}</Tag>}
        </Space>
      }
      extra={
        <Segmented<Filter>
          size="small"
          value={filter}
          onChange={setFilter}
          options={[
            { value: "pending", label: "待审核" },
            { value: "accepted", label: "已采纳" },
            { value: "rejected", label: "不予采纳" },
            { value: "all", label: `全部（${items.length}）` },
          ]}
        />
      }
    >
      {comments.error ? (
        <ErrorResult error={comments.error} onRetry={comments.reload} />
      ) : !comments.data ? (
        <div style={{ textAlign: "center", padding: 16 }}>
          <Spin />
        </div>
      ) : shown.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={items.length === 0 ? "尚无群众意见：通报发布后，公示期内群众在公开页面提交的意见显示在这里" : "没有该状态的意见"}
        />
      ) : (
        <ItemList
          testId="notice-comment-list"
          rows={shown.map((comment) => ({
            key: comment.id,
            title: (
              <span>
                <Tag color={STATES[comment.state].color}>{STATES[comment.state].label}</Tag>
                <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{comment.text}</Typography.Text>
              </span>
            ),
            description: `${formatTime(comment.createdAt)} 提交${comment.contact ? ` · 联系方式：${comment.contact}` : " · 未留联系方式"}`,
            actions:
              canModerate && comment.state === "pending" ? (
                <Space size={4}>
                  <Button size="small" type="primary" loading={busyId === comment.id} onClick={() => moderate(comment, "accepted")}>
                    采纳
                  </Button>
                  <Popconfirm title="确认不予采纳该意见？" okText="不予采纳" cancelText="取消" onConfirm={() => moderate(comment, "rejected")}>
                    <Button size="small" disabled={busyId === comment.id}>
                      不予采纳
                    </Button>
                  </Popconfirm>
                </Space>
              ) : undefined,
          }))}
        />
      )}
    </Card>
  );
}
