import {
  caseDetailSchema,
  caseIdParamsSchema,
  caseListSchema,
  createAtRiskCaseSchema,
  createInterviewSchema,
  interviewParamsSchema,
  listCasesQuerySchema,
  listTransfersQuerySchema,
  returnTransferSchema,
  transferListSchema,
  transferSchema,
  updateInterviewSchema,
} from '@jasmin/shared/cases/schemas';
import { caseWriterRoles } from '@jasmin/shared/cases/permissions';
import { transitionRequestSchema } from '@jasmin/shared/cases/transitions';
import { pupilSearchResultSchema, searchPupilsQuerySchema } from '@jasmin/shared/pupils/schemas';
import { idParamsSchema } from '@jasmin/shared/establishments/schemas';
import { defineRoute } from '../../lib/route-table';
import { authed } from '../../lib/service-deps';
import { searchPupils } from '../pupils/pupils.service';
import { acceptTransfer, listTransfers, returnTransfer } from '../transfers/transfers.service';
import * as service from './cases.service';

// Reading cases: everyone on staff within their scope (coordinators read their district).
// Changing them: the establishment (head, referent) and the académie's administrators.
const READERS = { kind: 'roles', roles: ['ADMIN', 'COORDINATOR', 'HEAD', 'REFERENT'] } as const;
const WRITERS = { kind: 'roles', roles: caseWriterRoles } as const;
const RECEIVERS = { kind: 'roles', roles: ['ADMIN', 'COORDINATOR'] } as const;
const BASE = ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'INVALID_TOKEN', 'FORBIDDEN', 'VALIDATION_FAILED'] as const;
const WRITE = [...BASE, 'READ_ONLY_TOKEN', 'CSRF_REJECTED', 'NOT_FOUND'] as const;

export const caseRoutes = [
  defineRoute({
    operationId: 'listCases',
    method: 'get',
    path: '/cases',
    summary: "Les suivis d'un établissement, par onglet du guide (recherche, filtres, tri, pages)",
    tags: ['Suivis'],
    policy: READERS,
    request: { query: listCasesQuerySchema },
    response: { status: 200, schema: caseListSchema, description: 'Une page de suivis et le curseur de la suivante.' },
    errors: [...BASE, 'NOT_FOUND'],
    handler: ({ query }, ctx) => service.listCases(ctx.deps, authed(ctx.meta), query),
  }),
  defineRoute({
    operationId: 'getCase',
    method: 'get',
    path: '/cases/:id',
    summary: "La fiche de l'élève : données SIECLE, responsables, actions possibles, historique (lecture tracée)",
    tags: ['Suivis'],
    policy: READERS,
    request: { params: caseIdParamsSchema },
    response: { status: 200, schema: caseDetailSchema, description: 'Le suivi.' },
    errors: [...BASE, 'NOT_FOUND'],
    handler: ({ params }, ctx) => service.getCase(ctx.deps, authed(ctx.meta), params.id),
  }),
  defineRoute({
    operationId: 'transitionCase',
    method: 'post',
    path: '/cases/:id/transitions',
    summary: "Faire avancer le suivi (fiche « choix », solution, transfert, arrêt, réouverture)",
    tags: ['Suivis'],
    policy: WRITERS,
    request: { params: caseIdParamsSchema, body: transitionRequestSchema },
    response: { status: 200, schema: caseDetailSchema, description: 'Le suivi après la transition.' },
    errors: [...WRITE, 'INVALID_TRANSITION', 'VERSION_CONFLICT'],
    handler: ({ params, body }, ctx) => service.transitionCase(ctx.deps, authed(ctx.meta), params.id, body),
  }),
  defineRoute({
    operationId: 'createInterview',
    method: 'post',
    path: '/cases/:id/interviews',
    summary: 'Saisir un entretien (fiche « suivi »)',
    tags: ['Suivis'],
    policy: WRITERS,
    request: { params: caseIdParamsSchema, body: createInterviewSchema },
    response: { status: 201, schema: caseDetailSchema, description: "Le suivi avec l'entretien." },
    errors: [...WRITE, 'INVALID_TRANSITION'],
    handler: ({ params, body }, ctx) => service.createInterview(ctx.deps, authed(ctx.meta), params.id, body),
  }),
  defineRoute({
    operationId: 'updateInterview',
    method: 'patch',
    path: '/cases/:id/interviews/:interviewId',
    summary: 'Corriger un entretien (la version précédente est conservée)',
    tags: ['Suivis'],
    policy: WRITERS,
    request: { params: interviewParamsSchema, body: updateInterviewSchema },
    response: { status: 200, schema: caseDetailSchema, description: "Le suivi avec l'entretien corrigé." },
    errors: [...WRITE, 'VERSION_CONFLICT'],
    handler: ({ params, body }, ctx) => service.updateInterview(ctx.deps, authed(ctx.meta), params.id, params.interviewId, body),
  }),
  defineRoute({
    operationId: 'createAtRiskCase',
    method: 'post',
    path: '/cases',
    summary: 'Repérage à la main : un élève encore inscrit « en cours de décrochage », ou un sortant non repéré',
    tags: ['Suivis'],
    policy: WRITERS,
    request: { body: createAtRiskCaseSchema },
    response: { status: 201, schema: caseDetailSchema, description: 'Le suivi créé.' },
    errors: [...WRITE, 'CONFLICT'],
    handler: ({ body }, ctx) => service.createAtRiskCase(ctx.deps, authed(ctx.meta), body),
  }),
  defineRoute({
    operationId: 'searchPupils',
    method: 'get',
    path: '/pupils',
    summary: "Chercher un élève de l'établissement (nom, prénom ou INE)",
    tags: ['Suivis'],
    policy: WRITERS,
    request: { query: searchPupilsQuerySchema },
    response: { status: 200, schema: pupilSearchResultSchema, description: 'Élèves trouvés (20 au plus).' },
    errors: [...BASE, 'NOT_FOUND'],
    handler: ({ query }, ctx) => searchPupils(ctx.deps, authed(ctx.meta), query),
  }),
  defineRoute({
    operationId: 'listTransfers',
    method: 'get',
    path: '/transfers',
    summary: 'Les transferts reçus par le district (boîte de réception des coordinateurs)',
    tags: ['Transferts'],
    policy: RECEIVERS,
    request: { query: listTransfersQuerySchema },
    response: { status: 200, schema: transferListSchema, description: 'Transferts.' },
    errors: [...BASE],
    handler: ({ query }, ctx) => listTransfers(ctx.deps, authed(ctx.meta), query),
  }),
  defineRoute({
    operationId: 'acceptTransfer',
    method: 'post',
    path: '/transfers/:id/accept',
    summary: 'Accepter un transfert',
    tags: ['Transferts'],
    policy: RECEIVERS,
    request: { params: idParamsSchema },
    response: { status: 200, schema: transferSchema, description: 'Transfert accepté.' },
    errors: [...WRITE, 'CONFLICT'],
    handler: ({ params }, ctx) => acceptTransfer(ctx.deps, authed(ctx.meta), params.id),
  }),
  defineRoute({
    operationId: 'returnTransfer',
    method: 'post',
    path: '/transfers/:id/return',
    summary: "Renvoyer un transfert à l'établissement, avec un motif (le suivi reprend)",
    tags: ['Transferts'],
    policy: RECEIVERS,
    request: { params: idParamsSchema, body: returnTransferSchema },
    response: { status: 200, schema: transferSchema, description: 'Transfert renvoyé.' },
    errors: [...WRITE, 'CONFLICT'],
    handler: ({ params, body }, ctx) => returnTransfer(ctx.deps, authed(ctx.meta), params.id, body.reason),
  }),
];
