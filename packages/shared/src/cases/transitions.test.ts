import { describe, expect, it } from '@jest/globals';
import {
  allowedTargets,
  caseStatuses,
  checkTransitionTable,
  transitionKind,
  transitionPayloadSchemas,
  transitionTable,
} from './transitions';

describe('case state machine', () => {
  it('when the table is checked, then every state is reachable and closed states leave only by reopening', () => {
    expect(checkTransitionTable()).toEqual([]);
  });

  it('when a table has an unreachable state or a closed state with another exit, then the check says so', () => {
    const broken = { ...transitionTable, IDENTIFIED: { FOLLOW_UP: 'START_FOLLOW_UP' as const }, STOPPED: { SOLUTION: 'CLOSE_WITH_SOLUTION' as const } };
    const problems = checkTransitionTable(broken);
    expect(problems).toContain('NOT_FOLLOWED is unreachable');
    expect(problems).toContain('STOPPED → SOLUTION must be a REOPEN to FOLLOW_UP');
  });

  it('when the edges are listed, then they are exactly the guide’s', () => {
    const edges = caseStatuses.flatMap((from) => allowedTargets(from).map((to) => `${from}→${to}:${transitionKind(from, to)}`));
    expect(edges.sort()).toEqual(
      [
        'IDENTIFIED→NOT_FOLLOWED:NOT_FOLLOW',
        'IDENTIFIED→FOLLOW_UP:START_FOLLOW_UP',
        'FOLLOW_UP→SOLUTION:CLOSE_WITH_SOLUTION',
        'FOLLOW_UP→TRANSFERRED:TRANSFER',
        'FOLLOW_UP→STOPPED:STOP',
        'NOT_FOLLOWED→FOLLOW_UP:REOPEN',
        'SOLUTION→FOLLOW_UP:REOPEN',
        'TRANSFERRED→FOLLOW_UP:REOPEN',
        'STOPPED→FOLLOW_UP:REOPEN',
      ].sort(),
    );
  });

  it('when payloads are checked, then mandatory fields are enforced with French messages', () => {
    expect(transitionPayloadSchemas.NOT_FOLLOW.safeParse({}).success).toBe(true);
    const reopen = transitionPayloadSchemas.REOPEN.safeParse({ reason: '  ' });
    expect(reopen.success).toBe(false);
    expect(reopen.error?.issues[0]?.message).toBe('Le motif de réouverture est obligatoire.');
    expect(transitionPayloadSchemas.TRANSFER.safeParse({ platform: 'PSAD', message: 'Jeune à recontacter' }).success).toBe(true);
    expect(transitionPayloadSchemas.TRANSFER.safeParse({ platform: 'POLE', message: 'x' }).success).toBe(false);
    expect(transitionPayloadSchemas.STOP.safeParse({ stopReason: 'UNREACHABLE', text: '3 appels sans réponse' }).success).toBe(true);
    expect(transitionPayloadSchemas.CLOSE_WITH_SOLUTION.safeParse({ solutionKind: 'EMPLOYMENT', details: '' }).success).toBe(false);
  });
});
