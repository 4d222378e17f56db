// The baseline: a bare @react-pdf/renderer form of the same size as the « fiche entretien »
// (two A4 pages: a header, a notice, 14 labelled fields, two contact cards, six sections with
// fill-in lines, check boxes and ruled lines, a footer on every page, an end mark), written
// directly with React-PDF's primitives: no data model, no text clean-up, no components.
import { createRequire } from 'node:module';
import type { ReactPdf } from '@jasmin/api/src/modules/pdf/react-pdf';

/** React as the API has it (the bench package does not list react: same instance, no new dependency). */
const react = createRequire(require.resolve('@jasmin/api/package.json'))('react') as {
  createElement: (...args: unknown[]) => unknown;
};
type Node = unknown;
const h = (type: unknown, props: Record<string, unknown> | null, ...children: Node[]): Node =>
  react.createElement(type, props, ...children);
type DocumentElement = Parameters<ReactPdf['renderToBuffer']>[0];

export function bareForm(
  pdf: ReactPdf,
  n: number,
  options: { experimentalPagination?: boolean } = {},
): DocumentElement {
  const { Document, Page, View, Text } = pdf;
  const row = (k: string, v: string) =>
    h(
      View,
      { key: k, style: { width: '50%', flexDirection: 'row', marginBottom: 1.5 } },
      h(Text, { style: { width: 92, fontSize: 8, color: '#555' } }, k),
      h(Text, { style: { flex: 1 } }, v),
    );
  const title = (t: string) =>
    h(
      Text,
      {
        style: {
          fontSize: 10.5,
          fontFamily: 'Helvetica-Bold',
          color: '#000091',
          borderBottomWidth: 0.75,
          borderBottomColor: '#000091',
          marginBottom: 4,
        },
      },
      t,
    );
  const fill = (k: string) =>
    h(
      View,
      { key: k, style: { flexDirection: 'row', alignItems: 'flex-end', marginBottom: 3 } },
      h(Text, { style: { marginRight: 4 } }, k),
      h(View, {
        style: { flex: 1, height: 13, borderBottomWidth: 0.5, borderBottomColor: '#999' },
      }),
    );
  const boxes = (label: string, options: string[]) =>
    h(
      View,
      {
        key: label,
        style: { flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', marginBottom: 3 },
      },
      h(Text, { style: { fontFamily: 'Helvetica-Bold', marginRight: 6 } }, label),
      ...options.map((o) =>
        h(
          View,
          { key: o, style: { flexDirection: 'row', alignItems: 'center', marginRight: 10 } },
          h(View, { style: { width: 8, height: 8, borderWidth: 0.8, marginRight: 3 } }),
          h(Text, null, o),
        ),
      ),
    );
  const lines = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      h(View, { key: i, style: { height: 15, borderBottomWidth: 0.5, borderBottomColor: '#999' } }),
    );
  const section = (t: string, ...children: Node[]) =>
    h(View, { style: { marginBottom: 8 }, wrap: false }, title(t), ...children);
  const card = (who: string) =>
    h(
      View,
      { style: { width: '49%', borderWidth: 0.5, borderColor: '#999', padding: 4 } },
      h(Text, { style: { fontFamily: 'Helvetica-Bold' } }, who),
      row('Tél. domicile', `01 43 55 12 ${String(n % 100).padStart(2, '0')}`),
      row('Tél. portable', '06 11 22 33 44'),
      row('Tél. travail', '—'),
      row('Courriel', `parent${n}@example.invalid`),
      row('Adresse', '12 rue de l’Église, bâtiment C, 75011 Paris'),
    );
  return h(
    Document,
    { title: `Formulaire ${n}`, language: 'fr-FR' },
    h(
      Page,
      {
        size: 'A4',
        wrap: true,
        experimentalPagination: options.experimentalPagination ?? false,
        style: { padding: 36, paddingBottom: 42, fontFamily: 'Helvetica', fontSize: 9 },
      },
      h(
        View,
        {
          fixed: true,
          style: {
            position: 'absolute',
            bottom: 18,
            left: 36,
            right: 36,
            flexDirection: 'row',
            justifyContent: 'space-between',
            fontSize: 7,
          },
        },
        h(Text, null, `Formulaire · DUPONT-LEFÈVRE Éloïse ${n} · Confidentiel`),
        h(Text, null, 'imprimée le 04/12/2026 à 14:05'),
      ),
      h(
        View,
        { style: { fontSize: 9, lineHeight: 1.3 } },
        h(
          View,
          {
            style: {
              flexDirection: 'row',
              justifyContent: 'space-between',
              borderBottomWidth: 1.5,
              marginBottom: 6,
            },
          },
          h(
            View,
            null,
            h(
              Text,
              { style: { fontSize: 16, lineHeight: 1.2, fontFamily: 'Helvetica-Bold' } },
              'Fiche entretien',
            ),
            h(
              Text,
              { style: { fontSize: 8 } },
              'Repérage et suivi des jeunes sortis sans diplôme ni solution (obligation de formation 16-18 ans)',
            ),
            h(
              Text,
              { style: { fontSize: 8 } },
              'Repérage année précédente · suivi : Suivi mis en place',
            ),
          ),
          h(
            View,
            { style: { width: 230, fontSize: 8.5 } },
            h(Text, null, 'Lycée professionnel Jean-Baptiste Say — « Les Métiers »'),
            h(Text, null, 'UAI 0750001A · Paris'),
            h(Text, null, 'Année scolaire 2026-2027'),
            h(Text, null, 'Imprimée le 04/12/2026 à 14:05 par Françoise Lœw (CPE)'),
          ),
        ),
        h(
          View,
          {
            style: {
              borderWidth: 1,
              borderColor: '#ce0500',
              padding: 5,
              marginBottom: 8,
              fontSize: 8,
            },
          },
          h(
            Text,
            null,
            "Document confidentiel : données personnelles d'un mineur. Coordonnées issues de SIECLE (SCONET), réservées au suivi de ce jeune au titre de l'obligation de formation. Ne pas diffuser ni photocopier ; ne pas laisser sans surveillance ; détruire (broyeur) dès que l'entretien est saisi dans Jasmin. L'impression de ce document est tracée.",
          ),
        ),
        title('Élève (données SIECLE)'),
        h(
          View,
          { style: { flexDirection: 'row', flexWrap: 'wrap', marginBottom: 8 } },
          row('Nom de famille', 'DUPONT-LEFÈVRE'),
          row("Nom d'usage", '—'),
          row('Prénom(s)', 'Éloïse, Marie-Cécile'),
          row('Né(e) le', '14/03/2009 (17 ans) · fille'),
          row('INE', `${String(100000000 + n)}AB`),
          row('Dernière classe', '1RE PRO MELEC B · MEF 24025503210'),
          row("Date d'entrée", '02/09/2024'),
          row('Date de sortie', '30/06/2026'),
          row('Motif de sortie', 'code SIECLE 01'),
          row('Téléphone', '01 43 55 12 34'),
          row('Portable', '06 11 22 33 44'),
          row('Courriel', `eleve${n}@example.invalid`),
          row('Adresse', '12 rue de l’Église, bâtiment C, 75011 Paris'),
          row('Motif du repérage', '—'),
        ),
        title('Responsables légaux (données SIECLE)'),
        h(
          View,
          { style: { flexDirection: 'row', justifyContent: 'space-between', marginBottom: 8 } },
          card('Mme DUPONT-LEFÈVRE Hélène (Mère)'),
          card('M. PÈRE-ÉTIENNE Jérôme (Père)'),
        ),
        section(
          "1. Détails de l'entretien",
          fill('Date :'),
          fill('Entretien mené par :'),
          boxes('Moyen de contact :', [
            'Téléphone',
            'Entretien physique',
            'Courrier',
            'Courriel',
            'SMS',
            'Visio',
          ]),
          boxes('Personne jointe :', ['Le jeune', 'Un responsable légal', 'Personne']),
          fill('Numéro ou adresse utilisés :'),
        ),
        section('2. Observations', ...lines(6), fill('Suite à donner :')),
        section(
          '3. Suite de formation',
          fill('Formation souhaitée :'),
          fill('Établissement visé :'),
          fill('Situation (inscrit, en attente, candidature…) :'),
          boxes('Solution trouvée :', ["Poursuite d'études"]),
        ),
        section(
          '4. Vie active',
          fill('Emploi ou secteur recherché :'),
          fill('Contrat (CDI, CDD, apprentissage, intérim…) :'),
          boxes('Solution trouvée :', ['Vie active']),
        ),
        section(
          '5. Transfert',
          boxes('Plate-forme :', [
            'PSAD (plate-forme de suivi et d’appui aux décrocheurs)',
            "CIO (centre d'information et d'orientation)",
            'Mission locale',
            'PAE (pôle emploi — réservé d’abord aux jeunes diplômés cherchant un premier emploi)',
          ]),
          h(Text, null, 'Message pour la plate-forme :'),
          ...lines(2),
        ),
        section(
          '6. Arrêt de suivi',
          boxes('Motif :', [
            'Injoignable après plusieurs tentatives',
            'Refus du jeune ou de sa famille',
            'Déménagement',
            'Suivi par une autre structure',
            'Autre',
          ]),
          h(Text, null, 'Explication :'),
          ...lines(2),
        ),
        h(
          Text,
          { style: { textAlign: 'center', fontSize: 7.5 } },
          `Fin de la fiche entretien de DUPONT-LEFÈVRE Éloïse ${n}.`,
        ),
      ),
    ),
  ) as DocumentElement;
}
