import type { CaseDetail } from '@jasmin/shared/cases/schemas';
import type { ReactNode } from 'react';
import { formatIsoDate } from '../../../lib/format-date';

type Pupil = CaseDetail['pupil'];
type Guardian = CaseDetail['guardians'][number];

function Missing() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="fr-sr-only">non renseigné</span>
    </>
  );
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="jasmin-details__row">
      <dt>{label}</dt>
      <dd>{value === null || value === undefined || value === '' ? <Missing /> : value}</dd>
    </div>
  );
}

const date = (iso: string | null) => (iso ? formatIsoDate(iso) : null);
const sexLabels = { M: 'Masculin', F: 'Féminin' } as const;

/** SIECLE data of the pupil, read-only (fiche « choix »). */
export function PupilDetails({ pupil }: { pupil: Pupil }) {
  const firstNames = [pupil.firstName, pupil.firstName2, pupil.firstName3].filter(Boolean).join(', ');
  return (
    <dl className="jasmin-details">
      <Row label="Nom de famille" value={pupil.familyName} />
      <Row label="Nom d’usage" value={pupil.usageName} />
      <Row label="Prénoms" value={firstNames} />
      <Row label="Sexe" value={pupil.sex ? sexLabels[pupil.sex] : null} />
      <Row label="Date de naissance" value={formatIsoDate(pupil.birthDate)} />
      <Row label="INE" value={pupil.ine} />
      <Row label="Classe" value={pupil.division} />
      <Row label="MEF" value={pupil.mefCode} />
      <Row label="Date d’entrée" value={date(pupil.entryDate)} />
      <Row label="Date de sortie" value={date(pupil.exitDate)} />
      <Row label="Motif de sortie (code SIECLE)" value={pupil.exitReasonCode} />
      <Row label="Téléphone" value={pupil.phone} />
      <Row label="Portable" value={pupil.mobile} />
      <Row
        label="Courriel"
        value={pupil.email && <a href={`mailto:${pupil.email}`}>{pupil.email}</a>}
      />
      <Row label="Adresse" value={pupil.address && <span className="jasmin-pre-line">{pupil.address}</span>} />
    </dl>
  );
}

function guardianName(g: Guardian) {
  return [g.civility, g.familyName.toUpperCase(), g.firstName].filter(Boolean).join(' ');
}

/** The guardians' contacts from SIECLE; legal guardians first. */
export function GuardiansDetails({ guardians }: { guardians: Guardian[] }) {
  if (guardians.length === 0) return <p>Aucun responsable connu dans SIECLE.</p>;
  const sorted = [...guardians].sort((a, b) => Number(b.isLegalGuardian) - Number(a.isLegalGuardian));
  return (
    <ul className="jasmin-plain-list jasmin-guardians">
      {sorted.map((g) => (
        <li key={g.id} className="fr-mb-3w">
          <h4 className="fr-h6 fr-mb-1w">{guardianName(g)}</h4>
          <dl className="jasmin-details">
            <Row label="Responsable légal" value={g.isLegalGuardian ? 'Oui' : 'Non'} />
            <Row label="Lien avec l’élève" value={g.relationship} />
            <Row label="Téléphone domicile" value={g.phoneHome} />
            <Row label="Portable" value={g.phoneMobile} />
            <Row label="Téléphone professionnel" value={g.phoneWork} />
            <Row label="Courriel" value={g.email && <a href={`mailto:${g.email}`}>{g.email}</a>} />
            <Row label="Adresse" value={g.address && <span className="jasmin-pre-line">{g.address}</span>} />
          </dl>
        </li>
      ))}
    </ul>
  );
}
