import { useParams } from 'react-router';
import { useMe } from '../../auth/api/get-me';
import { useEstablishments } from '../api/get-establishments';

/**
 * The establishment of an `/etablissements/:uai/…` address: its UAI (upper case) and, when the
 * signed-in person may see it, its name — their own establishment's, or from their scope's list.
 */
export function useEstablishmentParam(): { uai: string; name: string | undefined } {
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
  return { uai, name };
}
