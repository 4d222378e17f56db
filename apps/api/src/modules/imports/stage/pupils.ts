import { hash as digest } from 'node:crypto';
import { uuidv7 } from '../../../lib/uuid';
import { normalizeForSearch, pupilSortName } from '@jasmin/shared/pupils/schemas';
import { identityKey } from '../identity';
import type { StageContext, StagedImport } from '../import-types';
import { parseSiecleElevesBatches, type SieclePupilRecord } from '../parsers/siecle-eleves';
import { BatchWriter, RecordSpool, spoolPathOf, type WireRow } from '../staging';
import { readEvents } from './read-events';

/** The pupil columns an import writes: [name, SQL type] (a staged row has `seq` before them, `sort_name` and `new_id` after). */
export const PUPIL_COLUMNS: [string, string][] = [
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

/** A record's values in the order of PUPIL_COLUMNS (dates as yyyy-mm-dd), its fingerprint among them. */
export function pupilValues(r: SieclePupilRecord, division: string | null, address: string | null): (string | null)[] {
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
  const importHash = digest('sha256', JSON.stringify(data), 'hex').slice(0, 32);
  return [
    r.eleveId,
    r.ine,
    r.elenoet,
    r.familyName,
    r.usageName,
    r.firstName,
    r.firstName2,
    r.firstName3,
    r.birthDate,
    r.sex,
    division,
    r.mefCode,
    r.entryDate,
    r.exitDate,
    r.exitReasonCode,
    r.phone,
    r.mobile,
    r.email,
    address,
    normalizeForSearch(`${r.familyName} ${r.usageName ?? ''} ${r.firstName} ${r.ine ?? ''}`),
    identityKey(r.familyName, r.firstName, r.birthDate),
    importHash,
  ];
}

/**
 * A record as its staged row, in the order of the staged table's columns: seq, PUPIL_COLUMNS, the
 * sort name copied on cases, new_id (the pupil's id if new: made here, time-ordered (lib/uuid.ts);
 * gen_random_uuid() cost about 5 µs a row on PGlite).
 */
function pupilRow(seq: number, r: SieclePupilRecord, division: string | null, address: string | null): WireRow {
  const sortName = pupilSortName({ familyName: r.familyName, usageName: r.usageName, firstName: r.firstName });
  return [seq, ...pupilValues(r, division, address), sortName, uuidv7()];
}

/**
 * SIECLE pupils (BEE_ELEVES): each pupil's row, in file order. Classes and addresses come after
 * the pupils in the file: the pupils are held (RecordSpool) until the end, then completed.
 */
export async function stagePupils(ctx: StageContext): Promise<StagedImport> {
  const pupils = new RecordSpool<SieclePupilRecord>(spoolPathOf(ctx.stagePath));
  const out = new BatchWriter(ctx.stagePath);
  try {
    const divisions = new Map<string, string>();
    const addresses = new Map<string, string>();
    const read = await readEvents(ctx, 'xml', parseSiecleElevesBatches, (e) => {
      if (e.type === 'pupil') return pupils.push(e.record);
      if (e.type === 'division') divisions.set(e.eleveId, e.division);
      else if (e.type === 'address') addresses.set(e.adresseId, e.text);
      return undefined;
    });
    let seq = 0;
    for await (const r of pupils.records()) {
      const address = r.address ?? (r.addressId ? (addresses.get(r.addressId) ?? null) : null);
      const full = out.add(pupilRow(seq++, r, divisions.get(r.eleveId) ?? null, address));
      if (full) await full;
    }
    return { ...read, records: out.count, ...(await out.finish()) };
  } catch (error) {
    out.abort();
    throw error;
  } finally {
    pupils.dispose();
  }
}
