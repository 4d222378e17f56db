import { CaseLists } from '../../features/cases/components/case-lists';
import { useEstablishmentParam } from '../../features/establishments/utils/use-establishment-param';

/** `/etablissements/:uai/suivis?onglet=…`: the guide's tabs for one establishment. */
export function EstablishmentCasesPage() {
  const { uai, name } = useEstablishmentParam();
  // A new establishment starts from a clean slate (search field, focus).
  return <CaseLists key={uai} uai={uai} establishmentName={name} />;
}
