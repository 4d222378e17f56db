import { useParams } from 'react-router';
import { useMe } from '../../features/auth/api/get-me';
import { CaseLists } from '../../features/cases/components/case-lists';
import { useEstablishments } from '../../features/establishments/api/get-establishments';

/** `/etablissements/:uai/suivis?onglet=…`: the guide's tabs for one establishment. */
export function EstablishmentCasesPage() {
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
  // A new establishment starts from a clean slate (search field, focus).
  return <CaseLists key={uai} uai={uai} establishmentName={name} />;
}
