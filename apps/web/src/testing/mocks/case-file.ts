import {
  caseDetailSchema,
  createInterviewSchema,
  updateInterviewSchema,
  type CaseDetail,
} from '@jasmin/shared/cases/schemas';
import {
  allowedTargets,
  transitionKind,
  transitionPayloadSchemas,
  transitionRequestSchema,
  type CaseStatus,
  type TransitionRequest,
} from '@jasmin/shared/cases/transitions';
import { http } from 'msw';
import type { z } from 'zod';
import { errorJson, okJson } from './api-response';
import { establishments, uuid } from './data';

const displayStateOf = (status: CaseStatus): CaseDetail['displayState'] =>
  status === 'IDENTIFIED'
    ? 'NOTHING_DONE'
    : status === 'NOT_FOLLOWED'
      ? 'NOT_FOLLOWED'
      : status === 'FOLLOW_UP'
        ? 'FOLLOWED'
        : 'CLOSED';

type Interview = CaseDetail['interviews'][number];

/** An interview as GET /api/cases/:id lists it. */
export function buildInterview(n: number, overrides: Partial<Interview> = {}): Interview {
  return {
    id: uuid(4000 + n),
    version: 0,
    date: '2025-10-07',
    channel: 'PHONE',
    reached: 'PUPIL',
    observations: 'Joint au téléphone, cherche une formation.',
    trainingWish: 'CAP cuisine',
    trainingEstablishment: '',
    trainingStatus: '',
    jobSought: '',
    jobContract: '',
    nextStep: 'Rappeler dans quinze jours.',
    createdAt: '2025-10-07T08:30:00.000Z',
    updatedAt: '2025-10-07T08:30:00.000Z',
    authorName: 'Claire Martin',
    revisions: [],
    ...overrides,
  };
}

/** A pupil's file of 0990001N: Léa Durand, left in June, nothing done yet (status as given). */
export function buildCaseDetail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  const status = overrides.status ?? 'IDENTIFIED';
  const establishment = establishments[0];
  if (!establishment) throw new Error('établissement de test manquant');
  return {
    id: uuid(3001),
    version: 3,
    status,
    source: 'PREVIOUS_YEAR',
    displayState: displayStateOf(status),
    schoolYear: '2025-2026',
    establishment: { id: establishment.id, uai: establishment.uai, name: establishment.name },
    atRiskReason: null,
    suggestion: null,
    pupil: {
      id: uuid(2001),
      ine: '123456789AB',
      familyName: 'Durand',
      usageName: null,
      firstName: 'Léa',
      birthDate: '2008-03-14',
      siecleId: '1001',
      firstName2: 'Marie',
      firstName3: null,
      sex: 'F',
      division: '1PRO2',
      mefCode: '24020012310',
      entryDate: '2024-09-02',
      exitDate: '2025-06-30',
      exitReasonCode: '04',
      phone: null,
      mobile: '06 12 34 56 78',
      email: 'lea.durand@exemple.invalid',
      address: '3 rue des Lilas\n99000 MONTCLAIR',
      establishmentId: establishment.id,
    },
    guardians: [
      {
        id: uuid(5001),
        civility: 'MME',
        familyName: 'Durand',
        firstName: 'Sophie',
        relationship: 'Mère',
        isLegalGuardian: true,
        phoneHome: null,
        phoneMobile: '06 98 76 54 32',
        phoneWork: null,
        email: 'sophie.durand@exemple.invalid',
        address: '3 rue des Lilas\n99000 MONTCLAIR',
      },
    ],
    allowedTransitions: allowedTargets(status),
    interviews: [],
    transfers: [],
    timeline: [
      {
        id: '1',
        at: '2025-09-15T07:00:00.000Z',
        kind: 'CREATED',
        fromStatus: null,
        toStatus: 'IDENTIFIED',
        details: {},
        actorName: null,
      },
    ],
    createdAt: '2025-09-15T07:00:00.000Z',
    updatedAt: '2025-09-15T07:00:00.000Z',
    ...overrides,
  };
}

/**
 * A stateful API for one case, as the real one behaves: transitions follow the shared table and
 * check the version; interviews are recorded and corrected with revisions. Every body is parsed
 * with the shared schema and recorded for the test to read.
 */
export function caseFileApi(initial: CaseDetail) {
  const state = { current: structuredClone(initial), now: Date.parse('2025-10-20T09:00:00.000Z') };
  const transitions: TransitionRequest[] = [];
  const created: z.output<typeof createInterviewSchema>[] = [];
  const updated: { interviewId: string; body: z.output<typeof updateInterviewSchema> }[] = [];
  let gets = 0;
  let eventId = 100;

  const tick = () => {
    state.now += 60_000;
    return new Date(state.now).toISOString();
  };
  const bump = (changes: Partial<CaseDetail>) => {
    const status = changes.status ?? state.current.status;
    state.current = {
      ...state.current,
      ...changes,
      version: state.current.version + 1,
      status,
      displayState: displayStateOf(status),
      allowedTransitions: allowedTargets(status),
      updatedAt: tick(),
    };
  };
  const path = `/api/cases/${initial.id}`;

  const handlers = [
    http.get(path, () => {
      gets += 1;
      return okJson(caseDetailSchema, state.current);
    }),
    http.post(`${path}/transitions`, async ({ request }) => {
      const body = transitionRequestSchema.parse(await request.json());
      transitions.push(body);
      if (body.version !== state.current.version) return errorJson('VERSION_CONFLICT');
      const kind = transitionKind(state.current.status, body.to);
      if (!kind) return errorJson('INVALID_TRANSITION');
      const payload = transitionPayloadSchemas[kind].safeParse(body);
      if (!payload.success) return errorJson('VALIDATION_FAILED');
      const from = state.current.status;
      bump({
        status: body.to,
        timeline: [
          ...state.current.timeline,
          {
            id: String((eventId += 1)),
            at: tick(),
            kind,
            fromStatus: from,
            toStatus: body.to,
            details: payload.data,
            actorName: 'Claire Martin',
          },
        ],
      });
      return okJson(caseDetailSchema, state.current);
    }),
    http.post(`${path}/interviews`, async ({ request }) => {
      const body = createInterviewSchema.parse(await request.json());
      created.push(body);
      if (state.current.status !== 'FOLLOW_UP') return errorJson('INVALID_TRANSITION');
      const at = tick();
      const interview = buildInterview(state.current.interviews.length + 1, {
        ...body,
        createdAt: at,
        updatedAt: at,
      });
      bump({
        interviews: [...state.current.interviews, interview],
        timeline: [
          ...state.current.timeline,
          {
            id: String((eventId += 1)),
            at,
            kind: 'INTERVIEW_RECORDED',
            fromStatus: null,
            toStatus: null,
            details: { interviewId: interview.id, date: body.date, channel: body.channel },
            actorName: 'Claire Martin',
          },
        ],
      });
      return okJson(caseDetailSchema, state.current, 201);
    }),
    http.patch(`${path}/interviews/:interviewId`, async ({ request, params }) => {
      const body = updateInterviewSchema.parse(await request.json());
      const interviewId = String(params.interviewId);
      updated.push({ interviewId, body });
      const existing = state.current.interviews.find((i) => i.id === interviewId);
      if (!existing) return errorJson('NOT_FOUND', 'Entretien introuvable.');
      if (existing.version !== body.version) return errorJson('VERSION_CONFLICT');
      const { version, ...changes } = body;
      const at = tick();
      const { id: _id, version: _v, createdAt: _c, updatedAt: _u, authorName: _a, revisions, ...data } = existing;
      const next: Interview = {
        ...existing,
        ...changes,
        version: version + 1,
        updatedAt: at,
        revisions: [...revisions, { version, editedAt: at, editorName: 'Claire Martin', data }],
      };
      bump({
        interviews: state.current.interviews.map((i) => (i.id === interviewId ? next : i)),
      });
      return okJson(caseDetailSchema, state.current);
    }),
  ];

  return {
    handlers,
    transitions,
    created,
    updated,
    gets: () => gets,
    current: () => state.current,
    /** Someone else changes the case (by default: same status, new version). */
    changeElsewhere: (changes: Partial<CaseDetail> = {}) => bump(changes),
  };
}

/** By default no case is in scope: the API answers 404 (as for another establishment's). */
export const caseFileHandlers = [
  http.get('/api/cases/:id', () => errorJson('NOT_FOUND', 'Suivi introuvable.')),
];
