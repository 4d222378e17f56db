import { readCsvTable, type CsvColumn, type CsvRow, type CsvTableFormat } from './csv-table';
import { eachOf } from './batches';
import { foldKey, isValidIne, normalizeIne, parseDay } from './values';

/** Formats documented in docs/formats.md. */

export interface CsvRowEvent<R> {
  type: 'row';
  line: number;
  record: R;
}

export interface CsvRejectedEvent {
  type: 'rejected';
  /** « ligne N ». */
  ref: string;
  reason: string;
  line: number;
}

export type ExamResult = 'ADMITTED' | 'FAILED' | 'ABSENT' | 'OTHER';

export interface ExamResultRecord {
  ine: string | null;
  familyName: string;
  firstName: string;
  /** yyyy-mm-dd. */
  birthDate: string;
  diploma: string;
  session: string;
  result: ExamResult;
  /** The result as written in the file. */
  resultLabel: string;
}

export type TrainingKind = 'CFA' | 'AGRICULTURAL_HIGH_SCHOOL' | 'OTHER';

export interface TrainingEnrolmentRecord {
  ine: string | null;
  familyName: string;
  firstName: string;
  birthDate: string;
  /** UAI of the training establishment; at least one of `uai` and `siret` is set. */
  uai: string | null;
  siret: string | null;
  establishmentName: string;
  kind: TrainingKind;
  startDate: string;
  endDate: string | null;
  /** Date the apprenticeship contract was broken off. */
  breakDate: string | null;
}

export type ExamResultEvent = CsvRowEvent<ExamResultRecord> | CsvRejectedEvent;
export type TrainingEnrolmentEvent = CsvRowEvent<TrainingEnrolmentRecord> | CsvRejectedEvent;

const identityColumns = [
  {
    key: 'ine',
    name: 'ine',
    aliases: ['ine', 'id_national', 'numero_ine', 'ine_eleve'],
    required: false,
  },
  {
    key: 'familyName',
    name: 'nom',
    aliases: ['nom', 'nom_de_famille', 'nom_famille', 'nom_de_naissance', 'nom_naissance'],
    required: true,
  },
  {
    key: 'firstName',
    name: 'prenom',
    aliases: ['prenom', 'prenom1', 'premier_prenom'],
    required: true,
  },
  {
    key: 'birthDate',
    name: 'date_naissance',
    aliases: ['date_naissance', 'date de naissance', 'date_naiss', 'naissance', 'ne_le'],
    required: true,
  },
] as const satisfies readonly CsvColumn<string>[];

type IdentityKey = (typeof identityColumns)[number]['key'];
type ExamKey = IdentityKey | 'diploma' | 'session' | 'result';
type EnrolmentKey =
  | IdentityKey
  | 'uai'
  | 'siret'
  | 'establishmentName'
  | 'kind'
  | 'startDate'
  | 'endDate'
  | 'breakDate';

const examResultsFormat: CsvTableFormat<ExamKey> = {
  columns: [
    ...identityColumns,
    {
      key: 'diploma',
      name: 'diplome',
      aliases: ['diplome', 'libelle_diplome', 'intitule_diplome', 'examen'],
      required: true,
    },
    {
      key: 'session',
      name: 'session',
      aliases: ['session', 'annee_session', 'session_examen'],
      required: true,
    },
    {
      key: 'result',
      name: 'resultat',
      aliases: ['resultat', 'decision', 'resultat_examen'],
      required: true,
    },
  ],
};

const trainingEnrolmentsFormat: CsvTableFormat<EnrolmentKey> = {
  columns: [
    ...identityColumns,
    {
      key: 'uai',
      name: 'uai',
      aliases: ['uai', 'code_uai', 'rne', 'uai_etablissement'],
      required: false,
    },
    { key: 'siret', name: 'siret', aliases: ['siret', 'siret_etablissement'], required: false },
    {
      key: 'establishmentName',
      name: 'etablissement',
      aliases: ['etablissement', 'nom_etablissement', 'etablissement_formation', 'raison_sociale'],
      required: true,
    },
    {
      key: 'kind',
      name: 'type',
      aliases: ['type', 'type_etablissement', 'type_formation'],
      required: true,
    },
    {
      key: 'startDate',
      name: 'date_debut',
      aliases: ['date_debut', 'date de début', 'debut', 'date_entree', 'date_debut_contrat'],
      required: true,
    },
    {
      key: 'endDate',
      name: 'date_fin',
      aliases: ['date_fin', 'date de fin', 'fin', 'date_fin_contrat'],
      required: false,
    },
    {
      key: 'breakDate',
      name: 'date_rupture',
      aliases: ['date_rupture', 'date de rupture', 'rupture', 'date_rupture_contrat'],
      required: false,
    },
  ],
  oneOf: [['uai', 'siret']],
};

/** Streams the exam results CSV (OCEAN/CYCLADES side): one event per data row, by batches. */
export async function* parseExamResultsCsvBatches(
  input: AsyncIterable<Uint8Array>,
): AsyncGenerator<ExamResultEvent[]> {
  for await (const rows of readCsvTable(input, examResultsFormat)) yield rows.map(toExamResultEvent);
}

/** Streams the training/apprenticeship enrolments CSV (CFA data): one event per data row, by batches. */
export async function* parseTrainingEnrolmentsCsvBatches(
  input: AsyncIterable<Uint8Array>,
): AsyncGenerator<TrainingEnrolmentEvent[]> {
  for await (const rows of readCsvTable(input, trainingEnrolmentsFormat)) yield rows.map(toEnrolmentEvent);
}

/** parseExamResultsCsvBatches one event at a time. */
export const parseExamResultsCsv = (input: AsyncIterable<Uint8Array>): AsyncGenerator<ExamResultEvent> => eachOf(parseExamResultsCsvBatches(input));

/** parseTrainingEnrolmentsCsvBatches one event at a time. */
export const parseTrainingEnrolmentsCsv = (input: AsyncIterable<Uint8Array>): AsyncGenerator<TrainingEnrolmentEvent> =>
  eachOf(parseTrainingEnrolmentsCsvBatches(input));

function toExamResultEvent(row: CsvRow<ExamKey>): ExamResultEvent {
  const { values } = row;
  const identity = readIdentity(values);
  const missing = missingValues(values, examResultsFormat, ['diploma', 'session', 'result']);
  const reasons = [...identity.reasons, ...missing];
  const { familyName, firstName, birthDate } = identity;
  const { diploma, session, result } = values;
  const complete = familyName !== null && firstName !== null && birthDate !== null;
  if (
    !complete ||
    diploma === undefined ||
    session === undefined ||
    result === undefined ||
    reasons.length > 0
  ) {
    return rejected(row, reasons);
  }
  const record: ExamResultRecord = {
    ine: identity.ine,
    familyName,
    firstName,
    birthDate,
    diploma,
    session,
    result: examResultOf(result),
    resultLabel: result,
  };
  return { type: 'row', line: row.line, record };
}

function toEnrolmentEvent(row: CsvRow<EnrolmentKey>): TrainingEnrolmentEvent {
  const { values } = row;
  const identity = readIdentity(values);
  const establishment = readEstablishment(values);
  const period = readPeriod(values);
  const missing = missingValues(values, trainingEnrolmentsFormat, [
    'establishmentName',
    'kind',
    'startDate',
  ]);
  const kind = values.kind === undefined ? null : trainingKindOf(values.kind);
  const kindFault =
    values.kind !== undefined && kind === null
      ? `Type « ${values.kind} » inconnu (attendu : CFA, LYCEE_AGRICOLE ou AUTRE)`
      : null;
  const reasons = [
    ...identity.reasons,
    ...missing,
    ...establishment.reasons,
    ...period.reasons,
    kindFault,
  ].filter((reason) => reason !== null);
  const { familyName, firstName, birthDate } = identity;
  const complete = familyName !== null && firstName !== null && birthDate !== null && kind !== null;
  if (
    !complete ||
    period.startDate === null ||
    values.establishmentName === undefined ||
    reasons.length > 0
  ) {
    return rejected(row, reasons);
  }
  const record: TrainingEnrolmentRecord = {
    ine: identity.ine,
    familyName,
    firstName,
    birthDate,
    uai: establishment.uai,
    siret: establishment.siret,
    establishmentName: values.establishmentName,
    kind,
    startDate: period.startDate,
    endDate: period.endDate,
    breakDate: period.breakDate,
  };
  return { type: 'row', line: row.line, record };
}

interface Identity {
  ine: string | null;
  familyName: string | null;
  firstName: string | null;
  birthDate: string | null;
  reasons: string[];
}

function readIdentity(values: Partial<Record<IdentityKey, string>>): Identity {
  const reasons: string[] = [];
  if (values.familyName === undefined || values.firstName === undefined)
    reasons.push('Nom ou prénom manquant');
  const birthDate = values.birthDate === undefined ? null : parseDay(values.birthDate);
  if (values.birthDate === undefined) reasons.push('Date de naissance manquante');
  else if (birthDate === null)
    reasons.push(`Date de naissance impossible : « ${values.birthDate} »`);
  const ine = values.ine === undefined ? null : normalizeIne(values.ine);
  if (ine !== null && !isValidIne(ine)) reasons.push(`INE « ${values.ine} » invalide`);
  return {
    ine: ine !== null && isValidIne(ine) ? ine : null,
    familyName: values.familyName ?? null,
    firstName: values.firstName ?? null,
    birthDate,
    reasons,
  };
}

const UAI_PATTERN = /^[0-9]{7}[A-Z]$/;

function readEstablishment(values: Partial<Record<EnrolmentKey, string>>): {
  uai: string | null;
  siret: string | null;
  reasons: string[];
} {
  const uai = values.uai?.replace(/\s+/g, '').toUpperCase() ?? null;
  const siret = values.siret?.replace(/[\s.]+/g, '') ?? null;
  const reasons: string[] = [];
  if (uai === null && siret === null)
    reasons.push("UAI ou SIRET de l'établissement de formation manquant");
  if (uai !== null && !UAI_PATTERN.test(uai))
    reasons.push(`UAI « ${values.uai} » invalide (7 chiffres et une lettre)`);
  if (siret !== null && !/^[0-9]{14}$/.test(siret))
    reasons.push(`SIRET « ${values.siret} » invalide (14 chiffres)`);
  return { uai, siret, reasons };
}

function readPeriod(values: Partial<Record<EnrolmentKey, string>>): {
  startDate: string | null;
  endDate: string | null;
  breakDate: string | null;
  reasons: string[];
} {
  const start = readOptionalDay(values.startDate, 'Date de début');
  const end = readOptionalDay(values.endDate, 'Date de fin');
  const broken = readOptionalDay(values.breakDate, 'Date de rupture');
  const reasons = [start.fault, end.fault, broken.fault].filter((fault) => fault !== null);
  for (const [day, label] of [
    [end.day, 'La date de fin'],
    [broken.day, 'La date de rupture'],
  ] as const) {
    if (day !== null && start.day !== null && day < start.day)
      reasons.push(`${label} précède la date de début`);
  }
  return { startDate: start.day, endDate: end.day, breakDate: broken.day, reasons };
}

function readOptionalDay(
  raw: string | undefined,
  label: string,
): { day: string | null; fault: string | null } {
  if (raw === undefined) return { day: null, fault: null };
  const day = parseDay(raw);
  return { day, fault: day === null ? `${label} impossible : « ${raw} »` : null };
}

function missingValues<K extends string>(
  values: Partial<Record<K, string>>,
  format: CsvTableFormat<K>,
  keys: K[],
): string[] {
  const names = keys
    .filter((key) => values[key] === undefined)
    .map((key) => format.columns.find((column) => column.key === key)?.name ?? key);
  return names.length === 0 ? [] : [`Valeur manquante : ${names.join(', ')}`];
}

function rejected(row: { line: number }, reasons: string[]): CsvRejectedEvent {
  return {
    type: 'rejected',
    ref: `ligne ${row.line}`,
    reason: reasons.join(' ; '),
    line: row.line,
  };
}

/** ADMIS / ADMISE / REÇU → ADMITTED; AJOURNÉ / REFUSÉ / NON ADMIS → FAILED; ABSENT → ABSENT; anything else → OTHER. */
export function examResultOf(label: string): ExamResult {
  const key = foldKey(label);
  if (key.startsWith('admis') && !key.startsWith('admissible')) return 'ADMITTED';
  if (['recu', 'recue', 'admitted'].includes(key)) return 'ADMITTED';
  if (key.startsWith('ajourne') || key.startsWith('nonadmis') || key.startsWith('refuse'))
    return 'FAILED';
  if (['echec', 'nonrecu', 'nonrecue', 'failed'].includes(key)) return 'FAILED';
  if (['absent', 'absente', 'abs', 'ab'].includes(key)) return 'ABSENT';
  return 'OTHER';
}

const trainingKinds: Record<string, TrainingKind> = {
  cfa: 'CFA',
  lyceeagricole: 'AGRICULTURAL_HIGH_SCHOOL',
  agricole: 'AGRICULTURAL_HIGH_SCHOOL',
  agriculturalhighschool: 'AGRICULTURAL_HIGH_SCHOOL',
  autre: 'OTHER',
  other: 'OTHER',
};

function trainingKindOf(label: string): TrainingKind | null {
  return trainingKinds[foldKey(label)] ?? null;
}
