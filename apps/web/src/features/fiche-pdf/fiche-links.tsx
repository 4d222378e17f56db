import type { ListCasesParams } from '../cases/api/get-cases';

// The « fiche entretien » PDFs are produced by the API (apps/api/src/modules/pdf): the web app
// only links to them. Same origin, so the session cookie goes along; the API answers a
// download (Content-Disposition: attachment) named after the pupil and the date, and records
// the printing in the audit trail. Nothing is rendered in the browser: no PDF code here.

/** The blank fiche to fill during the interview, or (filled) the case's record. */
export function ficheEntretienUrl(caseId: string, { filled = false } = {}): string {
  return `/api/cases/${encodeURIComponent(caseId)}/fiche-entretien.pdf${filled ? '?filled=1' : ''}`;
}

/**
 * One PDF with a fiche per pupil of a list: its establishment, tab, filters and sort. A name
 * search is left out on purpose: it is not a list one prints, and a name has no place in an
 * address (it would end up in the browser's history).
 */
export function fichesBatchUrl(list: ListCasesParams): string {
  const search = new URLSearchParams({
    establishment: list.establishment,
    tab: list.tab ?? 'suivi',
  });
  if (list.status) search.set('status', list.status);
  if (list.source) search.set('source', list.source);
  if (list.class) search.set('class', list.class);
  if (list.sort && list.sort !== 'name') search.set('sort', list.sort);
  return `/api/cases/fiches-entretien.pdf?${search.toString()}`;
}

/** The guide's PDF icon in a list row: the pupil's blank fiche. */
export function FichePdfIconLink({ caseId, pupilName }: { caseId: string; pupilName: string }) {
  const label = `Fiche entretien de ${pupilName} (PDF)`;
  return (
    <a
      className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-file-pdf-line"
      href={ficheEntretienUrl(caseId)}
      title={label}
      download
    >
      {label}
    </a>
  );
}
