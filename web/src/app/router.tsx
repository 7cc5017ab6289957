import { createBrowserRouter } from 'react-router';
import { AppLayout } from '../components/AppLayout.tsx';
import { NotFoundPage } from '../components/NotFoundPage.tsx';
import { AdminPage } from '../features/admin/AdminPage.tsx';
import { AcceptInvitationPage } from '../features/auth/AcceptInvitationPage.tsx';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RegisterPage } from '../features/auth/RegisterPage.tsx';
import { RequireAuth } from '../features/auth/RequireAuth.tsx';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage.tsx';
import { VerifyEmailPage } from '../features/auth/VerifyEmailPage.tsx';
import { TimelinePage } from '../features/calendar/TimelinePage.tsx';
import { ChecklistPage } from '../features/checklists/ChecklistPage.tsx';
import { TemplatePage } from '../features/checklists/TemplatePage.tsx';
import { GuestsPage } from '../features/guests/GuestsPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { HousesPage } from '../features/houses/HousesPage.tsx';
import { MembersPage } from '../features/members/MembersPage.tsx';
import { ProfilePage } from '../features/profile/ProfilePage.tsx';
import { ReservationPage } from '../features/reservations/ReservationPage.tsx';
import { TodayPage } from '../features/today/TodayPage.tsx';

/** A page that needs a signed-in member. */
const signedIn = (path: string, page: React.ReactNode) => ({
  path,
  element: <RequireAuth>{page}</RequireAuth>,
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
      signedIn('houses/:houseId/checklist', <ChecklistPage />),
      signedIn('checklist-template', <TemplatePage />),
      signedIn('guests', <GuestsPage />),
      {
        path: 'profile',
        element: (
          <RequireAuth>
            <ProfilePage />
          </RequireAuth>
        ),
      },
      {
        path: 'members',
        element: (
          <RequireAuth>
            <MembersPage />
          </RequireAuth>
        ),
      },
      {
        path: 'admin',
        element: (
          <RequireAuth>
            <AdminPage />
          </RequireAuth>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
