// What bench/imports/generate.ts writes and bench/imports/run.ts reads: the folder, the scale
// and the manifest (establishments, files, counts, and what cross-referencing should find).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_DIR = '/tmp/jasmin-bench-imports';
export const CENSUS_DATE = '2026-11-15';
export const SCHOOL_YEAR = 2026; // ANNEE_SCOLAIRE 2026 → 2026-2027, the year of the census date
export const SEED = 20261115;

/** Full-scale sizes (the académie); `--scale` multiplies the establishments and the académie-wide files. */
export const FULL = {
  establishments: 300,
  pupilsPerEstablishment: 1_000,
  bigEstablishmentPupils: 2_000,
  leavers: 20_000,
  examResults: 150_000,
  enrolments: 40_000,
} as const;

export interface EstablishmentEntry {
  index: number;
  uai: string;
  name: string;
  city: string;
  kind: 'LYCEE_GENERAL_TECHNOLOGIQUE' | 'LYCEE_PROFESSIONNEL';
  district: number;
  pupils: number;
  leavers: number;
  pupilsFile: string;
  guardiansFile: string;
  pupilsBytes: number;
  guardiansBytes: number;
  guardians: number;
  links: number;
}

export interface Manifest {
  version: 1;
  complete: boolean;
  seed: number;
  scale: number;
  censusDate: string;
  schoolYear: number;
  academy: { code: string; name: string };
  districts: { code: string; name: string }[];
  establishments: EstablishmentEntry[];
  examResults: { file: string; rows: number; bytes: number; encoding: string; delimiter: string };
  enrolments: { file: string; rows: number; bytes: number; encoding: string; delimiter: string };
  totals: {
    pupils: number;
    leavers: number;
    leavers16: number;
    twins: number;
    guardians: number;
    links: number;
    xmlBytes: number;
    csvBytes: number;
  };
  /** What the cross-referencing should see (leavers aged 16+ at the census date). */
  expected: {
    diplomaByIne: number;
    diplomaByNameOnly: number;
    enrolmentByIne: number;
    enrolmentByNameOnly: number;
    enrolmentBroken: number;
    reenrolledByIne: number;
    reenrolledByNameOnly: number;
    rejectedExamRows: number;
  };
}

export function dataDir(argv: readonly string[] = process.argv): string {
  const i = argv.indexOf('--dir');
  const fromArg = i >= 0 ? argv[i + 1] : undefined;
  return fromArg ?? process.env.JASMIN_BENCH_IMPORTS_DIR ?? DEFAULT_DIR;
}

/** `--scale 0.1` or JASMIN_BENCH_SCALE=0.1; default 1 (the full académie). */
export function scaleOf(argv: readonly string[] = process.argv): number {
  const i = argv.indexOf('--scale');
  const raw = (i >= 0 ? argv[i + 1] : undefined) ?? process.env.JASMIN_BENCH_SCALE ?? '1';
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1)
    throw new Error(`--scale must be in (0, 1], got « ${raw} »`);
  return scale;
}

export const manifestPath = (dir: string) => join(dir, 'manifest.json');

export function readManifest(dir: string): Manifest | null {
  const path = manifestPath(dir);
  if (!existsSync(path)) return null;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  return manifest.version === 1 && manifest.complete ? manifest : null;
}
