import { Type } from 'typebox';
import { callerOf, memberOf } from '../../http/access.ts';
import { notFound } from '../../http/errors.ts';
import type { AppInstance } from '../../http/types.ts';
import { ADMINS, ALL_ROLES, MANAGERS } from '../../kernel/access.ts';
import { findOrganization } from './organizations.repository.ts';
import {
  HouseAssignmentBody,
  InvitationIdParams,
  InvitationTokenBody,
  InvitationTokenQuery,
  InviteBody,
  MemberListQuery,
  organizationSchemas,
  RoleBody,
  UserIdParams,
} from './organizations.schemas.ts';
import type { OrganizationsService } from './organizations.service.ts';

export async function organizationRoutes(
  app: AppInstance,
  organizations: OrganizationsService,
): Promise<void> {
  for (const schema of organizationSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/organization',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['organizations'],
        summary: 'The organization this request acts in (X-Organization-Id, else the first membership)',
        operationId: 'getOrganization',
        response: { 200: Type.Ref('Organization') },
      },
    },
    async (request) => {
      const member = memberOf(request);
      const organization = await findOrganization(app.db, member.organizationId);
      if (!organization) throw notFound('No such organization.');
      return { ...organization, role: member.role };
    },
  );

  app.get(
    '/api/v1/members',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['organizations'],
        summary: 'Members of the organization',
        operationId: 'listMembers',
        querystring: MemberListQuery,
        response: { 200: Type.Ref('MemberList') },
      },
    },
    async (request) => organizations.listMembers(memberOf(request).organizationId, request.query),
  );

  app.patch(
    '/api/v1/members/:userId',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['organizations'],
        summary: "Change a member's role (the last admin stays admin)",
        operationId: 'updateMember',
        params: UserIdParams,
        body: RoleBody,
        response: { 200: Type.Ref('Member') },
      },
    },
    async (request) => {
      const member = memberOf(request);
      return organizations.changeRole(
        member.userId,
        member.organizationId,
        request.params.userId,
        request.body.role,
      );
    },
  );

  app.put(
    '/api/v1/members/:userId/houses',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['organizations'],
        summary: 'Set the houses an owner member sees (replaces the whole list)',
        operationId: 'assignMemberHouses',
        params: UserIdParams,
        body: HouseAssignmentBody,
        response: { 200: Type.Ref('Member') },
      },
    },
    async (request) => {
      const member = memberOf(request);
      return organizations.assignHouses(
        member.userId,
        member.organizationId,
        request.params.userId,
        request.body.houseIds,
      );
    },
  );

  app.delete(
    '/api/v1/members/:userId',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['organizations'],
        summary: 'Remove a member (not the last admin)',
        operationId: 'removeMember',
        params: UserIdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const member = memberOf(request);
      await organizations.removeMember(member.userId, member.organizationId, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/invitations',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['organizations'],
        summary: 'Invite someone by email with a role; the link is emailed',
        operationId: 'createInvitation',
        body: InviteBody,
        response: { 201: Type.Ref('Invitation') },
      },
    },
    async (request, reply) => {
      const member = memberOf(request);
      const invitation = await organizations.invite(member.userId, member.organizationId, {
        email: request.body.email,
        role: request.body.role,
      });
      return reply.code(201).header('Location', `/api/v1/invitations/${invitation.id}`).send(invitation);
    },
  );

  app.get(
    '/api/v1/invitations',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['organizations'],
        summary: 'Pending invitations',
        operationId: 'listInvitations',
        response: { 200: Type.Ref('InvitationList') },
      },
    },
    async (request) => ({
      items: await organizations.listInvitations(memberOf(request).organizationId),
      nextCursor: null,
    }),
  );

  app.delete(
    '/api/v1/invitations/:invitationId',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['organizations'],
        summary: 'Revoke a pending invitation',
        operationId: 'revokeInvitation',
        params: InvitationIdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await organizations.revokeInvitation(memberOf(request).organizationId, request.params.invitationId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/invitations/preview',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['organizations'],
        summary: 'What an invitation link offers (organization, email, role, status)',
        operationId: 'previewInvitation',
        querystring: InvitationTokenQuery,
        response: { 200: Type.Ref('InvitationPreview') },
      },
    },
    async (request) => organizations.lookupInvitation(request.query.token),
  );

  app.post(
    '/api/v1/invitations/accept',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['organizations'],
        summary: 'Join the organization of an invitation addressed to your email',
        operationId: 'acceptInvitation',
        body: InvitationTokenBody,
        response: { 200: Type.Ref('Membership') },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      return organizations.acceptInvitation(request.body.token, { id: caller.userId, email: caller.email });
    },
  );
}
