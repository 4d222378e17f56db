import { createHash } from 'node:crypto';
import { normalizeForSearch } from '@jasmin/shared/pupils/schemas';
import { establishmentScope } from '../../../lib/scope';
import { pupilSortName } from '../../cases/cases.service';
import { identityKey } from '../identity';
import { ImportFailure, type ApplyContext, type Importer, type Rejection, type StageContext, type StagedImport } from '../import-types';
import { openInput } from '../parsers/open-input';
import { parseSiecleEleves, type SieclePupilRecord } from '../parsers/siecle-eleves';
import { createTempTable, fillTempTable, num } from '../bulk';
import { readStaged, StagingWriter } from '../staging';

type Staged =
  | { t: 'pupil'; r: SieclePupilRecord }
  | { t: 'division'; eleveId: string; division: string }
  | { t: 'address'; id: string; text: string };

const MAX_REPORTED_REJECTIONS = 10_000;

/** Opens the file (or its zip entry), follows the bytes read for the progress bar, and stages every parser event. */
export async function stageEvents<E extends { type: string }>(
  ctx: StageContext,
  inputKind: 'xml' | 'csv',
  parse: (bytes: AsyncIterable<Uint8Array>) => AsyncGenerator<E>,
  toStaged: (event: E) => object | null,
): Promise<StagedImport> {
  const input = await openInput(ctx.filePath, inputKind);
  const writer = new StagingWriter<object>(ctx.stagePath);
  const header: Record<string, string> = {};
  const rejected: Rejection[] = [];
  try {
    let n = 0;
    for await (const event of parse(input.bytes)) {
      if (event.type === 'header') {
        const h = event as unknown as { uai: string; schoolYear: string };
        header.uai = h.uai;
        header.schoolYear = h.schoolYear;
      } else if (event.type === 'rejected') {
        const r = event as unknown as { ref: string; reason: string };
        if (rejected.length < MAX_REPORTED_REJECTIONS) rejected.push({ ref: r.ref, reason: r.reason });
      } else {
        const staged = toStaged(event);
        const full = staged ? writer.write(staged) : undefined;
        if (full) await full;
      }
      if ((n += 1) % 500 === 0) ctx.onProgress(input.bytesRead(), input.totalBytes);
    }
    ctx.onProgress(input.totalBytes, input.totalBytes);
  } finally {
    await writer.close();
    input.bytes.destroy();
  }
  return { header, rejected, records: writer.count };
}

/** The establishment named by the file (PARAMETRES/UAJ) must be in the importing person's scope. */
export async function establishmentOfFile(ctx: ApplyContext, staged: StagedImport) {
  const uai = staged.header.uai;
  const establishment = uai
    ? await ctx.tx.establishment.findFirst({ where: { AND: [{ uai }, establishmentScope(ctx.actor)] } })
    : null;
  if (!establishment) {
    throw new ImportFailure(`L'établissement ${uai ?? '(sans UAI)'} du fichier est inconnu ou hors de votre périmètre : rien n'a été importé.`);
  }
  return establishment;
}

const STAGE = 'import_pupil';
/** How a staged pupil line starts (JSON.stringify keeps the keys' order). */
const PUPIL_LINE = JSON.stringify({ t: 'pupil' }).slice(0, -1);

/** The pupil columns an import writes: [name, SQL type]. */
const PUPIL_COLUMNS: [string, string][] = [
  ['siecle_id', 'text'],
  ['ine', 'text'],
  ['elenoet', 'text'],
  ['family_name', 'text'],
  ['usage_name', 'text'],
  ['first_name', 'text'],
  ['first_name2', 'text'],
  ['first_name3', 'text'],
  ['birth_date', 'date'],
  ['sex', '"Sex"'],
  ['division', 'text'],
  ['mef_code', 'text'],
  ['entry_date', 'date'],
  ['exit_date', 'date'],
  ['exit_reason_code', 'text'],
  ['phone', 'text'],
  ['mobile', 'text'],
  ['email', 'text'],
  ['address', 'text'],
  ['search_text', 'text'],
  ['identity_key', 'text'],
  ['import_hash', 'text'],
];

/** A record as the row written (dates as yyyy-mm-dd), with its fingerprint and the sort name copied on cases. */
function pupilRow(r: SieclePupilRecord, division: string | null, address: string | null) {
  const data = {
    siecleId: r.eleveId,
    ine: r.ine,
    elenoet: r.elenoet,
    familyName: r.familyName,
    usageName: r.usageName,
    firstName: r.firstName,
    firstName2: r.firstName2,
    firstName3: r.firstName3,
    birthDate: r.birthDate,
    sex: r.sex,
    division,
    mefCode: r.mefCode,
    entryDate: r.entryDate,
    exitDate: r.exitDate,
    exitReasonCode: r.exitReasonCode,
    phone: r.phone,
    mobile: r.mobile,
    email: r.email,
    address,
  };
  const importHash = createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 32);
  return {
    siecle_id: r.eleveId,
    ine: r.ine,
    elenoet: r.elenoet,
    family_name: r.familyName,
    usage_name: r.usageName,
    first_name: r.firstName,
    first_name2: r.firstName2,
    first_name3: r.firstName3,
    birth_date: r.birthDate,
    sex: r.sex,
    division,
    mef_code: r.mefCode,
    entry_date: r.entryDate,
    exit_date: r.exitDate,
    exit_reason_code: r.exitReasonCode,
    phone: r.phone,
    mobile: r.mobile,
    email: r.email,
    address,
    search_text: normalizeForSearch(`${r.familyName} ${r.usageName ?? ''} ${r.firstName} ${r.ine ?? ''}`),
    identity_key: identityKey(r.familyName, r.firstName, r.birthDate),
    import_hash: importHash,
    sort_name: pupilSortName({ familyName: r.familyName, usageName: r.usageName, firstName: r.firstName }),
  };
}

/**
 * SIECLE pupils (BEE_ELEVES). Re-importing the same file changes nothing (a fingerprint of each
 * record is kept); a changed record updates the pupil and the copies kept on their cases.
 */
export const siecleElevesImporter: Importer = {
  stage: (ctx) =>
    stageEvents(ctx, 'xml', parseSiecleEleves, (e) =>
      e.type === 'pupil'
        ? { t: 'pupil', r: e.record }
        : e.type === 'division'
          ? { t: 'division', eleveId: e.eleveId, division: e.division }
          : e.type === 'address'
            ? { t: 'address', id: e.adresseId, text: e.text }
            : null,
    ),

  async apply(ctx, staged) {
    const { tx } = ctx;
    const establishment = await establishmentOfFile(ctx, staged);
    // Divisions and addresses come after the pupils in the file: gather them first (one string a pupil).
    const divisions = new Map<string, string>();
    const addresses = new Map<string, string>();
    // (Pupils are staged as `{"t":"pupil",…`: this pass does not parse them.)
    for await (const s of readStaged<Staged>(ctx.stagePath, (line) => !line.startsWith(PUPIL_LINE))) {
      if (s.t === 'division') divisions.set(s.eleveId, s.division);
      else if (s.t === 'address') addresses.set(s.id, s.text);
    }
    // The file's pupils go to a temporary table by batches; then a few statements write them all.
    await createTempTable(tx, STAGE, `seq int PRIMARY KEY, ${PUPIL_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')}, sort_name text`);
    let seq = 0;
    const rows = (async function* () {
      // (Only the pupils' lines are parsed again.)
      for await (const s of readStaged<Staged>(ctx.stagePath, (line) => line.startsWith(PUPIL_LINE))) {
        if (s.t !== 'pupil') continue;
        const r = s.r;
        const address = r.address ?? (r.addressId ? (addresses.get(r.addressId) ?? null) : null);
        yield { seq: seq++, ...pupilRow(r, divisions.get(r.eleveId) ?? null, address) };
      }
    })();
    await fillTempTable(
      tx,
      `INSERT INTO ${STAGE} SELECT * FROM json_to_recordset($1::json) AS x(seq int, ${PUPIL_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')}, sort_name text)`,
      rows,
    );
    const match = `p.establishment_id = $1::uuid AND p.siecle_id = s.siecle_id`;
    // One statement (its parts all see the pupils as they were before it): each record against the
    // stored pupil — new, same fingerprint, or changed; changed pupils updated (the last changed
    // record of a pupil wins) with the copies kept on their cases; new pupils inserted.
    const [counts] = await tx.$queryRawUnsafe<{ created: unknown; updated: unknown; unchanged: unknown }[]>(
      `WITH src AS (
         SELECT DISTINCT ON (s.siecle_id) p.id AS pupil_id, s.*
         FROM ${STAGE} s JOIN pupil p ON ${match}
         WHERE p.import_hash IS DISTINCT FROM s.import_hash
         ORDER BY s.siecle_id, s.seq DESC),
       upd AS (
         UPDATE pupil p SET ${PUPIL_COLUMNS.map(([n]) => `${n} = src.${n}`).join(', ')}, updated_at = $2::timestamptz
         FROM src WHERE p.id = src.pupil_id),
       cases AS (
         UPDATE case_file c SET sort_name = src.sort_name, search_text = src.search_text, division = src.division, updated_at = $2::timestamptz
         FROM src WHERE c.pupil_id = src.pupil_id),
       ins AS (
         INSERT INTO pupil (id, establishment_id, ${PUPIL_COLUMNS.map(([n]) => n).join(', ')}, updated_at)
         SELECT gen_random_uuid(), $1::uuid, ${PUPIL_COLUMNS.map(([n]) => `s.${n}`).join(', ')}, $2::timestamptz
         FROM ${STAGE} s WHERE NOT EXISTS (SELECT 1 FROM pupil p WHERE ${match})
         ORDER BY s.seq)
       SELECT count(*) FILTER (WHERE p.id IS NULL) AS created,
              count(*) FILTER (WHERE p.id IS NOT NULL AND p.import_hash IS DISTINCT FROM s.import_hash) AS updated,
              count(*) FILTER (WHERE p.import_hash = s.import_hash) AS unchanged
       FROM ${STAGE} s LEFT JOIN pupil p ON ${match}`,
      establishment.id,
      ctx.now.toISOString(),
    );
    return {
      created: num(counts?.created),
      updated: num(counts?.updated),
      unchanged: num(counts?.unchanged),
      rejected: [],
      establishmentIds: [establishment.id],
    };
  },
};
