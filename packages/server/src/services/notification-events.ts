import { formatChineseDate, type SignoffStep } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { insertNotifications, type NotificationDraft } from "../repositories/notification.repository.ts";
import {
  commentTriagersOf,
  issuersOfDirective,
  leadersOfMeasure,
  linkedOwnerOf,
  mergeRecipients,
  ownersOfMeasure,
  principalsOf,
  rectificationOfficeOf,
  signersOfClosureStep,
  standInNote,
  supervisorsOf,
  type MeasureParty,
  type Recipient,
} from "./recipients.ts";

// The events people must act on or know about, each turned into notifications for the people the
// recipients module names. Called inside the transaction that made the change, so a rolled-back
// change notifies nobody. The person who acted is never notified of their own act.

/** A measure as the notifications describe it. */
export type NotifiedMeasure = MeasureParty & { id: number; text: string };

/** Shortens a text for a notification title. */
export function shorten(text: string, length = 40): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

async function send(q: Queryable, userIds: readonly number[], actorId: number | null, draft: NotificationDraft): Promise<number[]> {
  return insertNotifications(q, userIds.filter((id) => id !== actorId), draft);
}

/**
 * Sends a draft to resolved recipients: the people themselves get it as is; someone standing in for
 * a 责任人 or 责任领导 who cannot be notified gets it with a sentence saying for whom and why. Returns
 * the ids of the users notified.
 */
export async function sendToRecipients(q: Queryable, recipients: readonly Recipient[], actorId: number | null, draft: NotificationDraft): Promise<number[]> {
  const byNote = new Map<string | null, number[]>();
  for (const r of recipients) {
    if (r.userId === actorId) continue;
    byNote.set(r.standsInFor, [...(byNote.get(r.standsInFor) ?? []), r.userId]);
  }
  const reached: number[] = [];
  for (const [standsInFor, userIds] of byNote) {
    reached.push(...(await insertNotifications(q, userIds, standsInFor === null ? draft : { ...draft, body: `${draft.body}${standInNote(standsInFor)}` })));
  }
  return reached;
}

function measureDraft(measure: NotifiedMeasure, kind: NotificationDraft["kind"], title: string, body: string): NotificationDraft {
  return { kind, title, body, link: `/measures/${measure.id}`, entity: "measure", entityId: measure.id, orgId: measure.orgId };
}

/**
 * A measure was created or (re)assigned: its 责任人 and 责任领导 learn of it, through their accounts; for
 * one known only by name, the department's head (责任人) or the 整改办 (责任领导) is told in their place.
 */
export async function notifyMeasureAssigned(q: Queryable, measure: NotifiedMeasure & { dueDate: string | null }, actorId: number | null): Promise<void> {
  const people = mergeRecipients([...(await ownersOfMeasure(q, measure)), ...(await leadersOfMeasure(q, measure))]);
  const due = measure.dueDate ? `，完成时限${formatChineseDate(measure.dueDate)}` : "";
  await sendToRecipients(q, people, actorId, measureDraft(measure, "assigned", `新分派整改措施：${shorten(measure.text)}`, `您有一项整改措施“${measure.text}”${due}，请及时推进并报送进展。`));
}

/**
 * A closure waits for the people who may sign its next step on `today`: the person it is routed to
 * and their 代签 delegates, or the role's holders, never the submitter or an earlier signer.
 */
export async function notifySignoffNeeded(
  q: Queryable,
  measure: NotifiedMeasure,
  step: SignoffStep,
  excludedUserIds: readonly number[],
  actorId: number | null,
  today: string,
): Promise<void> {
  const signers = await signersOfClosureStep(q, measure, step, excludedUserIds, today);
  await send(q, signers, actorId, measureDraft(measure, "signoff_needed", `待签字确认：${shorten(measure.text)}`, `整改措施“${measure.text}”已申请销号，当前环节“${step.label}”等待您签字确认。请核对佐证材料后办理。`));
}

/** A closure was returned: the submitter learns why. */
export async function notifyClosureReturned(q: Queryable, measure: NotifiedMeasure, submitterId: number, stepLabel: string, reason: string, actorId: number | null): Promise<void> {
  await send(q, [submitterId], actorId, measureDraft(measure, "closure_returned", `销号申请被退回：${shorten(measure.text)}`, `您提交的整改措施“${measure.text}”销号申请在“${stepLabel}”环节被退回。退回理由：${reason}`));
}

/** A closure was fully approved: the submitter and the 责任人 learn of it. */
export async function notifyClosureApproved(q: Queryable, measure: NotifiedMeasure, submitterId: number, actorId: number | null): Promise<void> {
  const people = [submitterId, ...(await linkedOwnerOf(q, measure))];
  await send(q, people, actorId, measureDraft(measure, "closure_approved", `已销号：${shorten(measure.text)}`, `整改措施“${measure.text}”已完成全部签字确认，对账销号。`));
}

/** An extension request waits for its approvers. */
export async function notifyExtensionRequested(q: Queryable, measure: NotifiedMeasure, approvers: readonly number[], requestedDueDate: string, reason: string, actorId: number | null): Promise<void> {
  await send(q, approvers, actorId, measureDraft(measure, "extension_requested", `延期申请待审批：${shorten(measure.text)}`, `整改措施“${measure.text}”申请将完成时限延至${formatChineseDate(requestedDueDate)}。申请理由：${reason}`));
}

/** An extension request was decided: the requester and the 责任人 learn the outcome. */
export async function notifyExtensionDecided(q: Queryable, measure: NotifiedMeasure, requesterId: number, isApproved: boolean, dueDate: string, note: string | null, actorId: number | null): Promise<void> {
  const people = [requesterId, ...(await linkedOwnerOf(q, measure))];
  const outcome = isApproved ? `已批准，完成时限调整为${formatChineseDate(dueDate)}` : `未获批准，完成时限仍为${formatChineseDate(dueDate)}`;
  await send(q, people, actorId, measureDraft(measure, "extension_decided", `延期申请${isApproved ? "已批准" : "未批准"}：${shorten(measure.text)}`, `整改措施“${measure.text}”的延期申请${outcome}。${note ? `审批意见：${note}` : ""}`));
}

/** A directive (督办单) reached a unit: its 整改办, 主要负责人 and, for a measure, the 责任人 (or who stands in). */
export async function notifyDirectiveReceived(
  q: Queryable,
  directive: { id: number; orgId: number; text: string; replyDue: string | null; issuerName: string },
  measure: NotifiedMeasure | null,
  actorId: number | null,
): Promise<void> {
  const office = [...(await rectificationOfficeOf(q, directive.orgId)), ...(await principalsOf(q, directive.orgId))].map((userId) => ({ userId, standsInFor: null }));
  const people = mergeRecipients([...office, ...(measure ? await ownersOfMeasure(q, measure) : [])]);
  const due = directive.replyDue ? `，请于${formatChineseDate(directive.replyDue)}前回复` : "";
  await sendToRecipients(q, people, actorId, {
    kind: "directive_received",
    title: `收到督办单：${shorten(directive.text)}`,
    body: `${directive.issuerName}督办：“${directive.text}”${due}。`,
    link: `/directives/${directive.id}`,
    entity: "directive",
    entityId: directive.id,
    orgId: directive.orgId,
  });
}

/** A unit replied to a directive: the issuing office learns of it. */
export async function notifyDirectiveReplied(
  q: Queryable,
  directive: { id: number; orgId: number; text: string; issuedBy: number | null; issuedByOrgId: number; unitName: string },
  actorId: number | null,
): Promise<void> {
  await send(q, await issuersOfDirective(q, directive), actorId, {
    kind: "directive_replied",
    title: `督办已回复：${shorten(directive.text)}`,
    body: `${directive.unitName}已回复督办事项“${directive.text}”，请查阅并办结。`,
    link: `/directives/${directive.id}`,
    entity: "directive",
    entityId: directive.id,
    orgId: directive.orgId,
  });
}

/** The public sent an opinion on a published notice: the unit's 整改办 triages it. */
export async function notifyCommentToTriage(q: Queryable, notice: { id: number; orgId: number; title: string }): Promise<void> {
  await send(q, await commentTriagersOf(q, notice.orgId), null, {
    kind: "comment_to_triage",
    title: `新的群众意见待处理：${shorten(notice.title)}`,
    body: `公示中的“${notice.title}”收到一条群众意见，请及时审核处理。`,
    link: `/notices/${notice.id}`,
    entity: "notice",
    entityId: notice.id,
    orgId: notice.orgId,
  });
}

/** A weekly report was generated (to the 整改办) or sent (to the supervisors). */
export async function notifyWeeklyReport(
  q: Queryable,
  report: { id: number; orgId: number; periodStart: string; periodEnd: string; unitName: string },
  stage: "generated" | "sent",
  actorId: number | null,
): Promise<void> {
  const people = stage === "generated" ? await rectificationOfficeOf(q, report.orgId) : await supervisorsOf(q, report.orgId);
  const period = `${formatChineseDate(report.periodStart)}至${formatChineseDate(report.periodEnd)}`;
  await send(q, people, actorId, {
    kind: "weekly_report",
    title: stage === "generated" ? `本周周汇报已生成（${period}）` : `${report.unitName}报送了周汇报`,
    body: stage === "generated" ? `系统已生成${report.unitName}${period}的整改工作周汇报，请核对补充后报送。` : `${report.unitName}报送了${period}的整改工作周汇报。`,
    link: `/weekly-reports/${report.id}`,
    entity: "weekly_report",
    entityId: report.id,
    orgId: report.orgId,
  });
}
