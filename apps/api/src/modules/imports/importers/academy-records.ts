import { identityKey, recordIdentity } from '../identity';
import { batches, readStaged } from '../staging';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Writes académie-wide records (exam results, enrolments) in batches: one query finds which
 * already exist, new ones are inserted together, changed ones updated one by one; identical
 * ones are counted unchanged (re-importing a file changes nothing).
 */
export async function upsertAcademyRecords<R extends { ine: string | null; familyName: string; firstName: string; birthDate: string }, Row extends { id: string }>(opts: {
  stagePath: string;
  naturalKey: (r: R, identity: string) => string;
  toData: (r: R) => Record<string, unknown>;
  findExisting: (identities: string[]) => Promise<(Row & { key: string; data: Record<string, unknown> })[]>;
  createMany: (rows: Record<string, unknown>[]) => Promise<unknown>;
  update: (id: string, data: Record<string, unknown>) => Promise<unknown>;
}) {
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const ines = new Set<string>();
  const keys = new Set<string>();
  for await (const batch of batches(readStaged<R>(opts.stagePath), 1000)) {
    const withIds = batch.map((r) => ({ r, identity: recordIdentity(r) }));
    const existing = new Map((await opts.findExisting([...new Set(withIds.map((w) => w.identity))])).map((e) => [e.key, e]));
    const toCreate = new Map<string, Record<string, unknown>>();
    for (const { r, identity } of withIds) {
      const key = opts.naturalKey(r, identity);
      if (r.ine) ines.add(r.ine);
      keys.add(identityKey(r.familyName, r.firstName, r.birthDate));
      const data = { ...opts.toData(r), identity, identityKey: identityKey(r.familyName, r.firstName, r.birthDate), ine: r.ine, familyName: r.familyName, firstName: r.firstName, birthDate: day(r.birthDate) };
      const before = existing.get(key);
      if (!before) {
        if (!toCreate.has(key)) created += 1;
        toCreate.set(key, data);
      } else if (sameData(before.data, data)) {
        unchanged += 1;
      } else {
        await opts.update(before.id, data);
        before.data = data;
        updated += 1;
      }
    }
    if (toCreate.size) await opts.createMany([...toCreate.values()]);
  }
  return { created, updated, unchanged, identities: { ines: [...ines], keys: [...keys] } };
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return Object.keys(b).every((k) => {
    const x = a[k];
    const y = b[k];
    return x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : (x ?? null) === (y ?? null);
  });
}

export { day };
