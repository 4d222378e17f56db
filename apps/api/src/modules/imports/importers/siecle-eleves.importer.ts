import { createHash } from 'node:crypto';
import { normalizeForSearch } from '@jasmin/shared/pupils/schemas';
import type { Prisma } from '../../../generated/prisma/client';
import { establishmentScope } from '../../../lib/scope';
import { pupilSortName } from '../../cases/cases.service';
import { identityKey } from '../identity';
import { ImportFailure, type ApplyContext, type Importer, type Rejection, type StageContext, type StagedImport } from '../import-types';
import { openInput } from '../parsers/open-input';
import { parseSiecleEleves, type SieclePupilRecord } from '../parsers/siecle-eleves';
import { batches, readStaged, StagingWriter } from '../staging';

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
        if (staged) await writer.write(staged);
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

const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

function pupilData(r: SieclePupilRecord, division: string | null, address: string | null) {
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
    importHash,
    row: {
      ...data,
      birthDate: day(r.birthDate) as Date,
      entryDate: day(r.entryDate),
      exitDate: day(r.exitDate),
      searchText: normalizeForSearch(`${r.familyName} ${r.usageName ?? ''} ${r.firstName} ${r.ine ?? ''}`),
      identityKey: identityKey(r.familyName, r.firstName, r.birthDate),
      importHash,
    },
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
    const establishment = await establishmentOfFile(ctx, staged);
    // Divisions and addresses come after the pupils in the file: gather them first (one string a pupil).
    const divisions = new Map<string, string>();
    const addresses = new Map<string, string>();
    for await (const s of readStaged<Staged>(ctx.stagePath)) {
      if (s.t === 'division') divisions.set(s.eleveId, s.division);
      else if (s.t === 'address') addresses.set(s.id, s.text);
    }
    const existing = new Map(
      (await ctx.tx.pupil.findMany({ where: { establishmentId: establishment.id }, select: { id: true, siecleId: true, importHash: true } }))
        .filter((p) => p.siecleId)
        .map((p) => [p.siecleId as string, p]),
    );
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const pupils = (async function* () {
      for await (const s of readStaged<Staged>(ctx.stagePath)) if (s.t === 'pupil') yield s.r;
    })();
    for await (const batch of batches(pupils, 500)) {
      const toCreate: Prisma.PupilCreateManyInput[] = [];
      for (const r of batch) {
        const address = r.address ?? (r.addressId ? (addresses.get(r.addressId) ?? null) : null);
        const { row, importHash } = pupilData(r, divisions.get(r.eleveId) ?? null, address);
        const before = existing.get(r.eleveId);
        if (!before) {
          toCreate.push({ ...row, establishmentId: establishment.id });
          created += 1;
        } else if (before.importHash === importHash) {
          unchanged += 1;
        } else {
          await ctx.tx.pupil.update({ where: { id: before.id }, data: row });
          await ctx.tx.case.updateMany({
            where: { pupilId: before.id },
            data: { sortName: pupilSortName(row), searchText: row.searchText, division: row.division },
          });
          updated += 1;
        }
      }
      if (toCreate.length) await ctx.tx.pupil.createMany({ data: toCreate });
    }
    return { created, updated, unchanged, rejected: [], establishmentIds: [establishment.id] };
  },
};
