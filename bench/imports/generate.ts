// bench/imports/generate.ts — writes an académie-scale set of import files, deterministically
// (seeded PRNG: the same scale gives the same bytes), streamed to disk (one record at a time).
//
//   pnpm --filter @jasmin/bench imports:generate [-- --scale 0.1] [--dir DIR] [--force]
//
// Into DIR (default /tmp/jasmin-bench-imports, or JASMIN_BENCH_IMPORTS_DIR):
//   etablissements/<UAI>/ElevesSansAdresses.xml        BEE_ELEVES, ISO-8859-15 (1,000 pupils; 2,000 in the first)
//   etablissements/<UAI>/ResponsablesAvecAdresses.xml  BEE_RESPONSABLES, ISO-8859-15 (1–2 guardians a pupil)
//   resultats-examens.csv                              150,000 rows, `;`, Latin-1 as Excel writes it (Windows-1252)
//   inscriptions-formation.csv                         40,000 rows, `,`, UTF-8 with BOM
//   manifest.json                                      establishments, sizes, and what cross-referencing should find
// About 20,000 pupils have left (DATE_SORTIE in 2025-2026 or 2026-2027, before the census date
// 2026-11-15). Some of them obtained a diploma in June 2026, some enrolled in a CFA, some
// re-enrolled in another establishment of the académie, matched by INE or by name + birth date.
import { once } from 'node:events';
import { createWriteStream, mkdirSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { uaiCheckLetter } from '@jasmin/shared/establishments/uai';
import {
  CENSUS_DATE,
  dataDir,
  FULL,
  manifestPath,
  readManifest,
  scaleOf,
  SCHOOL_YEAR,
  SEED,
  type EstablishmentEntry,
  type Manifest,
} from './dataset';
import { encodeSingleByte } from './encodings';
import {
  ADULT_F,
  ADULT_M,
  CITIES,
  ESTABLISHMENT_PATRONS,
  FAMILY_NAMES,
  FIRST_NAMES_F,
  FIRST_NAMES_M,
  GENERAL_LEVELS,
  PRO_LEVELS,
  STREETS,
  TRAINING_CENTRES,
  type DiplomaLevel,
} from './names';

// ─── Deterministic randomness ────────────────────────────────────────────────────────────────

/** A small, fast PRNG (mulberry32) seeded from a hash of its keys: each record draws from its own stream. */
export class Rng {
  private state: number;

  constructor(...keys: number[]) {
    let h = 0x9e3779b9 ^ SEED;
    for (const k of keys) {
      h = Math.imul(h ^ (k | 0), 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
    }
    this.state = h >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

const STREAM = {
  pupil: 1,
  leaver: 2,
  exit: 3,
  guardian: 4,
  exam: 5,
  enrolment: 6,
  external: 7,
  twin: 8,
  structure: 9,
} as const;

// ─── Days ────────────────────────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;
const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY_MS;
const CENSUS = dayOf(2026, 11, 15);
const PREVIOUS_START = dayOf(2025, 9, 1);
const CURRENT_START = dayOf(2026, 9, 1);
const pad2 = (n: number) => String(n).padStart(2, '0');
function fr(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
function iso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
function ageAt(birth: number, at: number): number {
  const b = new Date(birth * DAY_MS);
  const a = new Date(at * DAY_MS);
  let age = a.getUTCFullYear() - b.getUTCFullYear();
  if (
    a.getUTCMonth() < b.getUTCMonth() ||
    (a.getUTCMonth() === b.getUTCMonth() && a.getUTCDate() < b.getUTCDate())
  )
    age -= 1;
  return age;
}

// ─── The académie's population ───────────────────────────────────────────────────────────────

interface Pupil {
  n: number;
  establishment: number;
  eleveId: string;
  elenoet: string;
  ine: string | null;
  family: string;
  usage: string | null;
  first: string;
  first2: string | null;
  first3: string | null;
  sex: 1 | 2;
  birth: number;
  entry: number;
  exit: number | null;
  exitReason: string | null;
  level: DiplomaLevel;
  division: string;
  group: string | null;
  twinOf: number | null;
}

const AGE_WEIGHTS: readonly [number, number][] = [
  [14, 0.02],
  [15, 0.16],
  [16, 0.25],
  [17, 0.25],
  [18, 0.2],
  [19, 0.09],
  [20, 0.03],
];

function pickAge(r: Rng): number {
  let u = r.next();
  for (const [age, w] of AGE_WEIGHTS) {
    if (u < w) return age;
    u -= w;
  }
  return 17;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ineOf = (number: number) =>
  `${String(number).padStart(9, '0')}${LETTERS[number % 26] ?? 'A'}${LETTERS[Math.floor(number / 26) % 26] ?? 'B'}`;

export class Academy {
  readonly count: number;
  readonly sizes: number[];
  readonly offsets: number[];
  readonly total: number;
  readonly leavers: number[] = [];
  private readonly leaverSet = new Set<number>();
  /** Arrival slot (global index) → the leaver of another establishment who re-enrolled there. */
  readonly twins = new Map<number, { leaver: number; withIne: boolean }>();
  readonly leaverProbability: number;

  constructor(readonly scale: number) {
    this.count = Math.max(2, Math.round(FULL.establishments * scale));
    this.sizes = Array.from({ length: this.count }, (_, e) =>
      e === 0 ? FULL.bigEstablishmentPupils : FULL.pupilsPerEstablishment,
    );
    this.offsets = [];
    let offset = 0;
    for (const size of this.sizes) {
      this.offsets.push(offset);
      offset += size;
    }
    this.total = offset;
    const reserved = this.sizes.reduce((sum, _s, e) => sum + this.reservedSlots(e), 0);
    this.leaverProbability = Math.round(FULL.leavers * scale) / (this.total - reserved);
    for (let n = 0; n < this.total; n++) {
      if (!this.isArrivalSlot(n) && new Rng(STREAM.leaver, n).chance(this.leaverProbability)) {
        this.leavers.push(n);
        this.leaverSet.add(n);
      }
    }
    // One leaver in 20 re-enrolled in another establishment of the académie (an arrival slot there).
    const free = this.sizes.map((_s, e) => this.reservedSlots(e));
    this.leavers.forEach((leaver, j) => {
      if (j % 20 !== 10) return;
      const own = this.establishmentOf(leaver);
      for (let step = 1; step < this.count; step++) {
        const dest = (own + step + (Math.floor(j / 20) % (this.count - 1))) % this.count;
        const left = free[dest] ?? 0;
        if (dest === own || left === 0) continue;
        free[dest] = left - 1;
        const slot = (this.offsets[dest] ?? 0) + (this.sizes[dest] ?? 0) - left;
        this.twins.set(slot, { leaver, withIne: new Rng(STREAM.twin, leaver).chance(0.8) });
        return;
      }
    });
  }

  reservedSlots(e: number): number {
    return e === 0 ? 10 : 5;
  }

  establishmentOf(n: number): number {
    return n < FULL.bigEstablishmentPupils
      ? 0
      : 1 + Math.floor((n - FULL.bigEstablishmentPupils) / FULL.pupilsPerEstablishment);
  }

  isArrivalSlot(n: number): boolean {
    const e = this.establishmentOf(n);
    return n - (this.offsets[e] ?? 0) >= (this.sizes[e] ?? 0) - this.reservedSlots(e);
  }

  isLeaver(n: number): boolean {
    return this.leaverSet.has(n);
  }

  isGeneral(e: number): boolean {
    return e % 3 === 1;
  }

  /** The pupil in slot n (a pure function of n: every file can recompute any pupil). */
  pupil(n: number): Pupil {
    const e = this.establishmentOf(n);
    const k = n - (this.offsets[e] ?? 0);
    const twin = this.twins.get(n);
    const base = this.identity(twin ? twin.leaver : n);
    const r = new Rng(STREAM.structure, n);
    const levels = this.isGeneral(e) ? GENERAL_LEVELS : PRO_LEVELS;
    const classIndex = Math.floor(k / 30);
    const level = levels[classIndex % levels.length] ?? levels[0] ?? PRO_LEVELS[0]!;
    const division = `${level.divisions[Math.floor(classIndex / levels.length) % level.divisions.length] ?? '2NDE'}${1 + (classIndex % 4)}`;
    const group = r.chance(0.3)
      ? r.pick(['G_LV2 ESP', 'G_LV2 ALL', 'G_EURO', 'G_OPT LATIN', 'G_SECTION SPORT'])
      : null;
    const common = {
      n,
      establishment: e,
      eleveId: String(4_000_000 + n),
      elenoet: String(10_000 + k),
      level,
      division,
      group,
    };
    if (twin) {
      const source = this.pupil(twin.leaver);
      const exit = source.exit ?? CURRENT_START;
      const entry = Math.min(CENSUS - 1, Math.max(exit + 1 + r.int(10), CURRENT_START + r.int(30)));
      return {
        ...base,
        ...common,
        ine: twin.withIne ? base.ine : null,
        entry,
        exit: null,
        exitReason: null,
        twinOf: twin.leaver,
      };
    }
    if (this.isArrivalSlot(n))
      return {
        ...base,
        ...common,
        entry: CURRENT_START + r.int(60),
        exit: null,
        exitReason: null,
        twinOf: null,
      };
    if (!this.isLeaver(n)) {
      return {
        ...base,
        ...common,
        entry: dayOf(r.pick([2024, 2025, 2025, 2026]), 9, 1),
        exit: null,
        exitReason: null,
        twinOf: null,
      };
    }
    const x = new Rng(STREAM.exit, n);
    const u = x.next();
    const exit =
      u < 0.55
        ? x.pick([dayOf(2026, 6, 30), dayOf(2026, 7, 3), dayOf(2026, 7, 4), dayOf(2026, 6, 19)])
        : u < 0.75
          ? PREVIOUS_START + 14 + x.int(250)
          : CURRENT_START + 2 + x.int(68);
    const entry = dayOf(
      exit >= CURRENT_START ? x.pick([2024, 2025, 2026]) : x.pick([2023, 2024, 2025]),
      9,
      1,
    );
    return {
      ...base,
      ...common,
      entry: Math.min(entry, exit),
      exit,
      exitReason: x.pick(['02', '04', '09', '11', '19', '23']),
      twinOf: null,
    };
  }

  /** Who the person of slot n is: names, sex, birth date, INE. */
  identity(
    n: number,
  ): Pick<Pupil, 'ine' | 'family' | 'usage' | 'first' | 'first2' | 'first3' | 'sex' | 'birth'> {
    const r = new Rng(STREAM.pupil, n);
    const sex: 1 | 2 = r.chance(0.5) ? 1 : 2;
    const firsts = sex === 1 ? FIRST_NAMES_M : FIRST_NAMES_F;
    const family = r.chance(0.05)
      ? `${r.pick(FAMILY_NAMES)}-${r.pick(FAMILY_NAMES)}`
      : r.pick(FAMILY_NAMES);
    const usage = r.chance(0.03) ? r.pick(FAMILY_NAMES) : null;
    const first = r.pick(firsts);
    const first2 = r.chance(0.55) ? r.pick(firsts) : null;
    const first3 = first2 !== null && r.chance(0.25) ? r.pick(firsts) : null;
    const age = pickAge(r);
    const birth = dayOf(2026 - age - 1, 11, 16) + r.int(365);
    const ine = r.chance(0.97) ? ineOf(110_000_000 + n) : null;
    return { ine, family, usage, first, first2, first3, sex, birth };
  }
}

// ─── Streamed writing ────────────────────────────────────────────────────────────────────────

class ChunkWriter {
  private readonly out: WriteStream;
  private parts: string[] = [];
  private length = 0;
  bytes = 0;

  constructor(
    path: string,
    private readonly encode: (text: string) => Buffer,
  ) {
    this.out = createWriteStream(path);
  }

  async add(text: string): Promise<void> {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= 256 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const buffer = this.encode(this.parts.join(''));
    this.parts = [];
    this.length = 0;
    this.bytes += buffer.length;
    if (!this.out.write(buffer)) await once(this.out, 'drain');
  }

  async close(): Promise<number> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
    return this.bytes;
  }
}

const latin9 = (text: string) => encodeSingleByte(text, 'iso-8859-15');
const cp1252 = (text: string) => encodeSingleByte(text, 'windows-1252');
const utf8 = (text: string) => Buffer.from(text, 'utf8');

const esc = (s: string) =>
  /[&<>"]/.test(s)
    ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    : s;
const tag = (name: string, value: string | null | undefined, indent: string) =>
  `${indent}<${name}>${value ? esc(value) : ''}</${name}>\n`;
const optTag = (name: string, value: string | null | undefined, indent: string) =>
  value ? `${indent}<${name}>${esc(value)}</${name}>\n` : '';
const stripAccents = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Œ/g, 'OE')
    .replace(/œ/g, 'oe');
const capitalize = (s: string) =>
  s
    .toLowerCase()
    .replace(/(^|[\s\-'])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());

function parametres(uai: string, hour: string): string {
  return `  <PARAMETRES>
    <UAJ>${uai}</UAJ>
    <ANNEE_SCOLAIRE>${SCHOOL_YEAR}</ANNEE_SCOLAIRE>
    <DATE_EXPORT>${fr(CENSUS)}</DATE_EXPORT>
    <HORODATAGE>${fr(CENSUS)} ${hour}</HORODATAGE>
  </PARAMETRES>
`;
}

interface EstablishmentInfo {
  index: number;
  uai: string;
  name: string;
  city: string;
  kind: 'LYCEE_GENERAL_TECHNOLOGIQUE' | 'LYCEE_PROFESSIONNEL';
}

function establishmentInfo(academy: Academy, e: number): EstablishmentInfo {
  const digits = `097${String(e).padStart(4, '0')}`;
  const r = new Rng(STREAM.structure, -1, e);
  const general = academy.isGeneral(e);
  const city = r.pick(CITIES);
  const patron = r.pick(ESTABLISHMENT_PATRONS);
  return {
    index: e,
    uai: digits + uaiCheckLetter(digits),
    name: `${general ? 'Lycée' : 'Lycée professionnel'} ${patron} — ${capitalize(city)}`,
    city,
    kind: general ? 'LYCEE_GENERAL_TECHNOLOGIQUE' : 'LYCEE_PROFESSIONNEL',
  };
}

function eleveXml(p: Pupil, info: EstablishmentInfo): string {
  const i = '        ';
  const r = new Rng(STREAM.structure, p.n, 1);
  return (
    `      <ELEVE ELEVE_ID="${p.eleveId}" ELENOET="${p.elenoet}">\n` +
    optTag('ID_NATIONAL', p.ine, i) +
    tag('ELENOET', p.elenoet, i) +
    tag('NOM_DE_FAMILLE', p.family, i) +
    tag('NOM_USAGE', p.usage, i) +
    tag('PRENOM', p.first, i) +
    tag('PRENOM2', p.first2, i) +
    tag('PRENOM3', p.first3, i) +
    tag('DATE_NAISS', fr(p.birth), i) +
    tag('CODE_SEXE', String(p.sex), i) +
    tag('CODE_PAYS', '100', i) +
    tag('CODE_DEPARTEMENT_NAISS', '097', i) +
    tag('CODE_COMMUNE_INSEE_NAISS', `97${String(100 + r.int(400))}`, i) +
    tag('VILLE_NAISS', null, i) +
    tag('DOUBLEMENT', r.chance(0.08) ? '1' : '0', i) +
    tag('CODE_REGIME', r.pick(['0', '2', '2', '2', '4']), i) +
    tag('DATE_ENTREE', fr(p.entry), i) +
    (p.exit === null
      ? ''
      : tag('DATE_SORTIE', fr(p.exit), i) + tag('CODE_MOTIF_SORTIE', p.exitReason, i)) +
    tag('CODE_MEF', p.level.mef, i) +
    tag('CODE_STATUT', 'ST', i) +
    `${i}<SCOLARITE_AN_DERNIER>\n` +
    tag('CODE_MEF', p.level.mef.replace(/.$/, '0'), `${i}  `) +
    tag('CODE_STRUCTURE', p.division, `${i}  `) +
    tag('CODE_RNE', info.uai, `${i}  `) +
    tag('SIGLE', info.kind === 'LYCEE_GENERAL_TECHNOLOGIQUE' ? 'LGT' : 'LP', `${i}  `) +
    tag(
      'DENOM_PRINC',
      info.kind === 'LYCEE_GENERAL_TECHNOLOGIQUE'
        ? 'LYCEE GENERAL ET TECHNOLOGIQUE'
        : 'LYCEE PROFESSIONNEL',
      `${i}  `,
    ) +
    tag('DENOM_COMPL', info.city, `${i}  `) +
    `${i}</SCOLARITE_AN_DERNIER>\n` +
    `      </ELEVE>\n`
  );
}

function structuresXml(p: Pupil): string {
  const structure = (code: string, type: 'D' | 'G') =>
    `        <STRUCTURE>\n          <CODE_STRUCTURE>${esc(code)}</CODE_STRUCTURE>\n          <TYPE_STRUCTURE>${type}</TYPE_STRUCTURE>\n        </STRUCTURE>\n`;
  return (
    `      <STRUCTURES_ELEVE ELEVE_ID="${p.eleveId}" ELENOET="${p.elenoet}">\n` +
    structure(p.division, 'D') +
    (p.group ? structure(p.group, 'G') : '') +
    `      </STRUCTURES_ELEVE>\n`
  );
}

interface Guardian {
  personneId: string;
  family: string;
  first: string;
  civility: 'M.' | 'MME';
  phone: string | null;
  mobile: string | null;
  work: string | null;
  email: string | null;
  adresseId: string;
  legal: '1' | '2';
  code: string;
}

const phone = (r: Rng, prefix: string) =>
  `${prefix} ${pad2(r.int(100))} ${pad2(r.int(100))} ${pad2(r.int(100))} ${pad2(r.int(100))}`;

function guardiansOf(p: Pupil): { guardians: Guardian[]; addresses: string[] } {
  const r = new Rng(STREAM.guardian, p.n);
  const household = String(8_000_000 + p.n * 2);
  const two = r.chance(0.75);
  const roles: ('mother' | 'father' | 'tutor')[] = two
    ? r.chance(0.5)
      ? ['mother', 'father']
      : ['father', 'mother']
    : [r.chance(0.62) ? 'mother' : r.chance(0.7) ? 'father' : 'tutor'];
  const separate = two && r.chance(0.2);
  const guardians = roles.map((role, i): Guardian => {
    const female = role === 'mother' || (role === 'tutor' && r.chance(0.5));
    const family =
      role === 'father' || (role === 'mother' && r.chance(0.6))
        ? (p.family.split('-')[0] ?? p.family)
        : r.pick(FAMILY_NAMES);
    const first = r.pick(female ? ADULT_F : ADULT_M);
    const email = r.chance(0.6)
      ? `${stripAccents(first).toLowerCase()}.${stripAccents(family)
          .toLowerCase()
          .replace(/[^a-z]+/g, '-')}${r.int(100)}@exemple.invalid`
      : null;
    return {
      personneId: String(7_000_000 + p.n * 3 + i),
      family,
      first,
      civility: female ? 'MME' : 'M.',
      phone: r.chance(0.45) ? phone(r, `0${1 + r.int(5)}`) : null,
      mobile: r.chance(0.9) ? phone(r, r.chance(0.7) ? '06' : '07') : null,
      work: r.chance(0.25) ? phone(r, `0${1 + r.int(5)}`) : null,
      email,
      adresseId: separate && i === 1 ? String(Number(household) + 1) : household,
      legal: i === 0 ? '1' : '2',
      code: role === 'mother' ? '10' : role === 'father' ? '20' : '50',
    };
  });
  const addresses = [...new Set(guardians.map((g) => g.adresseId))].map((id) =>
    addressXml(id, new Rng(STREAM.guardian, p.n, Number(id))),
  );
  return { guardians, addresses };
}

function addressXml(id: string, r: Rng): string {
  const i = '        ';
  const abroad = r.chance(0.01);
  return (
    `      <ADRESSE ADRESSE_ID="${id}">\n` +
    tag('LIGNE1_ADRESSE', `${1 + r.int(120)}${r.chance(0.1) ? ' BIS' : ''} ${r.pick(STREETS)}`, i) +
    tag(
      'LIGNE2_ADRESSE',
      r.chance(0.2) ? `BÂTIMENT ${r.pick(['A', 'B', 'C', 'D'])}, ESCALIER ${1 + r.int(4)}` : null,
      i,
    ) +
    tag('LIGNE3_ADRESSE', r.chance(0.05) ? 'LIEU-DIT LES ÉTANGS' : null, i) +
    tag('LIGNE4_ADRESSE', null, i) +
    tag('CODE_POSTAL', abroad ? '1201' : `97${String(100 + r.int(800))}`, i) +
    tag('LIBELLE_POSTAL', abroad ? null : r.pick(CITIES), i) +
    tag('COMMUNE_ETRANGERE', abroad ? 'GENÈVE' : null, i) +
    tag('CODE_PAYS', abroad ? '140' : '100', i) +
    tag('LL_PAYS', abroad ? 'SUISSE' : 'FRANCE', i) +
    `      </ADRESSE>\n`
  );
}

function personneXml(g: Guardian, r: Rng): string {
  const i = '        ';
  return (
    `      <PERSONNE PERSONNE_ID="${g.personneId}">\n` +
    tag('NOM_DE_FAMILLE', g.family, i) +
    tag('PRENOM', g.first, i) +
    tag('LC_CIVILITE', g.civility, i) +
    optTag('TEL_PERSONNEL', g.phone, i) +
    optTag('TEL_PORTABLE', g.mobile, i) +
    optTag('TEL_PROFESSIONNEL', g.work, i) +
    optTag('MEL', g.email, i) +
    tag('CODE_PROFESSION', r.pick(['23', '37', '46', '48', '54', '56', '62', '69', '85']), i) +
    tag('ADRESSE_ID', g.adresseId, i) +
    `      </PERSONNE>\n`
  );
}

function responsableXml(p: Pupil, g: Guardian): string {
  const i = '        ';
  return (
    `      <RESPONSABLE_ELEVE>\n` +
    tag('ELEVE_ID', p.eleveId, i) +
    tag('PERSONNE_ID', g.personneId, i) +
    tag('RESP_LEGAL', g.legal, i) +
    tag('CODE_PARENTE', g.code, i) +
    tag('RESP_FINANCIER', g.legal === '1' ? '1' : '0', i) +
    tag('PERS_PAIMENT', g.legal === '1' ? '1' : '0', i) +
    tag('PERS_CONTACT', '1', i) +
    `      </RESPONSABLE_ELEVE>\n`
  );
}

async function writeEstablishment(
  academy: Academy,
  info: EstablishmentInfo,
  dir: string,
): Promise<EstablishmentEntry> {
  mkdirSync(dir, { recursive: true });
  const e = info.index;
  const first = academy.offsets[e] ?? 0;
  const last = first + (academy.sizes[e] ?? 0);
  const pupilsFile = join(dir, 'ElevesSansAdresses.xml');
  const guardiansFile = join(dir, 'ResponsablesAvecAdresses.xml');

  const eleves = new ChunkWriter(pupilsFile, latin9);
  await eleves.add(
    `<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_ELEVES VERSION="3.7">\n${parametres(info.uai, '08:42:17')}  <DONNEES>\n    <ELEVES>\n`,
  );
  let leavers = 0;
  for (let n = first; n < last; n++) {
    const p = academy.pupil(n);
    if (p.exit !== null) leavers += 1;
    await eleves.add(eleveXml(p, info));
  }
  await eleves.add('    </ELEVES>\n    <STRUCTURES>\n');
  for (let n = first; n < last; n++) await eleves.add(structuresXml(academy.pupil(n)));
  await eleves.add('    </STRUCTURES>\n  </DONNEES>\n</BEE_ELEVES>\n');
  const pupilsBytes = await eleves.close();

  // SIECLE writes persons, then links, then addresses: three passes over the (recomputed) pupils.
  const resp = new ChunkWriter(guardiansFile, latin9);
  await resp.add(
    `<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_RESPONSABLES VERSION="3.7">\n${parametres(info.uai, '08:43:02')}  <DONNEES>\n    <PERSONNES>\n`,
  );
  let guardians = 0;
  let links = 0;
  for (let n = first; n < last; n++) {
    const r = new Rng(STREAM.guardian, n, -1);
    for (const g of guardiansOf(academy.pupil(n)).guardians) {
      guardians += 1;
      await resp.add(personneXml(g, r));
    }
  }
  await resp.add('    </PERSONNES>\n    <RESPONSABLES>\n');
  for (let n = first; n < last; n++) {
    const p = academy.pupil(n);
    for (const g of guardiansOf(p).guardians) {
      links += 1;
      await resp.add(responsableXml(p, g));
    }
  }
  await resp.add('    </RESPONSABLES>\n    <ADRESSES>\n');
  for (let n = first; n < last; n++)
    for (const a of guardiansOf(academy.pupil(n)).addresses) await resp.add(a);
  await resp.add('    </ADRESSES>\n  </DONNEES>\n</BEE_RESPONSABLES>\n');
  const guardiansBytes = await resp.close();

  return {
    ...info,
    district: e % 10,
    pupils: last - first,
    leavers,
    pupilsFile,
    guardiansFile,
    pupilsBytes,
    guardiansBytes,
    guardians,
    links,
  };
}

// ─── Académie-wide CSV files ─────────────────────────────────────────────────────────────────

function csvCell(value: string | null, delimiter: string): string {
  if (value === null) return '';
  return value.includes(delimiter) || value.includes('"') || value.includes('\n')
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

const FINAL_DIPLOMAS = [
  ...(GENERAL_LEVELS[2]?.diplomas ?? []),
  ...(PRO_LEVELS[2]?.diplomas ?? []),
  ...(PRO_LEVELS[4]?.diplomas ?? []),
];
const FIRST_SESSION = 2026;

function resultLabel(r: Rng, sex: 1 | 2, outcome: 'admitted' | 'failed' | 'absent'): string {
  const e = sex === 2 ? 'E' : '';
  if (outcome === 'admitted')
    return r.chance(0.15)
      ? r.pick(['Admis mention Bien', 'Admis mention AB', 'ADMIS(E)'])
      : `ADMIS${e}`;
  if (outcome === 'failed') return r.chance(0.1) ? 'NON ADMIS' : `AJOURNÉ${e}`;
  return r.chance(0.5) ? 'ABS' : `ABSENT${e}`;
}

interface ExamCounts {
  rows: number;
  bytes: number;
  rejected: number;
  diplomaByIne: Set<number>;
  diplomaByName: Set<number>;
}

/** Exam results: the leavers' (45 % sat an exam in June 2026, half passed; 12 % of rows have no INE), then other pupils', then external candidates. */
async function writeExamResults(
  academy: Academy,
  path: string,
  target: number,
): Promise<ExamCounts> {
  const out = new ChunkWriter(path, cp1252);
  const counts: ExamCounts = {
    rows: 0,
    bytes: 0,
    rejected: 0,
    diplomaByIne: new Set(),
    diplomaByName: new Set(),
  };
  await out.add(
    'INE;Nom de famille;Prénom;Date de naissance;Diplôme;Session;Résultat;Mention;Académie\r\n',
  );
  const line = (
    ine: string | null,
    family: string,
    first: string,
    birth: string,
    diploma: string,
    session: number,
    result: string,
  ) =>
    `${ine ?? ''};${csvCell(family, ';')};${csvCell(first, ';')};${birth};${csvCell(diploma, ';')};${session};${result};${result.includes('mention') ? result.slice(result.indexOf('mention') + 8) : ''};BENCH\r\n`;

  const leaverRows = (n: number): string[] => {
    const p = academy.pupil(n);
    const r = new Rng(STREAM.exam, n);
    const rows: string[] = [];
    if (r.chance(0.45)) {
      const u = r.next();
      const outcome = u < 0.5 ? 'admitted' : u < 0.85 ? 'failed' : 'absent';
      const withIne = p.ine !== null && r.chance(0.88);
      // Without an INE, the exam service may write the name without its accents: still the same person.
      const family = !withIne && r.chance(0.5) ? stripAccents(p.family) : p.family;
      rows.push(
        line(
          withIne ? p.ine : null,
          family,
          p.first,
          fr(p.birth),
          r.pick(FINAL_DIPLOMAS),
          FIRST_SESSION,
          resultLabel(r, p.sex, outcome),
        ),
      );
      if (outcome === 'admitted' && ageAt(p.birth, CENSUS) >= 16)
        (withIne ? counts.diplomaByIne : counts.diplomaByName).add(n);
    }
    if (r.chance(0.15))
      rows.push(
        line(
          p.ine,
          p.family,
          p.first,
          fr(p.birth),
          'DNB',
          FIRST_SESSION - 2,
          resultLabel(r, p.sex, 'admitted'),
        ),
      );
    return rows;
  };
  let leaverTotal = 0;
  for (const n of academy.leavers) leaverTotal += leaverRows(n).length;
  let others = Math.max(0, target - leaverTotal);

  // Walk the pupils in a scattered order so leavers' rows are spread through the file.
  const stride = strideFor(academy.total);
  for (let i = 0; i < academy.total; i++) {
    const n = (i * stride) % academy.total;
    if (academy.isLeaver(n)) {
      const rows = leaverRows(n);
      for (const row of rows) await out.add(row);
      counts.rows += rows.length;
    } else if (others > 0 && !academy.twins.has(n) && new Rng(STREAM.exam, n).chance(0.55)) {
      const p = academy.pupil(n);
      const r = new Rng(STREAM.exam, n, 1);
      const u = r.next();
      const bad = r.chance(0.001);
      if (bad) counts.rejected += 1;
      const birth = bad ? '29/02/2009' : fr(p.birth);
      await out.add(
        line(
          p.ine,
          p.family,
          p.first,
          birth,
          r.pick(p.level.diplomas),
          r.chance(0.7) ? FIRST_SESSION : FIRST_SESSION - 1,
          resultLabel(r, p.sex, u < 0.8 ? 'admitted' : u < 0.95 ? 'failed' : 'absent'),
        ),
      );
      counts.rows += 1;
      others -= 1;
    }
  }
  // Candidats libres (not pupils of the académie) make up the count.
  for (let x = 0; others > 0; x++, others--) {
    const r = new Rng(STREAM.external, x, 5);
    const sex: 1 | 2 = r.chance(0.5) ? 1 : 2;
    await out.add(
      line(
        ineOf(700_000_000 + x),
        r.pick(FAMILY_NAMES),
        r.pick(sex === 1 ? FIRST_NAMES_M : FIRST_NAMES_F),
        fr(dayOf(2000 + r.int(8), 1, 1) + r.int(365)),
        r.pick(FINAL_DIPLOMAS),
        FIRST_SESSION,
        resultLabel(r, sex, r.chance(0.7) ? 'admitted' : 'failed'),
      ),
    );
    counts.rows += 1;
  }
  counts.bytes = await out.close();
  return counts;
}

function strideFor(total: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  for (const prime of [7919, 7927, 7933, 7937, 7949]) if (gcd(prime, total) === 1) return prime;
  return 1;
}

interface EnrolmentCounts {
  rows: number;
  bytes: number;
  byIne: Set<number>;
  byName: Set<number>;
  broken: number;
}

/** Enrolments: 25 % of the leavers (15 % of those rows without INE, 12 % broken off before the census), the rest young people from elsewhere. */
async function writeEnrolments(
  academy: Academy,
  path: string,
  target: number,
): Promise<EnrolmentCounts> {
  const out = new ChunkWriter(path, utf8);
  const counts: EnrolmentCounts = {
    rows: 0,
    bytes: 0,
    byIne: new Set(),
    byName: new Set(),
    broken: 0,
  };
  await out.add(
    '\ufeffine,nom,prenom,date_naissance,uai,siret,etablissement,type,date_debut,date_fin,date_rupture,formation\r\n',
  );
  const centres = TRAINING_CENTRES.map((c, i) => {
    const digits = `0978${String(i).padStart(3, '0')}`;
    return {
      ...c,
      uai: i % 4 === 3 ? null : digits + uaiCheckLetter(digits),
      siret: i % 4 === 1 ? null : `9991234560${String(i).padStart(4, '0')}`,
    };
  });
  const line = (
    ine: string | null,
    family: string,
    first: string,
    birth: number,
    r: Rng,
    start: number,
    end: number | null,
    broken: number | null,
  ) => {
    const c = r.pick(centres);
    const training =
      c.kind === 'CFA'
        ? r.pick(['CAP Cuisine', 'BAC PRO Commerce', 'BP Boulanger', 'CAP Maçon', 'BTS MCO'])
        : c.kind === 'LYCEE_AGRICOLE'
          ? 'BAC PRO CGEA'
          : 'Parcours d’insertion';
    return `${[ine, family, first, iso(birth), c.uai, c.siret, c.name, c.kind, iso(start), end === null ? null : iso(end), broken === null ? null : iso(broken), training].map((v) => csvCell(v, ',')).join(',')}\r\n`;
  };
  const leaverRows: string[] = [];
  for (const n of academy.leavers) {
    const r = new Rng(STREAM.enrolment, n);
    if (!r.chance(0.25)) continue;
    const p = academy.pupil(n);
    const withIne = p.ine !== null && r.chance(0.85);
    const start = Math.min(
      CENSUS - 2,
      Math.max((p.exit ?? CURRENT_START) + 1 + r.int(20), CURRENT_START + r.int(40)),
    );
    // A contract broken off before the census date is no solution (its end is the break).
    const broken = r.chance(0.12) ? Math.min(CENSUS - 1, start + 10 + r.int(30)) : null;
    const end = r.chance(0.2) ? null : r.chance(0.85) ? dayOf(2028, 6, 30) : dayOf(2027, 6, 30);
    leaverRows.push(
      line(withIne ? p.ine : null, capitalize(p.family), p.first, p.birth, r, start, end, broken),
    );
    if (ageAt(p.birth, CENSUS) >= 16) {
      if (broken !== null) counts.broken += 1;
      else (withIne ? counts.byIne : counts.byName).add(n);
    }
  }
  const externals = Math.max(0, target - leaverRows.length);
  const total = externals + leaverRows.length;
  let emittedLeavers = 0;
  let x = 0;
  for (let i = 0; i < total; i++) {
    const due = Math.floor(((i + 1) * leaverRows.length) / total);
    if (emittedLeavers < due) {
      await out.add(leaverRows[emittedLeavers] ?? '');
      emittedLeavers += 1;
    } else {
      const r = new Rng(STREAM.external, x, 6);
      const sex: 1 | 2 = r.chance(0.5) ? 1 : 2;
      const start = dayOf(2024, 9, 1) + r.int(780);
      await out.add(
        line(
          ineOf(800_000_000 + x),
          capitalize(r.pick(FAMILY_NAMES)),
          r.pick(sex === 1 ? FIRST_NAMES_M : FIRST_NAMES_F),
          dayOf(2002 + r.int(9), 1, 1) + r.int(365),
          r,
          start,
          start + 730,
          null,
        ),
      );
      x += 1;
    }
    counts.rows += 1;
  }
  counts.bytes = await out.close();
  return counts;
}

// ─── Main ────────────────────────────────────────────────────────────────────────────────────

export async function generate(
  dir: string,
  scale: number,
  log: (line: string) => void = console.log,
): Promise<Manifest> {
  const started = Date.now();
  rmSync(manifestPath(dir), { force: true });
  mkdirSync(dir, { recursive: true });
  const academy = new Academy(scale);
  log(
    `Generating ${academy.count} establishments, ${academy.total.toLocaleString('en')} pupils, ${academy.leavers.length.toLocaleString('en')} leavers, ${academy.twins.size} re-enrolled elsewhere → ${dir}`,
  );
  const establishments: EstablishmentEntry[] = [];
  for (let e = 0; e < academy.count; e++) {
    const info = establishmentInfo(academy, e);
    establishments.push(
      await writeEstablishment(academy, info, join(dir, 'etablissements', info.uai)),
    );
    if ((e + 1) % 50 === 0 || e + 1 === academy.count)
      log(
        `  ${e + 1}/${academy.count} establishments (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
  }
  const examFile = join(dir, 'resultats-examens.csv');
  const exams = await writeExamResults(academy, examFile, Math.round(FULL.examResults * scale));
  const enrolFile = join(dir, 'inscriptions-formation.csv');
  const enrols = await writeEnrolments(academy, enrolFile, Math.round(FULL.enrolments * scale));

  let leavers16 = 0;
  let reByIne = 0;
  let reByName = 0;
  for (const n of academy.leavers) if (ageAt(academy.pupil(n).birth, CENSUS) >= 16) leavers16 += 1;
  for (const twin of academy.twins.values()) {
    const p = academy.pupil(twin.leaver);
    if (ageAt(p.birth, CENSUS) < 16) continue;
    if (twin.withIne && p.ine !== null) reByIne += 1;
    else reByName += 1;
  }
  const manifest: Manifest = {
    version: 1,
    complete: true,
    seed: SEED,
    scale,
    censusDate: CENSUS_DATE,
    schoolYear: SCHOOL_YEAR,
    academy: { code: 'BENCH-IMP', name: 'Académie de mesure des imports' },
    districts: Array.from({ length: 10 }, (_, i) => ({
      code: `BENCH-IMP-D${i}`,
      name: `Bassin ${capitalize(CITIES[i] ?? String(i))}`,
    })),
    establishments,
    examResults: {
      file: examFile,
      rows: exams.rows,
      bytes: exams.bytes,
      encoding: 'windows-1252 (Latin-1 as Excel writes it)',
      delimiter: ';',
    },
    enrolments: {
      file: enrolFile,
      rows: enrols.rows,
      bytes: enrols.bytes,
      encoding: 'utf-8 with BOM',
      delimiter: ',',
    },
    totals: {
      pupils: academy.total,
      leavers: academy.leavers.length,
      leavers16,
      twins: academy.twins.size,
      guardians: establishments.reduce((s, e) => s + e.guardians, 0),
      links: establishments.reduce((s, e) => s + e.links, 0),
      xmlBytes: establishments.reduce((s, e) => s + e.pupilsBytes + e.guardiansBytes, 0),
      csvBytes: exams.bytes + enrols.bytes,
    },
    expected: {
      diplomaByIne: exams.diplomaByIne.size,
      diplomaByNameOnly: [...exams.diplomaByName].filter((n) => !exams.diplomaByIne.has(n)).length,
      enrolmentByIne: enrols.byIne.size,
      enrolmentByNameOnly: enrols.byName.size,
      enrolmentBroken: enrols.broken,
      reenrolledByIne: reByIne,
      reenrolledByNameOnly: reByName,
      rejectedExamRows: exams.rejected,
    },
  };
  writeFileSync(manifestPath(dir), `${JSON.stringify(manifest, null, 2)}\n`);
  const mb = (b: number) => (b / 1e6).toFixed(1);
  log(
    `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: XML ${mb(manifest.totals.xmlBytes)} MB, CSV ${mb(manifest.totals.csvBytes)} MB; ` +
      `${manifest.totals.guardians.toLocaleString('en')} guardians, ${exams.rows.toLocaleString('en')} exam rows, ${enrols.rows.toLocaleString('en')} enrolment rows.`,
  );
  return manifest;
}

async function main() {
  const dir = dataDir();
  const scale = scaleOf();
  const existing = readManifest(dir);
  if (
    existing &&
    existing.scale === scale &&
    existing.seed === SEED &&
    !process.argv.includes('--force')
  ) {
    console.log(`${dir} already holds the scale-${scale} data set (--force to write it again).`);
    return;
  }
  await generate(dir, scale);
}

// Run as a script (not when run.ts imports it).
if (process.argv[1]?.endsWith('generate.ts')) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
