// Imported first by main.tsx, before any schema is built.
import { setFrenchZodMessages } from '@jasmin/shared/zod-locale';
import { z } from 'zod';

// No code generation in the browser: the CSP forbids eval, and zod would probe for it.
z.config({ jitless: true });
setFrenchZodMessages();
