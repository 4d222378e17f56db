import {
  caseSorts,
  caseSourceSchema,
  caseTabSchema,
  type CaseTab,
} from '@jasmin/shared/cases/schemas';
import { caseStatusSchema, type CaseStatus } from '@jasmin/shared/cases/transitions';
import { z } from 'zod';
import type { ListCasesParams } from '../api/get-cases';

export type CaseSort = (typeof caseSorts)[number];
export type CaseSource = z.infer<typeof caseSourceSchema>;

/** What a list shows, as kept in the address bar (so it can be shared, reloaded, gone back to). */
export type CaseListParams = {
  tab: CaseTab;
  q: string;
  status: CaseStatus | undefined;
  source: CaseSource | undefined;
  division: string;
  sort: CaseSort;
  cursor: string | undefined;
};

const KEYS = {
  tab: 'onglet',
  q: 'q',
  status: 'statut',
  source: 'source',
  division: 'classe',
  sort: 'tri',
  cursor: 'curseur',
} as const satisfies Record<keyof CaseListParams, string>;

const sortSchema = z.enum(caseSorts);

/** Unknown or malformed values are ignored: a hand-edited address still shows a list. */
export function readListParams(search: URLSearchParams): CaseListParams {
  const text = (key: string, max: number) => (search.get(key) ?? '').trim().slice(0, max);
  return {
    tab: caseTabSchema.safeParse(search.get(KEYS.tab)).data ?? 'suivi',
    q: text(KEYS.q, 100),
    status: caseStatusSchema.safeParse(search.get(KEYS.status)).data,
    source: caseSourceSchema.safeParse(search.get(KEYS.source)).data,
    division: text(KEYS.division, 40),
    sort: sortSchema.safeParse(search.get(KEYS.sort)).data ?? 'name',
    cursor: search.get(KEYS.cursor) || undefined,
  };
}

/** Only what differs from the defaults goes in the address, the tab always. */
export function writeListParams(params: CaseListParams): URLSearchParams {
  const search = new URLSearchParams({ [KEYS.tab]: params.tab });
  if (params.q) search.set(KEYS.q, params.q);
  if (params.status) search.set(KEYS.status, params.status);
  if (params.source) search.set(KEYS.source, params.source);
  if (params.division) search.set(KEYS.division, params.division);
  if (params.sort !== 'name') search.set(KEYS.sort, params.sort);
  if (params.cursor) search.set(KEYS.cursor, params.cursor);
  return search;
}

export function hasFilters(params: CaseListParams): boolean {
  return Boolean(params.q || params.status || params.source || params.division);
}

/** The query of GET /api/cases for these params. */
export function toListCasesQuery(uai: string, params: CaseListParams): ListCasesParams {
  return {
    establishment: uai,
    tab: params.tab,
    q: params.q || undefined,
    status: params.status,
    source: params.source,
    class: params.division || undefined,
    sort: params.sort,
    cursor: params.cursor,
  };
}
