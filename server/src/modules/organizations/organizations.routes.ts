import { Type } from 'typebox';
import { callerOf, memberOf } from '../../http/access.ts';
import { notFound } from '../../http/errors.ts';
import type { AppInstance } from '../../http/types.ts';
import { expectedVersion, setEtag } from '../../http/versions.ts';
import { ADMINS, ALL_ROLES, MANAGERS } from '../../kernel/access.ts';
import { findOrganizationSettings } from './organizations.repository.ts';
import {
  HouseAssignmentBody,
  InvitationIdParams,
  InvitationTokenBody,
  InvitationTokenQuery,
  InviteBody,
  MemberListQuery,
  OrganizationSettingsBody,
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
      const organization = await findOrganizationSettings(app.db, member.organizationId);
      if (!organization) throw notFound('No such organization.');
      return {
        id: organization.id,
        name: organization.name,
        currency: organization.currency,
        timezone: organization.timezone,
        locale: organization.locale,
        checkInTime: organization.check_in_time,
        checkOutTime: organization.check_out_time,
        role: member.role,
      };
    },
  );

  app.get(
    '/api/v1/organization/settings',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['organizations'],
        summary:
          "The organization's settings (every member; the tourist tax only for admins and managers), with its ETag",
        operationId: 'getOrganizationSettings',
        response: { 200: Type.Ref('OrganizationSettings') },
      },
    },
    async (request, reply) => {
      const settings = await organizations.settings(memberOf(request));
      setEtag(reply, settings.version);
      return settings;
    },
  );

  app.patch(
    '/api/v1/organization/settings',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['organizations'],
        summary:
          "Change some of the organization's settings (If-Match: its ETag); the currency only while no money is recorded",
        operationId: 'updateOrganizationSettings',
        body: OrganizationSettingsBody,
        response: { 200: Type.Ref('OrganizationSettings') },
      },
    },
    async (request, reply) => {
      const settings = await organizations.updateSettings(
        memberOf(request),
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, settings.version);
      return settings;
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
