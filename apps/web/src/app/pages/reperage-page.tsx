import { useEstablishmentParam } from '../../features/establishments/utils/use-establishment-param';
import { ReperageScreen } from '../../features/reperage/components/reperage-screen';

/** `/etablissements/:uai/reperage`: flag a pupil of this establishment by hand. */
export function ReperagePage() {
  const { uai, name } = useEstablishmentParam();
  return <ReperageScreen key={uai} uai={uai} establishmentName={name} />;
}
