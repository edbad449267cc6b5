import { lazy, Suspense, type ComponentType, type ReactNode } from "react";
import { Outlet, type RouteObject } from "react-router";
import { PageSpin } from "./components/PageSpin.tsx";
import { SessionProvider } from "./components/SessionProvider.tsx";

// Every screen is its own chunk so the login page loads only what it needs.
function page(load: () => Promise<{ default: ComponentType }>): ReactNode {
  const Page = lazy(load);
  return (
    <Suspense fallback={<PageSpin />}>
      <Page />
    </Suspense>
  );
}

const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => () => load().then((m) => ({ default: m[name] }));

/** The route table: public pages, then the signed-in shell with its screens. */
export const routes: RouteObject[] = [
  // The public pages need no session: no probe, no redirect to login.
  { path: "/public", element: page(named(() => import("./pages/PublicNoticesPage.tsx"), "PublicNoticesPage")) },
  { path: "/public/notices/:id", element: page(named(() => import("./pages/PublicNoticesPage.tsx"), "PublicNoticePage")) },
  {
    element: (
      <SessionProvider>
        <Outlet />
      </SessionProvider>
    ),
    children: [
      { path: "/login", element: page(named(() => import("./pages/LoginPage.tsx"), "LoginPage")) },
      { path: "/setup", element: page(named(() => import("./pages/SetupPage.tsx"), "SetupPage")) },
      {
        path: "/",
        element: page(named(() => import("./components/AppLayout.tsx"), "AppLayout")),
        children: [
          { index: true, element: page(named(() => import("./pages/HomePage.tsx"), "HomePage")) },
          { path: "inspections", element: page(named(() => import("./pages/InspectionsPage.tsx"), "InspectionsPage")) },
          { path: "inspections/:id", element: page(named(() => import("./pages/LedgerPage.tsx"), "LedgerPage")) },
          { path: "measures/:id", element: page(named(() => import("./pages/MeasurePage.tsx"), "MeasurePage")) },
          { path: "findings/:id", element: page(named(() => import("./pages/FindingPage.tsx"), "FindingPage")) },
          { path: "registers", element: page(named(() => import("./pages/RegistersPage.tsx"), "RegistersPage")) },
          { path: "dashboard", element: page(named(() => import("./pages/DashboardPage.tsx"), "DashboardPage")) },
          { path: "notices", element: page(named(() => import("./pages/NoticesPage.tsx"), "NoticesPage")) },
          { path: "notices/:id", element: page(named(() => import("./pages/NoticePage.tsx"), "NoticePage")) },
          { path: "imports", element: page(named(() => import("./pages/ImportPage.tsx"), "ImportPage")) },
          { path: "admin", element: page(named(() => import("./pages/AdminPage.tsx"), "AdminPage")) },
          { path: "audit", element: page(named(() => import("./pages/AuditPage.tsx"), "AuditPage")) },
          { path: "search", element: page(named(() => import("./pages/SearchPage.tsx"), "SearchPage")) },
          { path: "inspections/:id/print", element: page(named(() => import("./pages/PrintLedgerPage.tsx"), "PrintLedgerPage")) },
          { path: "notifications", element: page(named(() => import("./pages/NotificationsPage.tsx"), "NotificationsPage")) },
          { path: "directives", element: page(named(() => import("./pages/DirectivesPage.tsx"), "DirectivesPage")) },
          { path: "directives/:id", element: page(named(() => import("./pages/DirectivePage.tsx"), "DirectivePage")) },
          { path: "interviews", element: page(named(() => import("./pages/DirectivesPage.tsx"), "InterviewsPage")) },
          { path: "weekly-reports", element: page(named(() => import("./pages/WeeklyReportsPage.tsx"), "WeeklyReportsPage")) },
          { path: "weekly-reports/:id", element: page(named(() => import("./pages/WeeklyReportsPage.tsx"), "WeeklyReportPage")) },
          { path: "*", element: page(named(() => import("./pages/NotFoundPage.tsx"), "NotFoundPage")) },
        ],
      },
    ],
  },
];
