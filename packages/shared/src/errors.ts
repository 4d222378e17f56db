import { z } from 'zod';

/**
 * Stable error codes of the API. Programs rely on `code`; people read `message` (French).
 * The HTTP status of each code is defined here once and used by the API's error handler.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, message: 'Les données envoyées sont invalides.' },
  MALFORMED_JSON: { status: 400, message: "Le corps de la requête n'est pas un JSON valide." },
  UNAUTHENTICATED: { status: 401, message: 'Vous devez vous connecter.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Adresse électronique ou mot de passe incorrect.' },
  SESSION_EXPIRED: { status: 401, message: 'Votre session a expiré. Reconnectez-vous.' },
  INVALID_TOKEN: { status: 401, message: "Jeton d'accès invalide, expiré ou révoqué." },
  CSRF_REJECTED: { status: 403, message: "Requête refusée : elle ne provient pas de l'application Jasmin." },
  READ_ONLY_TOKEN: { status: 403, message: "Un jeton d'accès ne permet que la lecture." },
  FORBIDDEN: { status: 403, message: "Vous n'avez pas le droit d'effectuer cette action." },
  NOT_FOUND: { status: 404, message: 'Ressource introuvable.' },
  ROUTE_NOT_FOUND: { status: 404, message: "Cette adresse n'existe pas dans l'API." },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Méthode non autorisée pour cette adresse.' },
  CONFLICT: { status: 409, message: 'La ressource existe déjà ou a été modifiée.' },
  INVALID_TRANSITION: { status: 409, message: "Cette action n'est pas possible dans l'état actuel du suivi." },
  VERSION_CONFLICT: {
    status: 409,
    message: "Quelqu'un d'autre vient de modifier ce suivi. Rechargez-le : votre saisie est conservée.",
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Le corps de la requête est trop volumineux.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Ce type de contenu n'est pas accepté." },
  RATE_LIMITED: { status: 429, message: 'Trop de tentatives. Réessayez plus tard.' },
  INTERNAL_ERROR: { status: 500, message: 'Une erreur interne est survenue. Réessayez plus tard.' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    message: 'La base de données est momentanément indisponible. Réessayez dans un instant.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalog;
export const errorCodes = Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]];
export const errorCodeSchema = z.enum(errorCodes);

export function statusOf(code: ErrorCode): number {
  return errorCatalog[code].status;
}

export function defaultMessageOf(code: ErrorCode): string {
  return errorCatalog[code].message;
}

/** `{ "error": { "code", "message", "fieldErrors"?, "requestId" } }` — the only error body the API sends. */
export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
