import { useMe } from '../../features/auth/api/get-me';
import { ImportsScreen } from '../../features/imports/components/imports-screen';
import { PageLoading } from '../layout';

/** `/imports`: for administrators, heads and referents (the académie-wide kinds: administrators). */
export function ImportsPage() {
  const { data: me } = useMe();
  if (!me) return <PageLoading />;
  return <ImportsScreen isAdmin={me.user.role === 'ADMIN'} />;
}
