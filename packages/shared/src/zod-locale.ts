import { z } from 'zod';
import { fr } from 'zod/locales';

/** Zod's built-in messages in French (for fields without a message of their own). Call once at start-up. */
export function setFrenchZodMessages(): void {
  z.config(fr());
}
