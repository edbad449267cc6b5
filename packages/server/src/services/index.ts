import { defaultClockRules, todayInShanghai } from "@zhenggai/core";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { FileStore } from "../files/file-store.ts";
import { createSmtpMailer } from "../mail/mailer.ts";
import { AuditService } from "./audit.service.ts";
import { attachAuthCache } from "./auth-cache.ts";
import { AuthService } from "./auth.service.ts";
import { BackupService } from "./backup.service.ts";
import { ClockService } from "./clock.service.ts";
import { DirectiveService } from "./directive.service.ts";
import { ExtensionService } from "./extension.service.ts";
import { InterviewService } from "./interview.service.ts";
import { NotificationService } from "./notification.service.ts";
import { SchedulerService } from "./scheduler.service.ts";
import { WeeklyReportService } from "./weekly-report.service.ts";
import { ClosureService } from "./closure.service.ts";
import { DashboardService } from "./dashboard.service.ts";
import { DelegationService } from "./delegation.service.ts";
import { DemoService } from "./demo.service.ts";
import { ExportService } from "./export.service.ts";
import { FindingService } from "./finding.service.ts";
import { InspectionService } from "./inspection.service.ts";
import { LedgerImportService } from "./ledger-import.service.ts";
import { ListExportService } from "./list-export.service.ts";
import { MeasureService } from "./measure.service.ts";
import { MeasureRecordService } from "./measure-records.service.ts";
import { NoticeService } from "./notice.service.ts";
import { OrgService } from "./org.service.ts";
import { PeopleService } from "./people.service.ts";
import { RegisterService } from "./register.service.ts";
import { ScaleDemoService } from "./scale-demo.service.ts";
import { SearchService } from "./search.service.ts";
import { UserService } from "./user.service.ts";
import { defaultWorkerCount } from "../config.ts";
import { TaskPool } from "../workers/worker-pool.ts";

/** Every use case of the app, built once by the composition root and shared by HTTP and CLI. */
export interface Services {
  db: Database;
  files: FileStore;
  audit: AuditService;
  auth: AuthService;
  backup: BackupService;
  orgs: OrgService;
  users: UserService;
  inspections: InspectionService;
  findings: FindingService;
  measures: MeasureService;
  measureRecords: MeasureRecordService;
  closures: ClosureService;
  registers: RegisterService;
  notices: NoticeService;
  dashboard: DashboardService;
  demo: DemoService;
  scaleDemo: ScaleDemoService;
  imports: LedgerImportService;
  exports: ExportService;
  people: PeopleService;
  delegations: DelegationService;
  search: SearchService;
  lists: ListExportService;
  clock: ClockService;
  notifications: NotificationService;
  extensions: ExtensionService;
  directives: DirectiveService;
  interviews: InterviewService;
  weeklyReports: WeeklyReportService;
  scheduler: SchedulerService;
  /** Worker threads for CPU-heavy work (exports); idle threads stop by themselves. */
  workers: TaskPool;
}

/** Builds the services over one database; `now` is injectable so time-based rules are testable. */
export function createServices(
  db: Database,
  config: Pick<Config, "filesDir" | "sessionTtlHours" | "yellowDays"> & Partial<Pick<Config, "mail" | "publicUrl" | "authCacheSeconds" | "workers">>,
  now: () => Date = () => new Date(),
): Services {
  const today = (): string => todayInShanghai(now());
  attachAuthCache(db, (config.authCacheSeconds ?? 5) * 1000);
  // On PostgreSQL several processes may serve the same data: evidence bytes are shared through it.
  const files = new FileStore(config.filesDir, db.kind === "postgres" ? db : null);
  const workers = new TaskPool({ size: config.workers ?? defaultWorkerCount() });
  const fallbackRules = () => defaultClockRules(config.yellowDays);
  const weeklyReports = new WeeklyReportService(db, now, today);
  const scheduler = new SchedulerService(db, weeklyReports, {
    now,
    fallbackRules,
    mailer: config.mail ? createSmtpMailer(config.mail) : null,
    publicUrl: config.publicUrl ?? "http://127.0.0.1:3000",
  });
  const services: Services = {
    db,
    files,
    audit: new AuditService(db),
    auth: new AuthService(db, { sessionTtlHours: config.sessionTtlHours, now }),
    backup: new BackupService(db, files, now),
    orgs: new OrgService(db),
    users: new UserService(db),
    inspections: new InspectionService(db),
    findings: new FindingService(db, today),
    measures: new MeasureService(db, files, today, fallbackRules),
    measureRecords: new MeasureRecordService(db),
    closures: new ClosureService(db, today),
    registers: new RegisterService(db),
    notices: new NoticeService(db, now),
    dashboard: new DashboardService(db, today, config.yellowDays),
    demo: undefined as unknown as DemoService,
    scaleDemo: new ScaleDemoService(db, files, today, () => scheduler.recordAsPast()),
    imports: new LedgerImportService(db, today),
    exports: new ExportService(db, today, workers),
    people: new PeopleService(db),
    delegations: new DelegationService(db, today),
    search: new SearchService(db),
    lists: undefined as unknown as ListExportService,
    clock: new ClockService(db, today, fallbackRules),
    notifications: new NotificationService(db, now, () => scheduler.mailStatus()),
    extensions: new ExtensionService(db, now, today),
    directives: new DirectiveService(db, files, now, today),
    interviews: new InterviewService(db, now, today),
    weeklyReports,
    scheduler,
    workers,
  };
  services.lists = new ListExportService(services, today);
  services.demo = new DemoService(services, today);
  return services;
}
