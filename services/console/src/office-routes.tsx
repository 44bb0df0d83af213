import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Spin } from 'antd';
import { Route } from 'react-router-dom';

// The office's and the auditors' pages, each loaded when first opened: the other roles never load them.
const DrillDownPage = lazy(() => import('./pages/office/drill-down-page'));
const MeetingsPage = lazy(() => import('./pages/office/meetings-page'));
const MeetingPage = lazy(() => import('./pages/office/meeting-page'));
const MinutesPage = lazy(() => import('./pages/office/minutes-page'));
const AuditFindPage = lazy(() => import('./pages/audit/audit-find-page'));
const AuditCasePage = lazy(() => import('./pages/audit/audit-case-page'));
const DossierPage = lazy(() => import('./pages/audit/dossier-page'));

function loaded(Page: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<Spin />}>
      <Page />
    </Suspense>
  );
}

/** The routes of the office's dashboard drill-downs, meetings and minutes, and the auditors' pages, inside the console's frame. */
export function officeRoutes() {
  return (
    <>
      <Route path="/dashboard/cases" element={loaded(DrillDownPage)} />
      <Route path="/meetings" element={loaded(MeetingsPage)} />
      <Route path="/meetings/:id" element={loaded(MeetingPage)} />
      <Route path="/meetings/:id/minutes" element={loaded(MinutesPage)} />
      <Route path="/audit" element={loaded(AuditFindPage)} />
      <Route path="/audit/cases/:id" element={loaded(AuditCasePage)} />
      <Route path="/audit/cases/:id/dossier" element={loaded(DossierPage)} />
    </>
  );
}
