import { z } from 'zod';

/** The states of a case (« suivi »). See docs/glossary.md for the French words. */
export const caseStatuses = ['IDENTIFIED', 'NOT_FOLLOWED', 'FOLLOW_UP', 'SOLUTION', 'TRANSFERRED', 'STOPPED'] as const;
export const caseStatusSchema = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const caseStatusLabels: Record<CaseStatus, string> = {
  IDENTIFIED: 'Repéré, rien de fait',
  NOT_FOLLOWED: 'Ne pas suivre',
  FOLLOW_UP: 'Suivi mis en place',
  SOLUTION: 'Solution trouvée',
  TRANSFERRED: 'Transféré',
  STOPPED: 'Suivi arrêté',
};

/** What each edge of the state machine means; each kind has its payload schema below. */
export const transitionKinds = ['NOT_FOLLOW', 'START_FOLLOW_UP', 'CLOSE_WITH_SOLUTION', 'TRANSFER', 'STOP', 'REOPEN'] as const;
export type TransitionKind = (typeof transitionKinds)[number];

/**
 * THE state machine, one table: from → to → kind. The API enforces it, the web app offers
 * exactly these actions. Closed states leave only by REOPEN (with a reason).
 */
export const transitionTable: Record<CaseStatus, Partial<Record<CaseStatus, TransitionKind>>> = {
  IDENTIFIED: { NOT_FOLLOWED: 'NOT_FOLLOW', FOLLOW_UP: 'START_FOLLOW_UP' },
  NOT_FOLLOWED: { FOLLOW_UP: 'REOPEN' },
  FOLLOW_UP: { SOLUTION: 'CLOSE_WITH_SOLUTION', TRANSFERRED: 'TRANSFER', STOPPED: 'STOP' },
  SOLUTION: { FOLLOW_UP: 'REOPEN' },
  TRANSFERRED: { FOLLOW_UP: 'REOPEN' },
  STOPPED: { FOLLOW_UP: 'REOPEN' },
};

export const INITIAL_STATUS: CaseStatus = 'IDENTIFIED';
export const CLOSED_STATUSES: readonly CaseStatus[] = ['NOT_FOLLOWED', 'SOLUTION', 'TRANSFERRED', 'STOPPED'];

export function transitionKind(from: CaseStatus, to: CaseStatus): TransitionKind | undefined {
  return transitionTable[from][to];
}

export function allowedTargets(from: CaseStatus): CaseStatus[] {
  return Object.keys(transitionTable[from]) as CaseStatus[];
}

export const solutionKinds = ['FURTHER_STUDIES', 'EMPLOYMENT'] as const;
export const solutionKindLabels: Record<(typeof solutionKinds)[number], string> = {
  FURTHER_STUDIES: "Poursuite d'études",
  EMPLOYMENT: 'Vie active',
};
export const transferPlatforms = ['PSAD', 'CIO', 'MISSION_LOCALE', 'PAE'] as const;
export const transferPlatformLabels: Record<(typeof transferPlatforms)[number], string> = {
  PSAD: 'PSAD (plate-forme de suivi et d’appui aux décrocheurs)',
  CIO: "CIO (centre d'information et d'orientation)",
  MISSION_LOCALE: 'Mission locale',
  PAE: 'PAE (pôle emploi — réservé d’abord aux jeunes diplômés cherchant un premier emploi)',
};
export const stopReasons = ['UNREACHABLE', 'REFUSAL', 'MOVED_AWAY', 'OTHER_FOLLOW_UP', 'OTHER'] as const;
export const stopReasonLabels: Record<(typeof stopReasons)[number], string> = {
  UNREACHABLE: 'Injoignable après plusieurs tentatives',
  REFUSAL: 'Refus du jeune ou de sa famille',
  MOVED_AWAY: 'Déménagement',
  OTHER_FOLLOW_UP: 'Suivi par une autre structure',
  OTHER: 'Autre',
};

const text = (max: number, required?: string) =>
  required ? z.string().trim().min(1, required).max(max, `${max} caractères au plus.`) : z.string().trim().max(max, `${max} caractères au plus.`);

/** The payload each kind of transition requires. */
export const transitionPayloadSchemas = {
  NOT_FOLLOW: z.object({ comment: text(2000).optional() }),
  START_FOLLOW_UP: z.object({ comment: text(2000).optional() }),
  CLOSE_WITH_SOLUTION: z.object({
    solutionKind: z.enum(solutionKinds, "Choisissez : poursuite d'études ou vie active."),
    details: text(2000, 'Précisez la solution (formation, établissement, emploi…).'),
  }),
  TRANSFER: z.object({
    platform: z.enum(transferPlatforms, 'Choisissez la plate-forme qui reçoit le transfert.'),
    message: text(2000, 'Un message pour la plate-forme est obligatoire.'),
  }),
  STOP: z.object({
    stopReason: z.enum(stopReasons, "Choisissez le motif de l'arrêt du suivi."),
    text: text(2000, "Expliquez l'arrêt du suivi."),
  }),
  REOPEN: z.object({ reason: text(2000, 'Le motif de réouverture est obligatoire.') }),
} as const satisfies Record<TransitionKind, z.ZodType>;

/** Body of POST /cases/:id/transitions: the target state, the version seen, and the payload. */
export const transitionRequestSchema = z
  .object({
    to: caseStatusSchema,
    version: z.number().int().min(0),
    comment: z.string().optional(),
    solutionKind: z.string().optional(),
    details: z.string().optional(),
    platform: z.string().optional(),
    message: z.string().optional(),
    stopReason: z.string().optional(),
    text: z.string().optional(),
    reason: z.string().optional(),
  })
  .strict();
export type TransitionRequest = z.infer<typeof transitionRequestSchema>;

/**
 * Checks the table's shape: every state reachable from IDENTIFIED, every state can move,
 * closed states leave only by REOPEN. Run by the API at start-up and by a unit test.
 */
export function checkTransitionTable(table = transitionTable): string[] {
  const problems: string[] = [];
  const reached = new Set<CaseStatus>([INITIAL_STATUS]);
  const queue: CaseStatus[] = [INITIAL_STATUS];
  while (queue.length) {
    const from = queue.shift() as CaseStatus;
    for (const to of Object.keys(table[from]) as CaseStatus[]) {
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  for (const s of caseStatuses) {
    if (!reached.has(s)) problems.push(`${s} is unreachable`);
    if (Object.keys(table[s]).length === 0) problems.push(`${s} has no way out`);
    if (CLOSED_STATUSES.includes(s)) {
      for (const [to, kind] of Object.entries(table[s])) {
        if (kind !== 'REOPEN' || to !== 'FOLLOW_UP') problems.push(`${s} → ${to} must be a REOPEN to FOLLOW_UP`);
      }
    }
  }
  return problems;
}
