import { caseListSchema, listCasesQuerySchema } from '@jasmin/shared/cases/schemas';
import { http } from 'msw';
import { errorJson, okJson } from './api-response';

/** The query of a GET /api/cases request, parsed as the API parses it. */
export function casesQueryOf(request: Request) {
  return listCasesQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
}

/** No case yet, in every tab (a malformed query gets the API's 400). */
export const casesHandlers = [
  http.get('/api/cases', ({ request }) => {
    const query = listCasesQuerySchema.safeParse(
      Object.fromEntries(new URL(request.url).searchParams),
    );
    if (!query.success) return errorJson('VALIDATION_FAILED');
    return okJson(caseListSchema, { items: [], nextCursor: null });
  }),
];
