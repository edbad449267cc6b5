import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClockFixture, morningOf, type ClockFixture } from "../test/clock-fixture.ts";
import { createTestContext, type TestContext } from "../test/test-app.ts";

/** A real SMTP server on a free loopback port that keeps what it receives (and can refuse the next message). */
async function startSmtpServer(): Promise<{ port: number; received: ParsedMail[]; refuseNext: () => void; close: () => Promise<void> }> {
  const received: ParsedMail[] = [];
  let isRefusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          if (isRefusing) {
            isRefusing = false;
            const error = Object.assign(new Error("邮箱暂时不可用"), { responseCode: 451 });
            callback(error);
            return;
          }
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    refuseNext: () => (isRefusing = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("e-mail reminders through a real SMTP server", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let context: TestContext;
  let fixture: ClockFixture;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    context = await createTestContext({
      now: morningOf("2026-05-10"),
      mail: { host: "127.0.0.1", port: smtp.port, isSecure: false, user: null, password: null, from: "整改台账 <zhenggai@example.cn>" },
      publicUrl: "https://zg.example.cn",
    });
    fixture = await createClockFixture(context.services, context.db);
    await context.services.notifications.updateSettings(fixture.people.owner, { email: "owner@example.cn", emailKinds: ["reminder", "escalation"] });
    // The 整改办 gave an address but wants nothing by e-mail.
    await context.services.notifications.updateSettings(fixture.people.office, { email: "office@example.cn", emailKinds: [] });
  });
  afterAll(async () => {
    await context?.close();
    await smtp?.close();
  });

  it("sends the reminder with a Chinese subject and body and a link to the record", async () => {
    context.clock.now = morningOf("2026-06-09");
    const first = await context.services.scheduler.tick();
    expect(first.mailSent).toBe(1);
    context.clock.now = morningOf("2026-07-11");
    const result = await context.services.scheduler.tick();
    expect(result.mailSent).toBe(1);
    expect(smtp.received.map((m) => m.subject)).toEqual(["【整改台账】【长时间未报送进展】建立时钟测试制度", "【整改台账】【到期提醒】建立时钟测试制度"]);
    const mail = smtp.received[1];
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("owner@example.cn");
    expect(mail.from?.text).toContain("zhenggai@example.cn");
    expect(mail.text).toContain("责任人甲：");
    expect(mail.text).toContain("整改措施“建立时钟测试制度”（甲单位问题1）完成时限为2026年7月31日，距到期还有20天");
    expect(mail.text).toContain(`查看详情：https://zg.example.cn/measures/${fixture.measureId}`);
    expect(mail.html).toContain(`href="https://zg.example.cn/measures/${fixture.measureId}"`);
    // The 整改办 chose no e-mail: the directive's escalation reached them in the app only.
    const office = await context.db.query<{ kind: string; emailState: string | null }>(
      `select kind, email_state as "emailState" from notifications where user_id = $1 and kind = 'escalation'`,
      [fixture.people.office.userId],
    );
    expect(office).toEqual([{ kind: "escalation", emailState: null }]);
  });

  it("retries a message the server refused, and sends each one once", async () => {
    smtp.refuseNext();
    context.clock.now = morningOf("2026-07-21");
    const refused = await context.services.scheduler.tick();
    expect(refused).toMatchObject({ fired: 1, mailSent: 0, mailFailed: 1 });
    const retried = await context.services.scheduler.tick();
    expect(retried).toMatchObject({ fired: 0, mailSent: 1, mailFailed: 0 });
    expect(await context.services.scheduler.tick()).toMatchObject({ mailSent: 0 });
    expect(smtp.received.map((m) => m.subject).filter((s) => s?.includes("临期预警"))).toEqual(["【整改台账】【临期预警】建立时钟测试制度"]);
    expect(smtp.received.at(-1)?.text).toContain("距到期还有10天");
  });

  it("tells the administrator that mail is configured", async () => {
    const admin = { ...fixture.people.office, grants: [{ orgId: fixture.orgs.office, role: "admin" as const }] };
    await context.db.query("insert into user_roles (user_id, org_id, role) values ($1, $2, 'admin')", [admin.userId, fixture.orgs.office]);
    expect(await context.services.notifications.mailStatus(admin)).toEqual({ isConfigured: true, description: `127.0.0.1:${smtp.port}，发件人 整改台账 <zhenggai@example.cn>` });
    await expect(context.services.notifications.mailStatus(fixture.people.owner)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("without SMTP", () => {
  let context: TestContext;
  let fixture: ClockFixture;

  beforeAll(async () => {
    context = await createTestContext({ now: morningOf("2026-05-10") });
    fixture = await createClockFixture(context.services, context.db);
  });
  afterAll(async () => context?.close());

  it("keeps notifications in the app and says mail is not configured", async () => {
    const settings = await context.services.notifications.updateSettings(fixture.people.owner, { email: "owner@example.cn", emailKinds: ["reminder"] });
    expect(settings.isMailConfigured).toBe(false);
    context.clock.now = morningOf("2026-07-11");
    const result = await context.services.scheduler.tick();
    expect(result).toMatchObject({ mailSent: 0, mailFailed: 0 });
    expect(result.notifications).toBeGreaterThan(0);
    expect(context.services.scheduler.mailStatus()).toEqual({ isConfigured: false, description: null });
  });
});
