import { useSearchParams } from 'react-router';
import { useMe } from '../../features/auth/api/get-me';
import { DistrictOverviewView } from '../../features/overview/components/district-overview';
import { ForbiddenPage } from './forbidden-page';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/district`: coordinators see their district; administrators choose one (`?id=`). */
export function DistrictOverviewPage() {
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  if (!me.data) return null;
  if (me.data.user.role === 'COORDINATOR' && me.data.scope.kind === 'district') {
    return <DistrictOverviewView districtId={me.data.scope.districtId} />;
  }
  if (me.data.user.role === 'ADMIN') {
    const id = searchParams.get('id') ?? '';
    return (
      <DistrictOverviewView
        districtId={UUID.test(id) ? id : undefined}
        chooseDistrict={(next) => setSearchParams({ id: next })}
      />
    );
  }
  return <ForbiddenPage />;
}
