/** @jsxRuntime automatic */
/** @jsxImportSource react */
// (The pragmas keep JSX on React's automatic runtime for tsx/esbuild whatever tsconfig says;
// type-checking needs "jsx": "react-jsx" in the tsconfig.)
import {
  caseSourceLabels,
  interviewChannelLabels,
  interviewChannels,
  interviewReached,
  interviewReachedLabels,
} from '@jasmin/shared/cases/schemas';
import {
  caseStatusLabels,
  solutionKindLabels,
  stopReasonLabels,
  stopReasons,
  transferPlatformLabels,
  transferPlatforms,
} from '@jasmin/shared/cases/transitions';
import type { ReactElement, ReactNode } from 'react';
import {
  displayFamilyName,
  firstFirstName,
  type FicheData,
  type FicheEvent,
  type FicheGuardian,
  type FicheRecord,
} from './fiche-model';
import { ageOn, frenchDateTime, frenchDay, pdfSafe } from './pdf-text';
import type { ReactPdf } from './react-pdf';

// The « Fiche entretien » of the guide: printed before contacting a pupil, with the SIECLE
// (SCONET) contact details of the pupil and their legal guardians and the six sections to fill
// by hand; or, filled (`record`), the same layout with what was recorded. Built-in Helvetica
// only (WinAnsi: é è à ç œ « » € print; every text went through pdfSafe).

export const FICHE_TITLE = 'Fiche entretien';
export const FILLED_TITLE = 'Dossier de suivi';

/** The six sections of the guide, in order (their titles are printed as they are here). */
export const SECTION_TITLES = [
  "1. Détails de l'entretien",
  '2. Observations',
  '3. Suite de formation',
  '4. Vie active',
  '5. Transfert',
  '6. Arrêt de suivi',
] as const;

const EVENT_LABELS: Record<string, string> = {
  CREATED: 'Repérage',
  NOT_FOLLOW: 'Décision : ne pas suivre',
  START_FOLLOW_UP: 'Décision : suivi mis en place',
  CLOSE_WITH_SOLUTION: 'Solution trouvée',
  TRANSFER: 'Transfert',
  STOP: 'Arrêt du suivi',
  REOPEN: 'Réouverture du suivi',
  INTERVIEW_RECORDED: 'Entretien saisi',
  INTERVIEW_EDITED: 'Entretien corrigé',
  TRANSFER_ACCEPTED: 'Transfert accepté par la plate-forme',
  TRANSFER_RETURNED: "Transfert renvoyé à l'établissement",
  SOLUTION_DETECTED: 'Solution détectée par un import',
};

const transferStatusLabels = {
  PENDING: 'en attente',
  ACCEPTED: 'accepté',
  RETURNED: "renvoyé à l'établissement",
} as const;

const label = <K extends string>(
  labels: Record<K, string>,
  key: string | null | undefined,
): string => (key ? ((labels as Record<string, string>)[key] ?? pdfSafe(key)) : '');

/** Opt-in of React-PDF's newer pagination engine (switch off here if a layout goes wrong). */
export const EXPERIMENTAL_PAGINATION = process.env.JASMIN_PDF_CLASSIC_PAGINATION !== '1';

/** « DUPONT-LEFÈVRE Éloïse »: footer, bookmarks, titles. */
export function pupilLabel(f: FicheData): string {
  return `${displayFamilyName(f.pupil).toUpperCase()} ${firstFirstName(f.pupil)}`.trim();
}

const GREY = '#555555';
const LINE = '#9a9a9a';
const BLUE = '#000091'; // the State's « bleu France »

function createStyles(pdf: ReactPdf) {
  return pdf.StyleSheet.create({
    // No lineHeight on the page: there it makes React-PDF drop fixed text that uses `render`
    // (the footer's page numbers); the content carries it. A unitless lineHeight is resolved
    // against the fontSize where it is declared (here 9 pt → 11.7 pt) and inherited as such.
    page: {
      paddingTop: 30,
      paddingBottom: 42,
      paddingHorizontal: 36,
      fontFamily: 'Helvetica',
      fontSize: 9,
      color: '#161616',
    },
    content: { fontSize: 9, lineHeight: 1.3 },
    footer: {
      position: 'absolute',
      bottom: 18,
      left: 36,
      right: 36,
      flexDirection: 'row',
      justifyContent: 'space-between',
      fontSize: 7,
      color: GREY,
      borderTopWidth: 0.5,
      borderTopColor: LINE,
      paddingTop: 3,
    },
    header: {
      flexDirection: 'row',
      justifyContent: 'space-between',
      borderBottomWidth: 1.5,
      borderBottomColor: BLUE,
      paddingBottom: 6,
      marginBottom: 6,
    },
    title: { fontSize: 16, lineHeight: 1.2, fontFamily: 'Helvetica-Bold', color: BLUE },
    subtitle: { fontSize: 8, color: GREY, marginTop: 2, maxWidth: 270 },
    headerRight: { width: 230, fontSize: 8.5 },
    strong: { fontFamily: 'Helvetica-Bold' },
    muted: { color: GREY },
    notice: {
      borderWidth: 1,
      borderColor: '#ce0500',
      backgroundColor: '#fff4f3',
      padding: 5,
      marginBottom: 8,
      fontSize: 8,
    },
    noticeTitle: { fontFamily: 'Helvetica-Bold', color: '#ce0500' },
    block: { marginBottom: 8 },
    blockTitle: {
      fontSize: 10.5,
      lineHeight: 1.3,
      fontFamily: 'Helvetica-Bold',
      color: BLUE,
      borderBottomWidth: 0.75,
      borderBottomColor: BLUE,
      paddingBottom: 1.5,
      marginBottom: 4,
    },
    grid: { flexDirection: 'row', flexWrap: 'wrap' },
    cell: { width: '50%', flexDirection: 'row', paddingRight: 6, marginBottom: 1.5 },
    cellWide: { width: '100%', flexDirection: 'row', paddingRight: 6, marginBottom: 1.5 },
    key: { width: 92, color: GREY, fontSize: 8 },
    value: { flex: 1 },
    cards: { flexDirection: 'row', flexWrap: 'wrap', justifyContent: 'space-between' },
    card: { width: '49%', borderWidth: 0.5, borderColor: LINE, padding: 4, marginBottom: 4 },
    cardTitle: { fontFamily: 'Helvetica-Bold', marginBottom: 2 },
    row: { flexDirection: 'row', alignItems: 'center', flexWrap: 'wrap', marginBottom: 3 },
    rowLabel: { fontFamily: 'Helvetica-Bold', marginRight: 6 },
    box: {
      position: 'relative',
      width: 8,
      height: 8,
      borderWidth: 0.8,
      borderColor: '#161616',
      marginRight: 3,
    },
    // Placed absolutely: laid out in the flow, the mark does not fit the box and is dropped.
    boxMark: {
      position: 'absolute',
      top: -0.5,
      left: 1.2,
      fontSize: 7,
      fontFamily: 'Helvetica-Bold',
      lineHeight: 1,
    },
    choice: { flexDirection: 'row', alignItems: 'center', marginRight: 10, marginBottom: 2 },
    line: { height: 15, borderBottomWidth: 0.5, borderBottomColor: LINE },
    fillRow: { flexDirection: 'row', alignItems: 'flex-end', marginBottom: 3 },
    fillLabel: { marginRight: 4 },
    fillLine: { flex: 1, height: 13, borderBottomWidth: 0.5, borderBottomColor: LINE },
    table: { borderTopWidth: 0.5, borderTopColor: LINE },
    tr: {
      flexDirection: 'row',
      borderBottomWidth: 0.5,
      borderBottomColor: LINE,
      paddingVertical: 2,
    },
    th: { fontFamily: 'Helvetica-Bold', fontSize: 8 },
    entry: { marginBottom: 4 },
    entryTitle: { fontFamily: 'Helvetica-Bold', marginBottom: 1 },
    paragraph: { marginBottom: 2 },
    endMark: { marginTop: 4, textAlign: 'center', fontSize: 7.5, color: GREY },
  });
}

type Styles = ReturnType<typeof createStyles>;

export interface FicheRenderer {
  /** One fiche: one <Page> that flows onto as many A4 pages as it needs (numbered per fiche). */
  page(fiche: FicheData, key?: string): ReactElement;
  /** A document of fiches (one for a single fiche; a batch renders chunks of them). */
  document(fiches: FicheData[], meta: { title: string }): ReactElement;
}

const renderers = new WeakMap<ReactPdf, FicheRenderer>();

/** The fiche components over a loaded React-PDF module (made once per module). */
export function ficheRenderer(pdf: ReactPdf): FicheRenderer {
  const existing = renderers.get(pdf);
  if (existing) return existing;
  const made = makeRenderer(pdf);
  renderers.set(pdf, made);
  return made;
}

function makeRenderer(pdf: ReactPdf): FicheRenderer {
  const { Document, Page, View, Text } = pdf;
  const s: Styles = createStyles(pdf);

  const Field = ({ k, v, wide }: { k: string; v: string | null | undefined; wide?: boolean }) => (
    <View style={wide ? s.cellWide : s.cell}>
      <Text style={s.key}>{k}</Text>
      <Text style={s.value}>{v || '—'}</Text>
    </View>
  );

  const Block = ({
    title,
    children,
    keepTogether = true,
  }: {
    title: string;
    children: ReactNode;
    keepTogether?: boolean;
  }) => (
    <View style={s.block} wrap={!keepTogether}>
      {/* A title is never left alone at the bottom of a page. */}
      <Text style={s.blockTitle} minPresenceAhead={40}>
        {title}
      </Text>
      {children}
    </View>
  );

  const Box = ({ checked }: { checked?: boolean }) => (
    <View style={s.box}>{checked ? <Text style={s.boxMark}>X</Text> : null}</View>
  );

  const Choices = ({
    title,
    options,
    checked,
  }: {
    title: string;
    options: readonly string[];
    checked?: ReadonlySet<string>;
  }) => (
    <View style={s.row}>
      <Text style={s.rowLabel}>{title}</Text>
      {options.map((o) => (
        <View key={o} style={s.choice}>
          <Box checked={checked?.has(o)} />
          <Text>{o}</Text>
        </View>
      ))}
    </View>
  );

  const Lines = ({ count }: { count: number }) => (
    <View>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} style={s.line} />
      ))}
    </View>
  );

  const Fill = ({ k, width }: { k: string; width?: number }) => (
    <View style={[s.fillRow, width ? { width } : {}]}>
      <Text style={s.fillLabel}>{k}</Text>
      <View style={s.fillLine} />
    </View>
  );

  const Header = ({ f, filled }: { f: FicheData; filled: boolean }) => (
    <View style={s.header}>
      <View>
        <Text style={s.title}>{filled ? FILLED_TITLE : FICHE_TITLE}</Text>
        <Text style={s.subtitle}>
          Repérage et suivi des jeunes sortis sans diplôme ni solution (obligation de formation
          16-18 ans)
        </Text>
        <Text style={s.subtitle}>
          {label(caseSourceLabels, f.source)} · suivi : {label(caseStatusLabels, f.status)}
        </Text>
      </View>
      <View style={s.headerRight}>
        <Text style={s.strong}>{f.establishment.name}</Text>
        <Text>
          UAI {f.establishment.uai}
          {f.establishment.city ? ` · ${f.establishment.city}` : ''}
        </Text>
        <Text>Année scolaire {f.schoolYear}</Text>
        <Text style={s.muted}>
          Imprimée le {frenchDateTime(f.printedAt)}
          {f.printedBy ? ` par ${f.printedBy}` : ''}
        </Text>
      </View>
    </View>
  );

  const Notice = ({ f }: { f: FicheData }) => {
    const minor = ageOn(f.pupil.birthDate, f.printedAt) < 18;
    return (
      <View style={s.notice}>
        <Text>
          <Text style={s.noticeTitle}>
            Document confidentiel : données personnelles{minor ? " d'un mineur" : ''}.{' '}
          </Text>
          Coordonnées issues de SIECLE (SCONET), réservées au suivi de ce jeune au titre de
          l'obligation de formation. Ne pas diffuser ni photocopier ; ne pas laisser sans
          surveillance ; détruire (broyeur) dès que l'entretien est saisi dans Jasmin. L'impression
          de ce document est tracée.
        </Text>
      </View>
    );
  };

  const Pupil = ({ f }: { f: FicheData }) => {
    const p = f.pupil;
    const age = ageOn(p.birthDate, f.printedAt);
    return (
      <Block title="Élève (données SIECLE)">
        <View style={s.grid}>
          <Field k="Nom de famille" v={p.familyName} />
          <Field k="Nom d'usage" v={p.usageName} />
          <Field k="Prénom(s)" v={p.firstNames} />
          <Field
            k="Né(e) le"
            v={`${frenchDay(p.birthDate)} (${age} ans)${p.sex ? ` · ${p.sex === 'F' ? 'fille' : 'garçon'}` : ''}`}
          />
          <Field k="INE" v={p.ine} />
          <Field
            k="Dernière classe"
            v={[p.division, p.mefCode ? `MEF ${p.mefCode}` : ''].filter(Boolean).join(' · ')}
          />
          <Field k="Date d'entrée" v={frenchDay(p.entryDate)} />
          <Field k="Date de sortie" v={p.exitDate ? frenchDay(p.exitDate) : 'encore inscrit(e)'} />
          <Field
            k="Motif de sortie"
            v={p.exitReasonCode ? `code SIECLE ${p.exitReasonCode}` : ''}
          />
          <Field k="Téléphone" v={p.phone} />
          <Field k="Portable" v={p.mobile} />
          <Field k="Courriel" v={p.email} />
          <Field k="Adresse" v={p.address} wide />
          {f.atRiskReason ? <Field k="Motif du repérage" v={f.atRiskReason} wide /> : null}
        </View>
      </Block>
    );
  };

  const GuardianCard = ({ g }: { g: FicheGuardian }) => (
    <View style={s.card} wrap={false}>
      <Text style={s.cardTitle}>
        {[g.civility, g.familyName, g.firstName].filter(Boolean).join(' ')}
        {g.relationship ? ` (${g.relationship})` : ''}
      </Text>
      <Field k="Tél. domicile" v={g.phoneHome} wide />
      <Field k="Tél. portable" v={g.phoneMobile} wide />
      <Field k="Tél. travail" v={g.phoneWork} wide />
      <Field k="Courriel" v={g.email} wide />
      <Field k="Adresse" v={g.address} wide />
    </View>
  );

  const Guardians = ({ f }: { f: FicheData }) => {
    const legal = f.guardians.filter((g) => g.isLegalGuardian);
    const others = f.guardians.filter((g) => !g.isLegalGuardian);
    return (
      <>
        <Block title="Responsables légaux (données SIECLE)" keepTogether={false}>
          {legal.length === 0 ? (
            <Text style={s.muted}>Aucun responsable légal connu dans SIECLE.</Text>
          ) : null}
          <View style={s.cards}>
            {legal.map((g, i) => (
              <GuardianCard key={i} g={g} />
            ))}
          </View>
        </Block>
        {others.length > 0 ? (
          <Block title="Autres personnes à contacter" keepTogether={false}>
            <View style={s.cards}>
              {others.map((g, i) => (
                <GuardianCard key={i} g={g} />
              ))}
            </View>
          </Block>
        ) : null}
      </>
    );
  };

  const channelOptions = interviewChannels.map((c) => interviewChannelLabels[c]);
  const reachedOptions = interviewReached.map((r) => interviewReachedLabels[r]);
  const platformOptions = transferPlatforms.map((p) => transferPlatformLabels[p]);
  const stopOptions = stopReasons.map((r) => stopReasonLabels[r]);

  /** The six sections, blank: lines and boxes to fill by hand during the interview. */
  const BlankSections = () => (
    <>
      <Block title={SECTION_TITLES[0]}>
        <View style={[s.row, { alignItems: 'flex-end' }]}>
          <Fill k="Date :" width={150} />
          <Fill k="Heure :" width={80} />
          <View style={{ flex: 1, marginLeft: 10 }}>
            <Fill k="Entretien mené par :" />
          </View>
        </View>
        <Choices title="Moyen de contact :" options={channelOptions} />
        <Choices title="Personne jointe :" options={reachedOptions} />
        <Fill k="Numéro ou adresse utilisés :" />
      </Block>
      <Block title={SECTION_TITLES[1]}>
        <Lines count={6} />
        <View style={{ marginTop: 3 }}>
          <Fill k="Suite à donner :" />
        </View>
      </Block>
      <Block title={SECTION_TITLES[2]}>
        <Fill k="Formation souhaitée :" />
        <Fill k="Établissement visé :" />
        <Fill k="Situation (inscrit, en attente, candidature…) :" />
        <Choices title="Solution trouvée :" options={[solutionKindLabels.FURTHER_STUDIES]} />
      </Block>
      <Block title={SECTION_TITLES[3]}>
        <Fill k="Emploi ou secteur recherché :" />
        <Fill k="Contrat (CDI, CDD, apprentissage, intérim…) :" />
        <Choices title="Solution trouvée :" options={[solutionKindLabels.EMPLOYMENT]} />
      </Block>
      <Block title={SECTION_TITLES[4]}>
        <Choices title="Plate-forme :" options={platformOptions} />
        <Text style={s.fillLabel}>Message pour la plate-forme :</Text>
        <Lines count={2} />
      </Block>
      <Block title={SECTION_TITLES[5]}>
        <Choices title="Motif :" options={stopOptions} />
        <Text style={s.fillLabel}>Explication :</Text>
        <Lines count={2} />
      </Block>
    </>
  );

  const None = ({ children }: { children: string }) => <Text style={s.muted}>{children}</Text>;

  const eventsOf = (r: FicheRecord, kind: string) => r.events.filter((e) => e.kind === kind);

  /** The six sections, filled with the record: interviews, decisions, transfers. */
  const FilledSections = ({ r }: { r: FicheRecord }) => {
    const solutions = eventsOf(r, 'CLOSE_WITH_SOLUTION');
    const studies = solutions.filter((e) => e.details.solutionKind === 'FURTHER_STUDIES');
    const work = solutions.filter((e) => e.details.solutionKind === 'EMPLOYMENT');
    const training = r.interviews.filter(
      (i) => i.trainingWish || i.trainingEstablishment || i.trainingStatus,
    );
    const jobs = r.interviews.filter((i) => i.jobSought || i.jobContract);
    const stops = eventsOf(r, 'STOP');
    return (
      <>
        <Block title={SECTION_TITLES[0]} keepTogether={false}>
          {r.interviews.length === 0 ? (
            <None>Aucun entretien enregistré.</None>
          ) : (
            <View style={s.table}>
              <View style={s.tr} fixed={false}>
                <Text style={[s.th, { width: 70 }]}>Date</Text>
                <Text style={[s.th, { width: 110 }]}>Moyen de contact</Text>
                <Text style={[s.th, { width: 130 }]}>Personne jointe</Text>
                <Text style={[s.th, { flex: 1 }]}>Saisi par</Text>
              </View>
              {r.interviews.map((i, n) => (
                <View key={n} style={s.tr} wrap={false}>
                  <Text style={{ width: 70 }}>{frenchDay(i.date)}</Text>
                  <Text style={{ width: 110 }}>{label(interviewChannelLabels, i.channel)}</Text>
                  <Text style={{ width: 130 }}>{label(interviewReachedLabels, i.reached)}</Text>
                  <Text style={{ flex: 1 }}>
                    {i.authorName}
                    {i.edited ? ' (corrigé)' : ''}
                  </Text>
                </View>
              ))}
            </View>
          )}
        </Block>
        <Block title={SECTION_TITLES[1]} keepTogether={false}>
          {r.interviews.length === 0 ? <None>Aucune observation.</None> : null}
          {r.interviews.map((i, n) => (
            <View key={n} style={s.entry} wrap={false}>
              <Text style={s.entryTitle}>Entretien du {frenchDay(i.date)}</Text>
              <Text style={s.paragraph}>{i.observations || '—'}</Text>
              {i.nextStep ? (
                <Text>
                  <Text style={s.strong}>Suite à donner : </Text>
                  {i.nextStep}
                </Text>
              ) : null}
            </View>
          ))}
        </Block>
        <Block title={SECTION_TITLES[2]} keepTogether={false}>
          {training.length === 0 && studies.length === 0 ? <None>Rien d'enregistré.</None> : null}
          {training.map((i, n) => (
            <View key={n} style={s.entry} wrap={false}>
              <Text style={s.entryTitle}>Entretien du {frenchDay(i.date)}</Text>
              <View style={s.grid}>
                <Field k="Formation souhaitée" v={i.trainingWish} wide />
                <Field k="Établissement" v={i.trainingEstablishment} wide />
                <Field k="Situation" v={i.trainingStatus} wide />
              </View>
            </View>
          ))}
          {studies.map((e, n) => (
            <SolutionEntry key={n} e={e} />
          ))}
        </Block>
        <Block title={SECTION_TITLES[3]} keepTogether={false}>
          {jobs.length === 0 && work.length === 0 ? <None>Rien d'enregistré.</None> : null}
          {jobs.map((i, n) => (
            <View key={n} style={s.entry} wrap={false}>
              <Text style={s.entryTitle}>Entretien du {frenchDay(i.date)}</Text>
              <View style={s.grid}>
                <Field k="Emploi recherché" v={i.jobSought} wide />
                <Field k="Contrat" v={i.jobContract} wide />
              </View>
            </View>
          ))}
          {work.map((e, n) => (
            <SolutionEntry key={n} e={e} />
          ))}
        </Block>
        <Block title={SECTION_TITLES[4]} keepTogether={false}>
          {r.transfers.length === 0 ? <None>Aucun transfert.</None> : null}
          {r.transfers.map((t, n) => (
            <View key={n} style={s.entry} wrap={false}>
              <Choices
                title={`Transfert du ${frenchDay(t.createdAt)} :`}
                options={[label(transferPlatformLabels, t.platform)]}
                checked={new Set([label(transferPlatformLabels, t.platform)])}
              />
              <Text style={s.paragraph}>
                <Text style={s.strong}>Message : </Text>
                {t.message || '—'}
              </Text>
              <Text style={s.muted}>
                Statut : {transferStatusLabels[t.status]}
                {t.decidedAt ? ` le ${frenchDay(t.decidedAt)}` : ''}
                {t.returnReason ? `. Motif du renvoi : ${t.returnReason}` : ''}
              </Text>
            </View>
          ))}
        </Block>
        <Block title={SECTION_TITLES[5]} keepTogether={false}>
          {stops.length === 0 ? <None>Le suivi n'a pas été arrêté.</None> : null}
          {stops.map((e, n) => (
            <View key={n} style={s.entry} wrap={false}>
              <Choices
                title={`Arrêt du ${frenchDay(e.at)} :`}
                options={[label(stopReasonLabels, e.details.stopReason)]}
                checked={new Set([label(stopReasonLabels, e.details.stopReason)])}
              />
              <Text style={s.paragraph}>{e.details.text || '—'}</Text>
              <Text style={s.muted}>Décidé par {e.actorName || '—'}</Text>
            </View>
          ))}
        </Block>
        <Timeline events={r.events} />
      </>
    );
  };

  const SolutionEntry = ({ e }: { e: FicheEvent }) => (
    <View style={s.entry} wrap={false}>
      <Choices
        title={`Solution du ${frenchDay(e.at)} :`}
        options={[label(solutionKindLabels, e.details.solutionKind)]}
        checked={new Set([label(solutionKindLabels, e.details.solutionKind)])}
      />
      <Text style={s.paragraph}>{e.details.details || '—'}</Text>
      <Text style={s.muted}>Décidé par {e.actorName || '—'}</Text>
    </View>
  );

  const eventDetail = (e: FicheEvent): string => {
    const d = e.details;
    const parts: string[] = [];
    if (e.kind === 'CREATED') {
      parts.push(
        d.by === 'hand'
          ? 'à la main'
          : d.by === 'croisement'
            ? 'par le croisement des données'
            : '',
      );
      if (d.source) parts.push(label(caseSourceLabels, d.source));
      if (d.reason) parts.push(d.reason);
    }
    if (d.solutionKind) parts.push(label(solutionKindLabels, d.solutionKind));
    if (d.platform) parts.push(label(transferPlatformLabels, d.platform));
    if (d.stopReason) parts.push(label(stopReasonLabels, d.stopReason));
    if (d.channel) parts.push(label(interviewChannelLabels, d.channel));
    if (d.date) parts.push(`entretien du ${frenchDay(d.date)}`);
    for (const key of ['comment', 'details', 'message', 'text'] as const)
      if (d[key]) parts.push(d[key]);
    if (e.kind !== 'CREATED' && d.reason) parts.push(`motif : ${d.reason}`);
    if (e.toStatus && e.fromStatus) parts.push(`statut : ${label(caseStatusLabels, e.toStatus)}`);
    return parts.filter(Boolean).join(' · ');
  };

  const Timeline = ({ events }: { events: FicheEvent[] }) => (
    <Block title="Décisions et historique" keepTogether={false}>
      {events.length === 0 ? <None>Aucun événement.</None> : null}
      <View style={s.table}>
        {events.map((e, n) => (
          <View key={n} style={s.tr} wrap={false}>
            <Text style={{ width: 92 }}>{frenchDateTime(e.at)}</Text>
            <Text style={[s.strong, { width: 130, paddingRight: 4 }]}>
              {EVENT_LABELS[e.kind] ?? pdfSafe(e.kind)}
            </Text>
            <Text style={{ flex: 1, paddingRight: 4 }}>{eventDetail(e)}</Text>
            <Text style={[s.muted, { width: 90 }]}>{e.actorName || 'Jasmin'}</Text>
          </View>
        ))}
      </View>
    </Block>
  );

  /**
   * On every page: whose fiche it is (pages of a batch come apart). Page numbers (« page 2/3 »)
   * only on the filled record, whose length varies: React-PDF lays a document out a second time
   * as soon as any text reads page numbers, about 25 % of a fiche's rendering time. The blank
   * fiche has a fixed layout (two pages) and ends with an end mark instead.
   */
  const Footer = ({ f, filled }: { f: FicheData; filled: boolean }) => (
    <View style={s.footer} fixed>
      <Text>
        {filled ? FILLED_TITLE : FICHE_TITLE} · {pupilLabel(f)} · {f.establishment.uai} ·
        Confidentiel
      </Text>
      {filled ? (
        <Text
          render={({ subPageNumber, subPageTotalPages }) =>
            `page ${subPageNumber}/${subPageTotalPages}`
          }
        />
      ) : (
        <Text>imprimée le {frenchDateTime(f.printedAt)}</Text>
      )}
    </View>
  );

  const EndMark = ({ f, filled }: { f: FicheData; filled: boolean }) => (
    <Text style={s.endMark}>
      Fin {filled ? 'du dossier de suivi' : 'de la fiche entretien'} de {pupilLabel(f)}.
    </Text>
  );

  const page = (f: FicheData, key?: string): ReactElement => {
    const filled = f.record !== undefined;
    return (
      // `bookmark`: one outline entry per fiche (a batch's outline is built from them).
      // `experimentalPagination`: React-PDF 4.9's newer pagination engine, about 20-30 % faster
      // here with the same page breaks (bench/pdf measures both).
      <Page
        key={key}
        size="A4"
        style={s.page}
        wrap
        bookmark={pupilLabel(f)}
        experimentalPagination={EXPERIMENTAL_PAGINATION}
      >
        <Footer f={f} filled={filled} />
        <View style={s.content}>
          <Header f={f} filled={filled} />
          <Notice f={f} />
          <Pupil f={f} />
          <Guardians f={f} />
          {f.record ? <FilledSections r={f.record} /> : <BlankSections />}
          <EndMark f={f} filled={filled} />
        </View>
      </Page>
    );
  };

  const document = (fiches: FicheData[], meta: { title: string }): ReactElement => (
    <Document
      title={pdfSafe(meta.title)}
      language="fr-FR"
      author="Jasmin"
      creator="Jasmin"
      producer="Jasmin"
      subject="Fiche entretien (données personnelles)"
    >
      {fiches.map((f, i) => page(f, String(i)))}
    </Document>
  );

  return { page, document };
}
