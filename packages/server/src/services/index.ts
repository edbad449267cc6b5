import { todayInShanghai } from "@zhenggai/core";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { FileStore } from "../files/file-store.ts";
import { AuditService } from "./audit.service.ts";
import { AuthService } from "./auth.service.ts";
import { BackupService } from "./backup.service.ts";
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
import { SearchService } from "./search.service.ts";
import { UserService } from "./user.service.ts";

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
  imports: LedgerImportService;
  exports: ExportService;
  people: PeopleService;
  delegations: DelegationService;
  search: SearchService;
  lists: ListExportService;
}

/** Builds the services over one database; `now` is injectable so time-based rules are testable. */
export function createServices(
  db: Database,
  config: Pick<Config, "filesDir" | "sessionTtlHours" | "yellowDays">,
  now: () => Date = () => new Date(),
): Services {
  const today = (): string => todayInShanghai(now());
  const files = new FileStore(config.filesDir);
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
    measures: new MeasureService(db, files, today),
    measureRecords: new MeasureRecordService(db),
    closures: new ClosureService(db, today),
    registers: new RegisterService(db),
    notices: new NoticeService(db, now),
    dashboard: new DashboardService(db, today, config.yellowDays),
    demo: undefined as unknown as DemoService,
    imports: new LedgerImportService(db, today),
    exports: new ExportService(db, today),
    people: new PeopleService(db),
    delegations: new DelegationService(db, today),
    search: new SearchService(db),
    lists: undefined as unknown as ListExportService,
  };
  services.lists = new ListExportService(services, today);
  services.demo = new DemoService(services, today);
  return services;
}
