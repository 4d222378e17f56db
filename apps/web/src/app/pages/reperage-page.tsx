import { useParams } from 'react-router';
import { useMe } from '../../features/auth/api/get-me';
import { useEstablishments } from '../../features/establishments/api/get-establishments';
import { ReperageScreen } from '../../features/reperage/components/reperage-screen';

/** `/etablissements/:uai/reperage`: flag a pupil of this establishment by hand. */
export function ReperagePage() {
  const uai = (useParams().uai ?? '').toUpperCase();
  const { data: me } = useMe();
  const scope = me?.scope;
  const establishments = useEstablishments({
    enabled: scope !== undefined && scope.kind !== 'establishment',
  });
  const name =
    scope?.kind === 'establishment'
      ? scope.uai === uai
        ? scope.name
        : undefined
      : establishments.data?.items.find((e) => e.uai === uai)?.name;
  return <ReperageScreen key={uai} uai={uai} establishmentName={name} />;
}
