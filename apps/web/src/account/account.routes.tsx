/** The account pages, in a chunk of their own (loaded when a visitor opens one). */
import '../public/public.css';
import { MySessionsPage } from './my-sessions.page';
import { ForgotPasswordPage, ResetPasswordPage } from './password-reset.pages';
import { ProfilePage } from './profile.page';
import { SignUpPage } from './sign-up.page';

export default function AccountRoutes({ path }: { path: string }) {
  if (path === '/signup') return <SignUpPage />;
  if (path === '/forgot-password') return <ForgotPasswordPage />;
  if (path === '/reset-password') return <ResetPasswordPage />;
  if (path === '/profile') return <ProfilePage />;
  return <MySessionsPage />;
}
