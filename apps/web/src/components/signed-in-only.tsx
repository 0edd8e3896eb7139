import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../session/session';
import { signInPath } from '../session/next-path';
import { Loading } from './loading';

/** Shows its children to a signed-in learner; anyone else goes to sign in and comes back here afterwards. */
export function SignedInOnly({ children }: { children: ReactNode }) {
  const { me, ready } = useSession();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!me) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  return children;
}

/** A route parent whose pages are all for signed-in learners (the account pages under /me). */
export function SignedInOutlet() {
  return (
    <SignedInOnly>
      <Outlet />
    </SignedInOnly>
  );
}
