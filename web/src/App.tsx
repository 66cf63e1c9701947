import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { setUnauthorizedHandler } from './api/client';
import { sessionKeys } from './api/session';
import { RequireSession } from './components/RequireSession';
import { AppLayout } from './components/AppLayout';
import { SetupPage } from './pages/SetupPage';
import { LoginPage } from './pages/LoginPage';
import { InboxPage } from './pages/inbox/InboxPage';
import { AccountLinkPage } from './pages/AccountLinkPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { SavedRepliesPage } from './pages/saved-replies/SavedRepliesPage';
import { KnowledgeBasePage } from './pages/knowledge/KnowledgeBasePage';
import { ArticlePage } from './pages/knowledge/ArticlePage';
import { ArticleEditorPage } from './pages/knowledge/ArticleEditorPage';
import { ApprovalsPage } from './pages/approvals/ApprovalsPage';
import { AgentsPage } from './pages/admin/AgentsPage';
import { ChannelsPage } from './pages/admin/ChannelsPage';
import { AuditPage } from './pages/admin/AuditPage';
import { TriageSettingsPage } from './pages/admin/TriageSettingsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { BoardPage } from './pages/board/BoardPage';
import { FullPageLoader } from './components/FullPageLoader';

// The charts library is loaded only by the reports and listening pages.
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const ListeningPage = lazy(() => import('./pages/listening/ListeningPage').then((m) => ({ default: m.ListeningPage })));
import { TeamsPage } from './pages/admin/TeamsPage';
import { DeskSettingsPage } from './pages/admin/desk/DeskSettingsPage';
import { AutomationPage } from './pages/admin/automation/AutomationPage';
import { IncidentsPage } from './pages/incidents/IncidentsPage';
import { IncidentDetailPage } from './pages/incidents/IncidentDetailPage';
import { AccountSecurityPage } from './pages/account/AccountSecurityPage';
import { SecuritySettingsPage } from './pages/admin/SecuritySettingsPage';

export function App() {
  useSessionExpiryRedirect();
  return (
    <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/invite/:token" element={<AccountLinkPage />} />
      <Route path="/reset-password/:token" element={<AccountLinkPage />} />
      <Route element={<RequireSession />}>
        <Route path="account/security" element={<AccountSecurityPage />} />
        <Route element={<AppLayout />}>
          <Route index element={<InboxPage />} />
          <Route path="conversations/:id" element={<InboxPage />} />
          <Route path="board" element={<BoardPage />} />
          <Route
            path="reports"
            element={
              <Suspense fallback={<FullPageLoader />}>
                <ReportsPage />
              </Suspense>
            }
          />
          <Route
            path="listening"
            element={
              <Suspense fallback={<FullPageLoader />}>
                <ListeningPage />
              </Suspense>
            }
          />
          <Route path="saved-replies" element={<SavedRepliesPage />} />
          <Route path="kb" element={<KnowledgeBasePage />} />
          <Route path="kb/new" element={<ArticleEditorPage />} />
          <Route path="kb/:id" element={<ArticlePage />} />
          <Route path="kb/:id/edit" element={<ArticleEditorPage />} />
          <Route path="approvals" element={<ApprovalsPage />} />
          <Route path="incidents" element={<IncidentsPage />} />
          <Route path="incidents/:id" element={<IncidentDetailPage />} />
          <Route path="admin" element={<Navigate to="/admin/agents" replace />} />
          <Route path="admin/agents" element={<AgentsPage />} />
          <Route path="admin/channels" element={<ChannelsPage />} />
          <Route path="admin/audit" element={<AuditPage />} />
          <Route path="admin/triage" element={<TriageSettingsPage />} />
          <Route path="admin/teams" element={<TeamsPage />} />
          <Route path="admin/desk" element={<DeskSettingsPage />} />
          <Route path="admin/automation" element={<AutomationPage />} />
          <Route path="admin/security" element={<SecuritySettingsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}

/** Any 401 from the API means the session ended: forget cached data and sign in again. */
function useSessionExpiryRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const here = location.pathname + location.search;

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (window.location.pathname === '/login' || window.location.pathname === '/setup') return;
      queryClient.removeQueries({ queryKey: sessionKeys.me });
      // The login page itself forwards to /setup when the workspace does not exist yet.
      void queryClient.invalidateQueries({ queryKey: sessionKeys.setup });
      navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, queryClient, here]);
}
