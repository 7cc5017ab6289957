import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { expectedVersion, setEtag } from '../../http/versions.ts';
import { ADMINS, ALL_ROLES, TEAM } from '../../kernel/access.ts';
import {
  MaintenanceIssueCreateBody,
  MaintenanceIssueListQuery,
  MaintenanceIssueParams,
  MaintenanceIssueUpdateBody,
  MaintenanceTypeCreateBody,
  MaintenanceTypeParams,
  MaintenanceTypeUpdateBody,
  maintenanceSchemas,
} from './maintenance.schemas.ts';
import type { MaintenanceService } from './maintenance.service.ts';

export async function maintenanceRoutes(app: AppInstance, maintenance: MaintenanceService): Promise<void> {
  for (const schema of maintenanceSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/maintenance/types',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['maintenance'],
        summary: 'The kinds of maintenance work, with their French and English labels',
        operationId: 'listMaintenanceTypes',
        response: { 200: Type.Ref('MaintenanceTypeList') },
      },
    },
    async (request) => maintenance.types(memberOf(request)),
  );

  app.post(
    '/api/v1/maintenance/types',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['maintenance'],
        summary: 'Add a kind of maintenance work',
        operationId: 'createMaintenanceType',
        body: MaintenanceTypeCreateBody,
        response: { 201: Type.Ref('MaintenanceType') },
      },
    },
    async (request, reply) => {
      const type = await maintenance.createType(memberOf(request), request.body);
      return reply.code(201).header('Location', `/api/v1/maintenance/types/${type.code}`).send(type);
    },
  );

  app.get(
    '/api/v1/maintenance/types/:code',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['maintenance'],
        summary: 'One kind of maintenance work',
        operationId: 'getMaintenanceType',
        params: MaintenanceTypeParams,
        response: { 200: Type.Ref('MaintenanceType') },
      },
    },
    async (request) => maintenance.type(memberOf(request), request.params.code),
  );

  app.patch(
    '/api/v1/maintenance/types/:code',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['maintenance'],
        summary: 'Relabel, reorder or retire a kind of maintenance work',
        operationId: 'updateMaintenanceType',
        params: MaintenanceTypeParams,
        body: MaintenanceTypeUpdateBody,
        response: { 200: Type.Ref('MaintenanceType') },
      },
    },
    async (request) => maintenance.updateType(memberOf(request), request.params.code, request.body),
  );

  app.get(
    '/api/v1/maintenance/issues',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['maintenance'],
        summary: 'Work orders, newest first',
        operationId: 'listMaintenanceIssues',
        querystring: MaintenanceIssueListQuery,
        response: { 200: Type.Ref('MaintenanceIssueList') },
      },
    },
    async (request) => maintenance.list(memberOf(request), request.query),
  );

  app.post(
    '/api/v1/maintenance/issues',
    {
      config: { policy: TEAM, idempotent: true },
      schema: {
        tags: ['maintenance'],
        summary:
          'Report a work order; with block, the house is blocked on those dates in the same transaction (409 naming a stay in the way)',
        operationId: 'createMaintenanceIssue',
        body: MaintenanceIssueCreateBody,
        response: { 201: Type.Ref('MaintenanceIssue') },
      },
    },
    async (request, reply) => {
      const issue = await maintenance.create(memberOf(request), request.body);
      setEtag(reply, issue.version);
      return reply.code(201).header('Location', `/api/v1/maintenance/issues/${issue.id}`).send(issue);
    },
  );

  app.get(
    '/api/v1/maintenance/issues/:issueId',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['maintenance'],
        summary: 'One work order',
        operationId: 'getMaintenanceIssue',
        params: MaintenanceIssueParams,
        response: { 200: Type.Ref('MaintenanceIssue') },
      },
    },
    async (request, reply) => {
      const issue = await maintenance.get(memberOf(request), request.params.issueId);
      setEtag(reply, issue.version);
      return issue;
    },
  );

  app.patch(
    '/api/v1/maintenance/issues/:issueId',
    {
      config: { policy: TEAM },
      schema: {
        tags: ['maintenance'],
        summary:
          'Change a work order or its status (If-Match: its ETag); resolving or cancelling ends its block. Staff change status, description and resolution note only',
        operationId: 'updateMaintenanceIssue',
        params: MaintenanceIssueParams,
        body: MaintenanceIssueUpdateBody,
        response: { 200: Type.Ref('MaintenanceIssue') },
      },
    },
    async (request, reply) => {
      const issue = await maintenance.update(
        memberOf(request),
        request.params.issueId,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, issue.version);
      return issue;
    },
  );

  app.delete(
    '/api/v1/maintenance/issues/:issueId',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['maintenance'],
        summary:
          'Delete a work order entered by mistake (not one whose cost was posted); its block and files go',
        operationId: 'deleteMaintenanceIssue',
        params: MaintenanceIssueParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await maintenance.remove(memberOf(request), request.params.issueId, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/maintenance/issues/:issueId/history',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['maintenance'],
        summary: 'Every change of a work order: who, when, before and after',
        operationId: 'getMaintenanceIssueHistory',
        params: MaintenanceIssueParams,
        response: { 200: Type.Ref('MaintenanceHistory') },
      },
    },
    async (request) => maintenance.history(memberOf(request), request.params.issueId),
  );
}
