import { z } from 'zod';
import { AppError } from '../../lib/app-error';

const cursorSchema = z.object({ v: z.string().max(300), id: z.uuid() });
export type Cursor = z.infer<typeof cursorSchema>;

/** Opaque page cursor: the last row's sort value and id. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('VALIDATION_FAILED', { fieldErrors: { 'query.cursor': ['Curseur de page invalide.'] } });
  }
}
