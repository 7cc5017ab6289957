import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from '../components/AppLayout.tsx';
import { NotFoundPage } from '../components/NotFoundPage.tsx';
import { LoadingState } from '../components/States.tsx';
import { AcceptInvitationPage } from '../features/auth/AcceptInvitationPage.tsx';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RegisterPage } from '../features/auth/RegisterPage.tsx';
import { RequireAuth } from '../features/auth/RequireAuth.tsx';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage.tsx';
import { VerifyEmailPage } from '../features/auth/VerifyEmailPage.tsx';
import { ChecklistPage } from '../features/checklists/ChecklistPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { TodayPage } from '../features/today/TodayPage.tsx';

// The desk's pages load when first opened, so a phone starts with the login, today's
// work and the checklist only: those must keep working when the network drops later.
const AdminPage = lazy(() =>
  import('../features/admin/AdminPage.tsx').then((m) => ({ default: m.AdminPage })),
);
const TimelinePage = lazy(() =>
  import('../features/calendar/TimelinePage.tsx').then((m) => ({ default: m.TimelinePage })),
);
const ChannelsPage = lazy(() =>
  import('../features/channels/ChannelsPage.tsx').then((m) => ({ default: m.ChannelsPage })),
);
const TemplatePage = lazy(() =>
  import('../features/checklists/TemplatePage.tsx').then((m) => ({ default: m.TemplatePage })),
);
const LedgerPage = lazy(() =>
  import('../features/finance/LedgerPage.tsx').then((m) => ({ default: m.LedgerPage })),
);
const EntryPage = lazy(() =>
  import('../features/finance/EntryPage.tsx').then((m) => ({ default: m.EntryPage })),
);
const SummaryPage = lazy(() =>
  import('../features/finance/SummaryPage.tsx').then((m) => ({ default: m.SummaryPage })),
);
const ClosingsPage = lazy(() =>
  import('../features/finance/ClosingsPage.tsx').then((m) => ({ default: m.ClosingsPage })),
);
const GuestsPage = lazy(() =>
  import('../features/guests/GuestsPage.tsx').then((m) => ({ default: m.GuestsPage })),
);
const HousesPage = lazy(() =>
  import('../features/houses/HousesPage.tsx').then((m) => ({ default: m.HousesPage })),
);
const HousePage = lazy(() =>
  import('../features/houses/HousePage.tsx').then((m) => ({ default: m.HousePage })),
);
const MaintenanceListPage = lazy(() =>
  import('../features/maintenance/MaintenanceListPage.tsx').then((m) => ({ default: m.MaintenanceListPage })),
);
const WorkOrderPage = lazy(() =>
  import('../features/maintenance/WorkOrderPage.tsx').then((m) => ({ default: m.WorkOrderPage })),
);
const MembersPage = lazy(() =>
  import('../features/members/MembersPage.tsx').then((m) => ({ default: m.MembersPage })),
);
const AnalyticsPage = lazy(() =>
  import('../features/analytics/AnalyticsPage.tsx').then((m) => ({ default: m.AnalyticsPage })),
);
const StatementsPage = lazy(() =>
  import('../features/statements/StatementsPage.tsx').then((m) => ({ default: m.StatementsPage })),
);
const ProfilePage = lazy(() =>
  import('../features/profile/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })),
);
const SettingsPage = lazy(() =>
  import('../features/settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })),
);
const AuditPage = lazy(() =>
  import('../features/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })),
);
const NotificationsPage = lazy(() =>
  import('../features/notifications/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })),
);
const NotificationPreferencesPage = lazy(() =>
  import('../features/notifications/PreferencesPage.tsx').then((m) => ({ default: m.PreferencesPage })),
);
const ReservationPage = lazy(() =>
  import('../features/reservations/ReservationPage.tsx').then((m) => ({ default: m.ReservationPage })),
);

/** A page that needs a signed-in member. */
const signedIn = (path: string, page: ReactNode) => ({
  path,
  element: (
    <RequireAuth>
      <Suspense fallback={<LoadingState />}>{page}</Suspense>
    </RequireAuth>
  ),
});

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      // Reachable without an account: the ways in, and the links emails carry.
      { path: 'login', element: <LoginPage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'verify-email', element: <VerifyEmailPage /> },
      { path: 'invitations/accept', element: <AcceptInvitationPage /> },
      {
        index: true,
        element: (
          <RequireAuth>
            <HomePage />
          </RequireAuth>
        ),
      },
      signedIn('today', <TodayPage />),
      signedIn('calendar', <TimelinePage />),
      signedIn('reservations/:reservationId', <ReservationPage />),
      signedIn('houses', <HousesPage />),
      signedIn('houses/:houseId', <HousePage />),
      signedIn('houses/:houseId/checklist', <ChecklistPage />),
      signedIn('houses/:houseId/channels', <ChannelsPage />),
      signedIn('maintenance', <MaintenanceListPage />),
      signedIn('maintenance/:issueId', <WorkOrderPage />),
      signedIn('finance', <LedgerPage />),
      signedIn('finance/entries/:entryId', <EntryPage />),
      signedIn('finance/summary', <SummaryPage />),
      signedIn('finance/closings', <ClosingsPage />),
      signedIn('finance/statements', <StatementsPage />),
      signedIn('analytics', <AnalyticsPage />),
      signedIn('checklist-template', <TemplatePage />),
      signedIn('guests', <GuestsPage />),
      signedIn('profile', <ProfilePage />),
      signedIn('notifications', <NotificationsPage />),
      signedIn('notifications/preferences', <NotificationPreferencesPage />),
      signedIn('members', <MembersPage />),
      signedIn('settings', <SettingsPage />),
      signedIn('audit', <AuditPage />),
      signedIn('admin', <AdminPage />),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
