import {
  addDays,
  computeRoundWindows,
  daysBetween,
  dueLadderEvents,
  dueWindowEvents,
  formatChineseDate,
  todayInShanghai,
  weeklyPeriodOf,
  type ClockRules,
  type LadderStep,
  type NotificationKind,
  type RecipientKind,
} from "@zhenggai/core";
import type { Database, Queryable } from "../db/database.ts";
import { escapeHtml } from "../exports/html/html-writer.ts";
import type { Mailer } from "../mail/mailer.ts";
import {
  insertClockEvent,
  insertPastClockEvents,
  listFiredKeys,
  listRecentWeeklyReportKeys,
  listOpenDirectiveFacts,
  listOpenMeasureFacts,
  listRoundFacts,
  listUnitsWithOpenMeasures,
  newestAuditId,
  setClockEventRecipients,
  type LadderWindow,
} from "../repositories/clock.repository.ts";
import { listDefinedClockRules } from "../repositories/stats.repository.ts";
import { claimPendingMail, finishMail, type NotificationDraft } from "../repositories/notification.repository.ts";
import { LightBook } from "./clock.service.ts";
import { sendToRecipients, shorten } from "./notification-events.ts";
import { resolveRecipients, type MeasureParty } from "./recipients.ts";
import { runMutation } from "./transaction.ts";
import type { WeeklyReportService } from "./weekly-report.service.ts";

/** What one scheduler run did. */
export interface TickResult {
  /** Events recorded by this run (each fires once in the whole system). */
  fired: number;
  notifications: number;
  weeklyReports: number;
  mailSent: number;
  mailFailed: number;
}

/** A running scheduler loop. */
export interface SchedulerHandle {
  stop(): Promise<void>;
}

const MAIL_BATCH = 20;
// A sweep runs at least this often even when nothing seems to have changed (see start).
const FULL_SWEEP_EVERY_MS = 15 * 60_000;
// Events recorded as past per statement (recordAsPast).
const PAST_EVENTS_BATCH = 5000;

/** One event due today: what to record, whom to tell and what to say. */
interface DueItem {
  event: { recordType: "measure" | "directive" | "inspection"; recordId: number; orgId: number; stepKey: string; anchorDate: string; fireDate: string };
  recipients: readonly RecipientKind[];
  context: Parameters<typeof resolveRecipients>[2];
  draft: NotificationDraft;
}
const MAIL_LEASE_SECONDS = 300;
const MAIL_MAX_AGE_HOURS = 72;
const MAIL_MAX_ATTEMPTS = 5;

/** Options of the scheduler. */
export interface SchedulerOptions {
  now: () => Date;
  fallbackRules: () => ClockRules;
  mailer: Mailer | null;
  /** Base URL of the app for links in e-mails. */
  publicUrl: string;
}

/**
 * The clock that runs by itself: reminders and escalation for measures and directives, window
 * reminders for rounds, weekly reports, and e-mail delivery. State lives in PostgreSQL: every due event
 * is inserted under a unique key (record, step, anchor date) in the same transaction as its
 * notifications, so each fires exactly once with any number of app processes, and a run after a
 * downtime fires whatever became due meanwhile.
 */
export class SchedulerService {
  constructor(
    private readonly db: Database,
    private readonly weeklyReports: WeeklyReportService,
    private readonly options: SchedulerOptions,
  ) {}

  /** Whether e-mail is configured (the admin page says so). */
  mailStatus(): { isConfigured: boolean; description: string | null } {
    return { isConfigured: this.options.mailer !== null, description: this.options.mailer?.description ?? null };
  }

  /** Runs everything due now once: the sweep, then e-mail delivery. */
  async tick(): Promise<TickResult> {
    const swept = await this.sweep();
    const mail = await this.deliverMail();
    return { ...swept, mailSent: mail.sent, mailFailed: mail.failed };
  }

  /** Fires every reminder, escalation and window event due today that has not fired yet, and generates due weekly reports. */
  async sweep(): Promise<Omit<TickResult, "mailSent" | "mailFailed">> {
    const today = todayInShanghai(this.options.now());
    const result = { fired: 0, notifications: 0, weeklyReports: 0 };
    // Each org's rules, read once per run (the book the list pages use for their lights).
    const rules = new LightBook(this.db, today, this.options.fallbackRules());
    await this.forEachDueEvent(today, rules, async (due) => {
      const reached = await this.fire(due.event, due.recipients, due.context, due.draft);
      if (reached === null) return;
      result.fired += 1;
      result.notifications += reached;
    });
    result.weeklyReports = await this.generateWeeklyReports(today, rules);
    return result;
  }

  /** Generates the weekly reports that have fallen due; returns how many. */
  private async generateWeeklyReports(today: string, rules: LightBook): Promise<number> {
    const units = await listUnitsWithOpenMeasures(this.db);
    await rules.preload(units);
    // The reports of the last weeks, read at once: a unit whose current report exists is skipped
    // without a statement of its own (2,000 units at 1M measures).
    const existing = await listRecentWeeklyReportKeys(this.db, units, addDays(today, -14));
    let generated = 0;
    for (const unitId of units) {
      const { weeklyReportDay } = await rules.rulesOf(unitId);
      if (existing.has(`${unitId}|${weeklyPeriodOf(today, weeklyReportDay).periodStart}`)) continue;
      if (await this.weeklyReports.generateDue(unitId, weeklyReportDay, today)) generated += 1;
    }
    return generated;
  }

  /**
   * Records what is due today as already sent, without notifying anyone: a generated dataset stands
   * for a system that has been running for years, whose clock sent these reminders at the time. Without
   * this the first start after `demo --scale` would send a year's reminders at once.
   */
  async recordAsPast(): Promise<number> {
    const today = todayInShanghai(this.options.now());
    const rules = new LightBook(this.db, today, this.options.fallbackRules());
    const events: DueItem["event"][] = [];
    await this.forEachDueEvent(today, rules, async (due) => {
      events.push(due.event);
    });
    let recorded = 0;
    for (let i = 0; i < events.length; i += PAST_EVENTS_BATCH) {
      const batch = events.slice(i, i + PAST_EVENTS_BATCH);
      recorded += await this.db.transaction((tx) => insertPastClockEvents(tx, batch));
    }
    // This week's reports, as the running system would have written them.
    await this.generateWeeklyReports(today, rules);
    return recorded;
  }

  /** Where any rules in use can have a ladder step due today (see LadderWindow). */
  private async ladderWindow(today: string): Promise<LadderWindow> {
    const ruleSets = [this.options.fallbackRules(), ...(await listDefinedClockRules(this.db)).map((row) => row.rules)];
    let daysBefore = 0;
    let daysBack = 0;
    const noProgress = new Map<string, number>();
    for (const rules of ruleSets) {
      for (const step of rules.ladder) {
        if (step.trigger === "before_due") daysBefore = Math.max(daysBefore, step.days);
        else if (step.trigger === "overdue") daysBack = Math.max(daysBack, step.days + 1 + rules.catchUpDays);
        else noProgress.set(step.key, Math.min(noProgress.get(step.key) ?? step.days, step.days));
      }
    }
    return {
      today,
      earliestDue: addDays(today, -daysBack),
      latestDue: addDays(today, daysBefore),
      noProgress: [...noProgress].map(([key, days]) => ({ key, days })),
    };
  }

  /** Calls `emit` for every ladder and window event due today that has not been recorded yet. */
  private async forEachDueEvent(today: string, book: LightBook, emit: (due: DueItem) => Promise<void>): Promise<void> {
    const measures = await listOpenMeasureFacts(this.db, await this.ladderWindow(today));
    await book.preload(measures.map((m) => m.orgId));
    const measureKeys = await listFiredKeys(this.db, "measure", measures.map((m) => m.id));
    for (const m of measures) {
      const rules = await book.rulesOf(m.orgId);
      const lastActivityDate = m.lastProgress ?? todayInShanghai(new Date(m.createdAt));
      for (const event of dueLadderEvents(rules.ladder, { dueDate: m.dueDate, isOpen: true, lastActivityDate }, today, rules.catchUpDays)) {
        if (measureKeys.has(`${m.id}|${event.stepKey}|${event.anchorDate}`)) continue;
        const party: MeasureParty = m;
        const draft = describeMeasureStep(event.step, m, event.anchorDate, today);
        await emit({ event: { recordType: "measure", recordId: m.id, orgId: m.orgId, stepKey: event.stepKey, anchorDate: event.anchorDate, fireDate: event.fireDate }, recipients: event.step.recipients, context: { unitId: m.orgId, measure: party }, draft });
      }
    }

    const directives = await listOpenDirectiveFacts(this.db);
    const directiveKeys = await listFiredKeys(this.db, "directive", directives.map((d) => d.id));
    for (const d of directives) {
      const rules = await book.rulesOf(d.orgId);
      for (const event of dueLadderEvents(rules.directiveLadder, { dueDate: d.replyDue, isOpen: true, lastActivityDate: null }, today, rules.catchUpDays)) {
        if (directiveKeys.has(`${d.id}|${event.stepKey}|${event.anchorDate}`)) continue;
        const left = daysBetween(today, d.replyDue);
        const when = left >= 0 ? `距回复期限还有${left}天` : `已逾期${-left}天未回复`;
        const draft: NotificationDraft = {
          kind: kindOfStep(event.step),
          title: `【${event.step.label}】${shorten(d.text)}`,
          body: `${d.issuerName}督办${d.unitName}的事项“${d.text}”回复期限为${formatChineseDate(d.replyDue)}，${when}。`,
          link: `/directives/${d.id}`,
          entity: "directive",
          entityId: d.id,
          orgId: d.orgId,
        };
        await emit({ event: { recordType: "directive", recordId: d.id, orgId: d.orgId, stepKey: event.stepKey, anchorDate: event.anchorDate, fireDate: event.fireDate }, recipients: event.step.recipients, context: { unitId: d.orgId, directive: d }, draft });
      }
    }

    const rounds = await listRoundFacts(this.db);
    const roundKeys = await listFiredKeys(this.db, "inspection", rounds.map((r) => r.id));
    for (const round of rounds) {
      const rules = await book.rulesOf(round.orgId);
      for (const window of computeRoundWindows(rules, round.feedbackDate)) {
        for (const event of dueWindowEvents(window, today)) {
          const stepKey = `window:${event.stepKey}`;
          if (roundKeys.has(`${round.id}|${stepKey}|${event.anchorDate}`)) continue;
          const left = daysBetween(today, window.date);
          const draft: NotificationDraft = {
            kind: "window",
            title: `【${window.label}】${left === 0 ? "今日到期" : `还有${left}天`}：${shorten(round.name, 30)}`,
            body: `${round.name}：“${window.label}”的期限为${formatChineseDate(window.date)}${window.endDate !== window.date ? `至${formatChineseDate(window.endDate)}` : ""}，${left === 0 ? "今日到期" : `距期限还有${left}天`}，请做好相关工作。`,
            link: `/inspections/${round.id}`,
            entity: "inspection",
            entityId: round.id,
            orgId: round.orgId,
          };
          await emit({ event: { recordType: "inspection", recordId: round.id, orgId: round.orgId, stepKey, anchorDate: event.anchorDate, fireDate: event.fireDate }, recipients: window.recipients, context: { unitId: round.orgId }, draft });
        }
      }
    }
  }

  /** Records one event and notifies its people in one transaction; null when it had already fired. */
  private async fire(
    event: { recordType: "measure" | "directive" | "inspection"; recordId: number; orgId: number; stepKey: string; anchorDate: string; fireDate: string },
    kinds: readonly RecipientKind[],
    context: Parameters<typeof resolveRecipients>[2],
    draft: NotificationDraft,
  ): Promise<number | null> {
    return runMutation(this.db, null, async (tx, audit) => {
      const eventId = await insertClockEvent(tx, event);
      if (eventId === null) return null;
      const people = await resolveRecipients(tx, kinds, context);
      const reached = await sendToRecipients(tx, people, null, { ...draft, eventId });
      await setClockEventRecipients(tx, eventId, reached.length);
      await audit({
        action: draft.kind === "escalation" ? "escalate" : "remind",
        entity: event.recordType,
        entityId: event.recordId,
        orgId: event.orgId,
        after: { step: event.stepKey, title: draft.title, anchorDate: event.anchorDate, recipients: reached },
      });
      return reached.length;
    });
  }

  /** Sends pending notification e-mail (when SMTP is configured); failures are retried on later runs. */
  async deliverMail(): Promise<{ sent: number; failed: number }> {
    const mailer = this.options.mailer;
    if (!mailer) return { sent: 0, failed: 0 };
    let sent = 0;
    let failed = 0;
    for (;;) {
      // Claimed in a short transaction; sent outside it, so a slow server never holds the database.
      const batch = await this.db.transaction((tx) => claimPendingMail(tx, { limit: MAIL_BATCH, leaseSeconds: MAIL_LEASE_SECONDS, maxAgeHours: MAIL_MAX_AGE_HOURS }));
      if (!batch.length) break;
      for (const mail of batch) {
        if (!mail.email) {
          await finishMail(this.db, mail.id, { state: "skipped", error: "未设置邮箱" });
          continue;
        }
        try {
          await mailer.send(composeMail(mail, this.options.publicUrl));
          await finishMail(this.db, mail.id, { state: "sent" });
          sent += 1;
        } catch (error) {
          failed += 1;
          await finishMail(this.db, mail.id, { state: mail.attempts >= MAIL_MAX_ATTEMPTS ? "failed" : "pending", error: (error as Error).message });
        }
      }
      if (failed > 0) break;
    }
    return { sent, failed };
  }

  /** Starts the loop: one run now (catching up after a downtime), then every `intervalSeconds`. */
  start(intervalSeconds: number, onError: (error: unknown) => void): SchedulerHandle {
    let running: Promise<unknown> = Promise.resolve();
    let isBusy = false;
    const gate = new SweepGate(this.db, this.options.now);
    const tickWhenChanged = async (): Promise<unknown> => {
      const check = await gate.check();
      if (!check.isDue) return this.deliverMail();
      const result = await this.tick();
      check.markSwept();
      return result;
    };
    const run = (): void => {
      if (isBusy) return;
      isBusy = true;
      running = tickWhenChanged()
        .catch(onError)
        .finally(() => {
          isBusy = false;
        });
    };
    run();
    const timer = setInterval(run, intervalSeconds * 1000);
    timer.unref();
    const mailer = this.options.mailer;
    return {
      async stop() {
        clearInterval(timer);
        await running;
        mailer?.close();
      },
    };
  }
}

/**
 * Whether a scheduler run needs a sweep. What is due changes only with the date or with the data,
 * and every change is audited: a sweep is due when the day or the newest audit entry (from any
 * process) moved since the last sweep, or `fullSweepEveryMs` passed (a change made outside the app).
 * At a million measures a sweep costs seconds of database time; a quiet minute costs one index lookup.
 */
export class SweepGate {
  private last: { day: string; auditId: number; at: number } | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly now: () => Date,
    private readonly fullSweepEveryMs: number = FULL_SWEEP_EVERY_MS,
  ) {}

  /** Reads the state now; `markSwept` records it as swept (call it after the sweep succeeded). */
  async check(): Promise<{ isDue: boolean; markSwept(): void }> {
    const state = { day: todayInShanghai(this.now()), auditId: await newestAuditId(this.db), at: Date.now() };
    const last = this.last;
    const isDue = !last || last.day !== state.day || last.auditId !== state.auditId || state.at - last.at >= this.fullSweepEveryMs;
    return {
      isDue,
      markSwept: () => {
        this.last = state;
      },
    };
  }
}

function kindOfStep(step: LadderStep): NotificationKind {
  return step.trigger === "overdue" || step.light === "red" ? "escalation" : "reminder";
}

function describeMeasureStep(step: LadderStep, m: { id: number; orgId: number; text: string; dueDate: string | null; findingNumber: string; unitName: string }, anchorDate: string, today: string): NotificationDraft {
  const where = `${m.unitName}问题${m.findingNumber}`;
  let body: string;
  if (step.trigger === "no_progress") {
    body = `整改措施“${m.text}”（${where}）自${formatChineseDate(anchorDate)}以来已${daysBetween(anchorDate, today)}天未报送整改进展，请及时报送。`;
  } else {
    const due = m.dueDate as string;
    const left = daysBetween(today, due);
    const when = left > 0 ? `距到期还有${left}天，请抓紧推进并及时报送进展` : left === 0 ? "今日到期，请抓紧完成并提交销号" : `已逾期${-left}天，请抓紧整改；确需延期的，请提出延期申请`;
    body = `整改措施“${m.text}”（${where}）完成时限为${formatChineseDate(due)}，${when}。`;
  }
  return { kind: kindOfStep(step), title: `【${step.label}】${shorten(m.text)}`, body, link: `/measures/${m.id}`, entity: "measure", entityId: m.id, orgId: m.orgId };
}

/** Builds the e-mail of one notification: Chinese subject, the text, and a link to the record. */
export function composeMail(mail: { title: string; body: string; link: string | null; email: string | null; displayName: string }, publicUrl: string): { to: string; subject: string; text: string; html: string } {
  const url = `${publicUrl}${mail.link ?? "/notifications"}`;
  const footer = "本邮件由整改台账系统自动发送，请勿直接回复；可在系统“消息”页面设置接收哪些邮件提醒。";
  return {
    to: mail.email as string,
    subject: `【整改台账】${mail.title}`,
    text: `${mail.displayName}：\n\n${mail.body}\n\n查看详情：${url}\n\n${footer}\n`,
    html: `<p>${escapeHtml(mail.displayName)}：</p><p>${escapeHtml(mail.body)}</p><p>查看详情：<a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p><p style="color:#888">${footer}</p>`,
  };
}
