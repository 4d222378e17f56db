import type { Role } from '@jasmin/shared/auth/schemas';

/** Who is asking. Built once per request by `authenticate`, then passed explicitly to services. */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      role: Role;
      academyId: string;
      districtId: string | null;
      establishmentId: string | null;
    }
  | { kind: 'token'; tokenId: string; academyId: string; districtId: string | null }
  /** The command line (`pnpm jasmin …`): académie-wide, audited as SYSTEM. */
  | { kind: 'system'; academyId: string }
  | { kind: 'anonymous'; reason?: 'SESSION_EXPIRED' | 'INVALID_TOKEN' };

export type AuthenticatedActor = Exclude<Actor, { kind: 'anonymous' }>;

/** What a service needs to know about the request it serves (never req/res themselves). */
export interface RequestMeta {
  actor: Actor;
  requestId: string;
  ip: string | undefined;
}
