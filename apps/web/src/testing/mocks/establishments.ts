import { establishmentListSchema } from '@jasmin/shared/establishments/schemas';
import { http } from 'msw';
import { okJson } from './api-response';
import { establishments } from './data';

export const establishmentHandlers = [
  http.get('/api/establishments', () => okJson(establishmentListSchema, { items: establishments })),
];
