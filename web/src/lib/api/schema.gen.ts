// Generated from the server's OpenAPI document by `npm run api:generate`. Do not edit.

export interface paths {
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics of this instance
         * @description The Prometheus text format. With METRICS_TOKEN set, only with `Authorization: Bearer <token>`; with METRICS_PORT set, served on that port and 404 here; in production with neither, 404.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": components["schemas"]["Problem"];
                    };
                };
                /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database is reachable and migrated (with overdue jobs and feeds in error) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready";
                            database: string;
                            jobs: {
                                /** @description Jobs due more than 5 minutes ago and still waiting or running, on every instance */
                                overdue: number;
                                /** @description How long ago the oldest of them was due */
                                oldestOverdueSeconds: number | null;
                            };
                            channelFeeds: {
                                /** @description Channel feeds whose last sync failed, in every organization */
                                inError: number;
                            };
                        };
                    };
                };
                /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/instance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Name and version of this installation (no authentication) */
        get: operations["getInstance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Background jobs, most recently changed first, and how many are queued, running and failed */
        get: operations["listJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/jobs/{jobId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a failed job again, now, with a new set of attempts (409 when it has not failed) */
        post: operations["retryJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account (and an organization of its own, as admin) */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with email and password */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token (body or cookie) for new tokens; the old one stops working */
        post: operations["refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session of a refresh token (body or cookie) */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current user and their organizations */
        get: operations["me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm an email address with the emailed token */
        post: operations["verifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a new confirmation link to the current user */
        post: operations["resendVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a password reset link (answers 202 whether or not the email has an account) */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the emailed token; every session ends */
        post: operations["confirmPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/registration-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Registration requests (approval mode), pending ones by default */
        get: operations["listRegistrationRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/registration-requests/{requestId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Approve (the account is created) or reject a registration request */
        patch: operations["decideRegistrationRequest"];
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every account of the instance, by email */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Deactivate or reactivate an account (deactivation ends its sessions), or make it an administrator */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization this request acts in (X-Organization-Id, else the first membership) */
        get: operations["getOrganization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization's settings (every member; the tourist tax only for admins and managers), with its ETag */
        get: operations["getOrganizationSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change some of the organization's settings (If-Match: its ETag); the currency only while no money is recorded */
        patch: operations["updateOrganizationSettings"];
        trace?: never;
    };
    "/api/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members of the organization */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member (not the last admin) */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /** Change a member's role (the last admin stays admin) */
        patch: operations["updateMember"];
        trace?: never;
    };
    "/api/v1/members/{userId}/houses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the houses an owner member sees (replaces the whole list) */
        put: operations["assignMemberHouses"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending invitations */
        get: operations["listInvitations"];
        put?: never;
        /** Invite someone by email with a role; the link is emailed */
        post: operations["createInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a pending invitation */
        delete: operations["revokeInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What an invitation link offers (organization, email, role, status) */
        get: operations["previewInvitation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Join the organization of an invitation addressed to your email */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your profile */
        get: operations["getProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change your name or language */
        patch: operations["updateProfile"];
        trace?: never;
    };
    "/api/v1/users/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password; every other session ends and this one gets new tokens */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Login providers enabled on this instance */
        get: operations["listLoginProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oauth/{provider}/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start logging in with a provider: send the browser to the returned URL */
        post: operations["startOAuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oauth/{provider}/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start linking a provider to your account: send the browser to the returned URL */
        post: operations["startOAuthLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oauth/{provider}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the provider sends the browser back; redirects into the web app */
        get: operations["oauthCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Providers linked to your account */
        get: operations["listLinkedProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/providers/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unlink a provider (while another way to log in remains) */
        delete: operations["unlinkProvider"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/houses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Houses by code (an owner sees the houses assigned to them; staff see no prices) */
        get: operations["listHouses"];
        put?: never;
        /** Create a house */
        post: operations["createHouse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/houses/{houseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One house */
        get: operations["getHouse"];
        put?: never;
        post?: never;
        /** Delete a house that has no history (deactivate it otherwise) */
        delete: operations["deleteHouse"];
        options?: never;
        head?: never;
        /** Change a house (If-Match: its ETag); set status to inactive to retire it */
        patch: operations["updateHouse"];
        trace?: never;
    };
    "/api/v1/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sites (groups of houses) by name */
        get: operations["listSites"];
        put?: never;
        /** Create a site */
        post: operations["createSite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sites/{siteId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One site */
        get: operations["getSite"];
        put?: never;
        post?: never;
        /** Delete a site; its houses stay, belonging to no site */
        delete: operations["deleteSite"];
        options?: never;
        head?: never;
        /** Change a site (If-Match: its ETag) */
        patch: operations["updateSite"];
        trace?: never;
    };
    "/api/v1/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reservations by check-in; from/to keep the stays overlapping [from, to) */
        get: operations["listReservations"];
        put?: never;
        /** Create a reservation; 409 with conflictingReservationId or conflictingBlockId when a night is taken */
        post: operations["createReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{reservationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One reservation */
        get: operations["getReservation"];
        put?: never;
        post?: never;
        /** Delete a reservation entered by mistake (cancel a real one instead) */
        delete: operations["deleteReservation"];
        options?: never;
        head?: never;
        /** Change a reservation (If-Match: its ETag). Status: pending → confirmed → checked_in → checked_out, or pending/confirmed → cancelled; a manager may undo a check-in (checked_in → confirmed: a round the check-in skipped is current again) or a check-out (checked_out → checked_in: the round the departure opened is removed if nobody ticked anything in it, kept otherwise) */
        patch: operations["updateReservation"];
        trace?: never;
    };
    "/api/v1/reservations/{reservationId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every change of a reservation: who, when, before and after */
        get: operations["getReservationHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stays and blocks of each house overlapping [from, to); format=days gives one entry per house and day */
        get: operations["getCalendar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Active houses free for the whole stay and large enough for the guests */
        get: operations["getAvailability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Blocks (maintenance, owner stays…) overlapping [from, to) */
        get: operations["listBlocks"];
        put?: never;
        /** Block nights of a house; 409 naming the stay or block already there */
        post: operations["createBlock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocks/{blockId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One block */
        get: operations["getBlock"];
        put?: never;
        post?: never;
        /** Remove a block, freeing its nights */
        delete: operations["deleteBlock"];
        options?: never;
        head?: never;
        /** Change a block (If-Match: its ETag) */
        patch: operations["updateBlock"];
        trace?: never;
    };
    "/api/v1/guests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Guests by name; search matches a part of the name, email or phone */
        get: operations["listGuests"];
        put?: never;
        /** Create a guest (the email is unique in the organization) */
        post: operations["createGuest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guests/{guestId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One guest */
        get: operations["getGuest"];
        put?: never;
        post?: never;
        /** Delete a guest without stays (anonymize one with stays) */
        delete: operations["deleteGuest"];
        options?: never;
        head?: never;
        /** Change a guest (If-Match: its ETag) */
        patch: operations["updateGuest"];
        trace?: never;
    };
    "/api/v1/guests/{guestId}/anonymize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Erase the person (GDPR); their stays and money stay */
        post: operations["anonymizeGuest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guests/{guestId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything held about a guest (GDPR access) */
        get: operations["exportGuest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The checklist template: categories in order, each with its items */
        get: operations["getChecklistTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checklist/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fill an empty template with the default checklist, in the organization's language */
        post: operations["addDefaultChecklist"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checklist/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a category at the end */
        post: operations["createChecklistCategory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checklist/categories/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Put the categories in a new order (every category, once) */
        put: operations["orderChecklistCategories"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checklist/categories/{categoryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an empty category */
        delete: operations["deleteChecklistCategory"];
        options?: never;
        head?: never;
        /** Rename a category (If-Match: its ETag) */
        patch: operations["renameChecklistCategory"];
        trace?: never;
    };
    "/api/v1/checklist/categories/{categoryId}/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Put a category's items in a new order: their step numbers become 1, 2, 3… */
        put: operations["orderChecklistItems"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checklist/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an item at the end of its category */
        post: operations["createChecklistItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checklist/items/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an item; finished rounds keep it in their record */
        delete: operations["deleteChecklistItem"];
        options?: never;
        head?: never;
        /** Change an item (If-Match: its ETag); finished rounds keep what they recorded */
        patch: operations["updateChecklistItem"];
        trace?: never;
    };
    "/api/v1/checklist/readiness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether each house is ready, from its current round (houses with no round yet are ready) */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/houses/{houseId}/checklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The house's current round: categories with their items, progress and readiness */
        get: operations["getHouseChecklist"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/houses/{houseId}/checklist/items/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Tick or untick an item of the current round; the same call twice changes nothing */
        put: operations["setChecklistItem"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/houses/{houseId}/checklist/rounds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The house's turnover rounds, latest first */
        get: operations["listTurnoverRounds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/houses/{houseId}/checklist/rounds/{roundId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One round as it was done, with the log of every tick and untick */
        get: operations["getTurnoverRound"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/operations/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The day's arrivals, departures, stays under way, turnovers to do by the next arrival, and houses not ready for a guest arriving within a day (date defaults to today where the organization is) */
        get: operations["getDailyOperations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/houses/{houseId}/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A house's channel feeds (iCal imports), with their state */
        get: operations["listChannels"];
        put?: never;
        /** Import a channel's iCal feed into a house; it is synced at once, then periodically */
        post: operations["createChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{channelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One channel feed */
        get: operations["getChannel"];
        put?: never;
        post?: never;
        /** Stop importing a feed: its upcoming blocks go, its stays stay */
        delete: operations["deleteChannel"];
        options?: never;
        head?: never;
        /** Rename a channel feed or change its address (If-Match: its ETag); a new address is synced at once */
        patch: operations["updateChannel"];
        trace?: never;
    };
    "/api/v1/channels/{channelId}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sync a feed now; 409 while another sync of it runs. confirmCancellations applies a feed refused for dropping too many stays */
        post: operations["syncChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{channelId}/syncs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A feed's sync log, newest first */
        get: operations["listChannelSyncs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channel-conflicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Feed events kept out because their nights are taken, both sides named (of one house or all) */
        get: operations["listChannelConflicts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/houses/{houseId}/ical-export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The secret URLs of a house's calendar, one per channel, to paste into each channel */
        get: operations["listIcalExports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/houses/{houseId}/ical-export/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New secret export URLs (all, or one channel): the old ones stop working */
        post: operations["rotateIcalExports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ical/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A house's calendar for a channel to import (the secret URL is the credential) */
        get: operations["getIcalExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/maintenance/issues/{issueId}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The files attached, oldest first */
        get: operations["listMaintenanceIssueAttachments"];
        put?: never;
        /** Attach a file (multipart/form-data: "file" and optionally "kind"). Photos are re-encoded upright without metadata; 413 over the size or pixel limit, 415 for any other type */
        post: operations["uploadMaintenanceIssueAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/houses/{houseId}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The files attached, oldest first */
        get: operations["listHouseAttachments"];
        put?: never;
        /** Attach a file (multipart/form-data: "file" and optionally "kind"). Photos are re-encoded upright without metadata; 413 over the size or pixel limit, 415 for any other type */
        post: operations["uploadHouseAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ledger/{entryId}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The files attached, oldest first */
        get: operations["listLedgerEntryAttachments"];
        put?: never;
        /** Attach a file (multipart/form-data: "file" and optionally "kind"). Photos are re-encoded upright without metadata; 413 over the size or pixel limit, 415 for any other type */
        post: operations["uploadLedgerEntryAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One file's description */
        get: operations["getAttachment"];
        put?: never;
        post?: never;
        /** Remove a file (staff: only the files they uploaded) */
        delete: operations["deleteAttachment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attachments/{attachmentId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A file's bytes (or its photo's thumbnail): photos inline, anything else as a download, in a sandbox either way */
        get: operations["getAttachmentContent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/maintenance/types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The kinds of maintenance work, with their French and English labels */
        get: operations["listMaintenanceTypes"];
        put?: never;
        /** Add a kind of maintenance work */
        post: operations["createMaintenanceType"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/maintenance/types/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One kind of maintenance work */
        get: operations["getMaintenanceType"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Relabel, reorder or retire a kind of maintenance work */
        patch: operations["updateMaintenanceType"];
        trace?: never;
    };
    "/api/v1/maintenance/issues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Work orders, newest first */
        get: operations["listMaintenanceIssues"];
        put?: never;
        /** Report a work order; with block, the house is blocked on those dates in the same transaction (409 naming a stay in the way) */
        post: operations["createMaintenanceIssue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/maintenance/issues/{issueId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One work order */
        get: operations["getMaintenanceIssue"];
        put?: never;
        post?: never;
        /** Delete a work order entered by mistake (not one whose cost was posted); its block and files go */
        delete: operations["deleteMaintenanceIssue"];
        options?: never;
        head?: never;
        /** Change a work order or its status (If-Match: its ETag); resolving or cancelling ends its block. Staff change status, description and resolution note only */
        patch: operations["updateMaintenanceIssue"];
        trace?: never;
    };
    "/api/v1/maintenance/issues/{issueId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every change of a work order: who, when, before and after */
        get: operations["getMaintenanceIssueHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ledger entries, oldest first, with the totals of every entry the filters select */
        get: operations["listLedgerEntries"];
        put?: never;
        /** Enter an income or an expense by hand (409 in a closed month) */
        post: operations["createLedgerEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ledger/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The entries as CSV for the accountant: UTF-8 with a byte order mark; decimal=comma for French spreadsheets (semicolons between fields) */
        get: operations["exportLedger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ledger/{entryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One ledger entry, with the adjustments that correct it */
        get: operations["getLedgerEntry"];
        put?: never;
        post?: never;
        /** Delete an entry made by hand; a system entry is 409 */
        delete: operations["deleteLedgerEntry"];
        options?: never;
        head?: never;
        /** Change an entry made by hand (If-Match: its ETag); a system entry is 409: adjust it instead */
        patch: operations["updateLedgerEntry"];
        trace?: never;
    };
    "/api/v1/ledger/{entryId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every change of an entry made by hand: who, when, before and after */
        get: operations["getLedgerEntryHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ledger/{entryId}/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Correct an entry by a new one linked to it (the only way to correct a system entry) */
        post: operations["adjustLedgerEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{reservationId}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stay's payments, what is due and the deposit held */
        get: operations["listReservationPayments"];
        put?: never;
        /** Record a payment of a stay: posted to the ledger and moved onto the stay's advancePaid and balanceDue in one transaction */
        post: operations["recordReservationPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/finance/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Income, expense and net per month or per house over [from, to); deposits held are not income */
        get: operations["getFinanceSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/finance/closings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The closed months, newest first */
        get: operations["listFinanceClosings"];
        put?: never;
        /** Close a month: any write dated in it is then 409 */
        post: operations["closeFinanceMonth"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/finance/closings/{month}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Reopen a closed month (recorded) */
        delete: operations["reopenFinanceMonth"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/houses/{houseId}/tourist-tax": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The house's tourist tax rule (404 when it has none) */
        get: operations["getTouristTaxRule"];
        /** Set the house's tourist tax: an amount per adult and night, or a percentage of the price per person and night with a cap */
        put: operations["setTouristTaxRule"];
        post?: never;
        /** Remove the house's tourist tax rule */
        delete: operations["deleteTouristTaxRule"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{reservationId}/tourist-tax": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a stay's tourist tax as collected, once: by the manager it is posted to the ledger, by the platform only recorded */
        post: operations["recordTouristTax"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/occupancy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Occupancy, revenue, ADR and RevPAR over [from, to), per month, house or site, as API.md defines them; beyond API.md: groupBy=site, compare=previous-year (previousYear), and per row stays, averageStay, leadTime and the ledger’s income, expense and net */
        get: operations["getOccupancy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/pace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Booking pace: nights and revenue on the books for this month and the next ones, beside the same months a year earlier as they stood on the same day a year earlier */
        get: operations["getBookingPace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/houses/{houseId}/owner-contracts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The owner contracts of a house (the manager’s commission), oldest first */
        get: operations["listOwnerContracts"];
        put?: never;
        /** A contract from a month on (409 month-closed when it would change a closed month, contract-exists for the same month) */
        post: operations["createOwnerContract"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner-contracts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One owner contract */
        get: operations["getOwnerContract"];
        put?: never;
        post?: never;
        /** Remove a contract (409 month-closed when a month it is in force in is closed) */
        delete: operations["deleteOwnerContract"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner-statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A house’s owner statement of a month: JSON, or a PDF (Accept: application/pdf or format=pdf), or CSV (format=csv); a closed month’s is the same every time */
        get: operations["getOwnerStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every change to every entity: who, when, what, before and after; newest first */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The matching entries as CSV (UTF-8 with a byte order mark), newest first */
        get: operations["exportAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's notifications in this organization, newest first, with the unread count */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark some of the caller's notifications read ({ ids }), or all ({ all: true }); ids that are not the caller's change nothing */
        post: operations["markNotificationsRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's choices per kind (in the app, by email) and the digest; the organization's defaults until they choose */
        get: operations["getNotificationPreferences"];
        /** Replace the caller's choices */
        put: operations["putNotificationPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events for the caller: `change` ({ entityType, entityId, action }) for the changes of the organization (not to owners; staff not of money), `notification` (a Notification) for their own, `reset` ({ reason }) when the events since Last-Event-ID cannot be replayed (reload everything); each with an id usable as Last-Event-ID; a comment at least every 25 s */
        get: operations["streamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Problem
         * @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId.
         */
        Problem: {
            /** @description A URN naming the kind of problem, e.g. urn:staykeep:problem:not-found */
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            /** @description What is wrong with each field */
            errors?: {
                /** @description The field: body.name, querystring.to, headers.idempotency-key… */
                path: string;
                /** @description What is wrong, for clients to translate; new codes may appear (treat as invalid). */
                code: "required" | "unknown-property" | "wrong-type" | "too-short" | "too-long" | "too-small" | "too-large" | "too-few" | "too-many" | "not-allowed" | "invalid-format" | "invalid-email" | "invalid-date" | "invalid-id" | "control-characters" | "invalid-amount" | "invalid-time-zone" | "invalid-country" | "invalid-cursor" | "invalid-token" | "wrong-password" | "common-password" | "before-start" | "too-many-nights" | "too-many-days" | "more-than-total" | "less-than-paid" | "more-than-due" | "more-than-paid" | "more-than-held" | "too-many-guests" | "not-a-member" | "invalid";
                /** @description The same in English, without its subject: "is required". */
                message: string;
                /** @description too-short, too-long, too-small, too-large… */
                limit?: number;
                /** @description not-allowed: the values accepted */
                allowed?: string[];
                /** @description wrong-type: the JSON types accepted */
                expected?: string[];
                /** @description invalid-format: the format expected */
                format?: string;
                /** @description before-start: the field the value must follow */
                field?: string;
            }[];
        } & {
            [key: string]: unknown;
        };
        /** FieldError */
        FieldError: {
            /** @description The field: body.name, querystring.to, headers.idempotency-key… */
            path: string;
            /** @description What is wrong, for clients to translate; new codes may appear (treat as invalid). */
            code: "required" | "unknown-property" | "wrong-type" | "too-short" | "too-long" | "too-small" | "too-large" | "too-few" | "too-many" | "not-allowed" | "invalid-format" | "invalid-email" | "invalid-date" | "invalid-id" | "control-characters" | "invalid-amount" | "invalid-time-zone" | "invalid-country" | "invalid-cursor" | "invalid-token" | "wrong-password" | "common-password" | "before-start" | "too-many-nights" | "too-many-days" | "more-than-total" | "less-than-paid" | "more-than-due" | "more-than-paid" | "more-than-held" | "too-many-guests" | "not-a-member" | "invalid";
            /** @description The same in English, without its subject: "is required". */
            message: string;
            /** @description too-short, too-long, too-small, too-large… */
            limit?: number;
            /** @description not-allowed: the values accepted */
            allowed?: string[];
            /** @description wrong-type: the JSON types accepted */
            expected?: string[];
            /** @description invalid-format: the format expected */
            format?: string;
            /** @description before-start: the field the value must follow */
            field?: string;
        };
        Instance: {
            /** @description The name this installation shows to its users */
            name: string;
            /** @description Staykeep version */
            version: string;
        };
        /** @enum {unknown} */
        JobStatus: "queued" | "running" | "done" | "failed";
        Job: {
            id: string;
            /** @description What the job does, e.g. email.send, turnovers.open */
            kind: string;
            status: components["schemas"]["JobStatus"];
            /** @description Attempts started so far */
            attempts: number;
            maxAttempts: number;
            /**
             * Format: date-time
             * @description When it runs next (queued), or ran last
             */
            runAt: string;
            /** @description The error of the last failed attempt */
            lastError: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            finishedAt: string | null;
        };
        JobList: {
            items: components["schemas"]["Job"][];
            /** @description Every job kept, whatever the filter */
            counts: {
                queued: number;
                running: number;
                failed: number;
            };
        };
        AdminUser: {
            id: string;
            email: string;
            name: string;
            locale: string;
            verified: boolean;
            instanceAdmin: boolean;
            lastLoginAt: string | null;
            /** Format: date-time */
            createdAt: string;
            active: boolean;
        };
        AdminUserList: {
            items: components["schemas"]["AdminUser"][];
            nextCursor: string | null;
        };
        /** @enum {unknown} */
        Role: "admin" | "manager" | "staff" | "owner";
        User: {
            id: string;
            email: string;
            name: string;
            locale: string;
            verified: boolean;
            instanceAdmin: boolean;
            lastLoginAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        Membership: {
            organizationId: string;
            organizationName: string;
            role: components["schemas"]["Role"];
        };
        Tokens: {
            /** @description JWT for the Authorization: Bearer header */
            accessToken: string;
            /** @description Opaque; also set as an httpOnly cookie */
            refreshToken: string;
            /** @enum {string} */
            tokenType: "bearer";
            /** @description Seconds until the access token expires */
            expiresIn: number;
            user: components["schemas"]["User"];
        };
        Me: {
            user: components["schemas"]["User"];
            memberships: components["schemas"]["Membership"][];
        };
        RegistrationPending: {
            /** @enum {string} */
            status: "pending-approval";
        };
        RegistrationRequest: {
            id: string;
            email: string;
            name: string;
            status: "pending" | "approved" | "rejected";
            /** Format: date-time */
            createdAt: string;
            decidedAt: string | null;
        };
        RegistrationRequestList: {
            items: components["schemas"]["RegistrationRequest"][];
            nextCursor: null;
        };
        TouristTaxDefault: {
            /**
             * @description per_night: rate per adult and night; percentage: percent of the price per person and night, at most cap per adult and night
             * @enum {unknown}
             */
            mode: "per_night" | "percentage";
            rate: string | null;
            percent: string | null;
            cap: string | null;
            /** @description The channels that collect the tax themselves */
            platformSources: ("direct" | "airbnb" | "booking" | "vrbo" | "other")[];
        };
        /** @description The notification preferences a new member starts with, per kind: in the app, by email */
        NotificationDefaults: {
            kinds: {
                stay_created: {
                    inApp: boolean;
                    email: boolean;
                };
                stay_changed: {
                    inApp: boolean;
                    email: boolean;
                };
                stay_cancelled: {
                    inApp: boolean;
                    email: boolean;
                };
                channel_conflict: {
                    inApp: boolean;
                    email: boolean;
                };
                channel_error: {
                    inApp: boolean;
                    email: boolean;
                };
                work_order_reported: {
                    inApp: boolean;
                    email: boolean;
                };
                work_order_assigned: {
                    inApp: boolean;
                    email: boolean;
                };
                work_order_urgent: {
                    inApp: boolean;
                    email: boolean;
                };
                work_order_resolved: {
                    inApp: boolean;
                    email: boolean;
                };
                house_not_ready: {
                    inApp: boolean;
                    email: boolean;
                };
                balance_due: {
                    inApp: boolean;
                    email: boolean;
                };
                turnover_overdue: {
                    inApp: boolean;
                    email: boolean;
                };
            };
            /** @description The daily email digest (managers) */
            digest: boolean;
        };
        OrganizationSettings: {
            name: string;
            /** @description ISO 4217; fixed once money is recorded */
            currency: string;
            /**
             * @description The default language: of emails to people without an account language of their own, such as invitations
             * @enum {unknown}
             */
            language: "fr" | "en";
            /** @description IANA time zone: new houses take it unless given their own */
            timezone: string;
            /** @description HH:MM: new houses take it unless given their own */
            checkInTime: string;
            /** @description HH:MM: new houses take it unless given their own */
            checkOutTime: string;
            /** @description The tourist tax of houses without a rule of their own; null: none. Absent for staff and owners (money) */
            touristTax?: components["schemas"]["TouristTaxDefault"] | null;
            notificationDefaults: components["schemas"]["NotificationDefaults"];
            /** @description Days the audit log keeps an entry; null keeps every entry for ever */
            auditRetentionDays: number | null;
            version: number;
            /** Format: date-time */
            updatedAt: string;
        };
        Organization: {
            id: string;
            name: string;
            /** @description ISO 4217 */
            currency: string;
            /** @description IANA time zone, e.g. Europe/Paris */
            timezone: string;
            locale: string;
            /** @description HH:MM: what a new house takes unless given its own */
            checkInTime: string;
            /** @description HH:MM: what a new house takes unless given its own */
            checkOutTime: string;
            role: components["schemas"]["Role"];
        };
        Member: {
            userId: string;
            email: string;
            name: string;
            role: components["schemas"]["Role"];
            /** Format: date-time */
            joinedAt: string;
            /** @description The houses an owner sees; empty for other roles, who see every house */
            houseIds: string[];
        };
        MemberList: {
            items: components["schemas"]["Member"][];
            nextCursor: string | null;
        };
        Invitation: {
            id: string;
            email: string;
            role: components["schemas"]["Role"];
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
        };
        InvitationList: {
            items: components["schemas"]["Invitation"][];
            nextCursor: null;
        };
        InvitationPreview: {
            organizationName: string;
            email: string;
            role: components["schemas"]["Role"];
            /** Format: date-time */
            expiresAt: string;
            status: "pending" | "accepted" | "expired";
        };
        ProviderId: "google" | "github" | "facebook" | "oidc";
        ProviderList: {
            items: {
                id: components["schemas"]["ProviderId"];
                name: string;
            }[];
        };
        LinkedProviderList: {
            items: {
                provider: components["schemas"]["ProviderId"];
                email: string | null;
                /** Format: date-time */
                linkedAt: string;
            }[];
        };
        Authorization: {
            /** @description Send the browser here */
            authorizationUrl: string;
        };
        /** @enum {unknown} */
        HouseType: "villa" | "apartment" | "room" | "guesthouse" | "other";
        House: {
            id: string;
            code: string;
            name: string;
            type: components["schemas"]["HouseType"];
            siteId: string | null;
            location: string | null;
            maxGuests: number;
            timezone: string;
            checkInTime: string;
            checkOutTime: string;
            status: "active" | "inactive";
            notes: string | null;
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            nightlyPrice: string | null;
        };
        HouseStaffView: {
            id: string;
            code: string;
            name: string;
            type: components["schemas"]["HouseType"];
            siteId: string | null;
            location: string | null;
            maxGuests: number;
            timezone: string;
            checkInTime: string;
            checkOutTime: string;
            status: "active" | "inactive";
            notes: string | null;
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        HouseList: {
            items: (components["schemas"]["House"] | components["schemas"]["HouseStaffView"])[];
            nextCursor: string | null;
        };
        Site: {
            id: string;
            name: string;
            address: string | null;
            notes: string | null;
            houseCount: number;
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        SiteList: {
            items: components["schemas"]["Site"][];
            nextCursor: string | null;
        };
        /**
         * @description A status changes only along `x-steps`; a manager may take back a step along `x-undo`
         * @enum {unknown}
         */
        ReservationStatus: "pending" | "confirmed" | "checked_in" | "checked_out" | "cancelled";
        /** @enum {unknown} */
        ReservationSource: "direct" | "airbnb" | "booking" | "vrbo" | "other";
        Reservation: {
            id: string;
            houseId: string;
            guestId: string;
            guestName: string;
            /** @description YYYY-MM-DD */
            checkIn: string;
            /** @description YYYY-MM-DD */
            checkOut: string;
            nights: number;
            guests: number;
            status: components["schemas"]["ReservationStatus"];
            source: components["schemas"]["ReservationSource"];
            externalRef: string | null;
            notes: string | null;
            cancellationReason: string | null;
            cancelledAt: string | null;
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            guestEmail: string | null;
            guestPhone: string | null;
            /** @description Two decimals, e.g. "150.00" */
            totalPrice: string;
            /** @description Two decimals, e.g. "150.00" */
            advancePaid: string;
            /** @description Two decimals, e.g. "150.00" */
            balanceDue: string;
        };
        ReservationLimitedView: {
            id: string;
            houseId: string;
            guestId: string;
            guestName: string;
            /** @description YYYY-MM-DD */
            checkIn: string;
            /** @description YYYY-MM-DD */
            checkOut: string;
            nights: number;
            guests: number;
            status: components["schemas"]["ReservationStatus"];
            source: components["schemas"]["ReservationSource"];
            externalRef: string | null;
            notes: string | null;
            cancellationReason: string | null;
            cancelledAt: string | null;
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ReservationList: {
            items: (components["schemas"]["Reservation"] | components["schemas"]["ReservationLimitedView"])[];
            nextCursor: string | null;
        };
        ReservationHistory: {
            items: {
                id: string;
                /** @description create | update | status (a step, an undo or a cancellation: before and after say which) | delete */
                action: string;
                /** Format: date-time */
                at: string;
                actorId: string | null;
                actorName: string | null;
                before: {
                    [key: string]: unknown;
                } | null;
                after: {
                    [key: string]: unknown;
                } | null;
            }[];
        };
        /** @enum {unknown} */
        BlockKind: "maintenance" | "owner" | "other" | "channel";
        Block: {
            id: string;
            houseId: string;
            /** @description YYYY-MM-DD */
            start: string;
            /** @description Exclusive, like a check-out */
            end: string;
            kind: components["schemas"]["BlockKind"];
            note: string | null;
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        BlockList: {
            items: components["schemas"]["Block"][];
            nextCursor: null;
        };
        Calendar: {
            /** @description YYYY-MM-DD */
            from: string;
            /** @description YYYY-MM-DD */
            to: string;
            houses: {
                houseId: string;
                code: string;
                name: string;
                reservations?: {
                    id: string;
                    guestName: string;
                    /** @description YYYY-MM-DD */
                    checkIn: string;
                    /** @description YYYY-MM-DD */
                    checkOut: string;
                    status: components["schemas"]["ReservationStatus"];
                    guests: number;
                    source: components["schemas"]["ReservationSource"];
                }[];
                blocks?: components["schemas"]["Block"][];
                days?: {
                    /** @description YYYY-MM-DD */
                    date: string;
                    status: "free" | "reserved" | "blocked";
                    reservationId?: string;
                    blockId?: string;
                }[];
            }[];
        };
        Guest: {
            id: string;
            name: string;
            email: string | null;
            phone: string | null;
            nationality: string | null;
            notes: string | null;
            anonymizedAt: string | null;
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        GuestList: {
            items: components["schemas"]["Guest"][];
            nextCursor: string | null;
        };
        GuestExport: {
            /** Format: date-time */
            exportedAt: string;
            guest: components["schemas"]["Guest"];
            reservations: components["schemas"]["Reservation"][];
        };
        /** @enum {unknown} */
        ChecklistItemType: "cleaning" | "inspection" | "upkeep";
        ChecklistTemplateItem: {
            id: string;
            categoryId: string;
            stepNumber: number;
            description: string;
            productRequired: string | null;
            type: components["schemas"]["ChecklistItemType"];
            appliesToAll: boolean;
            /** @description The houses it applies to when not all */
            houseIds: string[];
            active: boolean;
            version: number;
        };
        ChecklistTemplateCategory: {
            id: string;
            name: string;
            position: number;
            version: number;
            items: components["schemas"]["ChecklistTemplateItem"][];
        };
        ChecklistTemplate: {
            categories: components["schemas"]["ChecklistTemplateCategory"][];
        };
        TurnoverRound: {
            id: string;
            reservationId: string | null;
            /** Format: date-time */
            openedAt: string;
            completedAt: string | null;
            closedAt: string | null;
            /** @description Set when the next guest checked in before the round was done: it was closed as skipped */
            skipped: {
                /** Format: date-time */
                at: string;
                by: {
                    id: string;
                    name: string;
                } | null;
                /** @description The stay whose check-in closed it */
                reservationId: string | null;
            } | null;
            done: number;
            total: number;
        };
        HouseChecklist: {
            houseId: string;
            houseName: string;
            /** @description Every category of the round is done (a new house starts with an opening round, not ready) */
            ready: boolean;
            readySince: string | null;
            round: components["schemas"]["TurnoverRound"];
            nextArrival: {
                reservationId: string;
                checkIn: string;
            } | null;
            done: number;
            total: number;
            categories: {
                id: string;
                name: string;
                done: number;
                total: number;
                ready: boolean;
                readyAt: string | null;
                items: {
                    /** @description The template item */
                    id: string;
                    stepNumber: number;
                    description: string;
                    productRequired: string | null;
                    type: components["schemas"]["ChecklistItemType"];
                    completed: boolean;
                    completedAt: string | null;
                    completedBy: {
                        id: string;
                        name: string;
                    } | null;
                }[];
            }[];
        };
        TurnoverRoundDetail: {
            round: components["schemas"]["TurnoverRound"];
            categories: {
                id: string;
                name: string;
                done: number;
                total: number;
                ready: boolean;
                readyAt: string | null;
                items: {
                    /** @description The template item */
                    id: string;
                    stepNumber: number;
                    description: string;
                    productRequired: string | null;
                    type: components["schemas"]["ChecklistItemType"];
                    completed: boolean;
                    completedAt: string | null;
                    completedBy: {
                        id: string;
                        name: string;
                    } | null;
                }[];
            }[];
            log: {
                id: string;
                itemId: string;
                description: string | null;
                completed: boolean;
                /** Format: date-time */
                at: string;
                user: {
                    id: string;
                    name: string;
                } | null;
            }[];
        };
        TurnoverRoundList: {
            items: components["schemas"]["TurnoverRound"][];
            nextCursor: string | null;
        };
        HouseReadiness: {
            items: {
                houseId: string;
                ready: boolean;
                readySince: string | null;
                roundId: string;
                done: number;
                total: number;
            }[];
        };
        Turnover: {
            houseId: string;
            houseName: string;
            roundId: string;
            /** Format: date-time */
            openedAt: string;
            done: number;
            total: number;
            nextArrival: {
                reservationId: string;
                /** @description YYYY-MM-DD */
                checkIn: string;
            } | null;
        };
        PressingWorkOrder: {
            issueId: string;
            houseId: string;
            houseName: string;
            type: string;
            title: string;
            priority: components["schemas"]["MaintenancePriority"];
            status: components["schemas"]["MaintenanceStatus"];
            dueDate: string | null;
            nextArrival: {
                reservationId: string;
                /** @description YYYY-MM-DD */
                checkIn: string;
            };
        };
        DailyOperations: {
            /** @description YYYY-MM-DD */
            date: string;
            arrivals: (components["schemas"]["Reservation"] | components["schemas"]["ReservationLimitedView"])[];
            departures: (components["schemas"]["Reservation"] | components["schemas"]["ReservationLimitedView"])[];
            /** @description Stays that began before the day and end after it */
            inHouse: (components["schemas"]["Reservation"] | components["schemas"]["ReservationLimitedView"])[];
            /** @description Houses whose turnover is not done, most urgent first; never a house with guests in it (a stay under way, or a guest checked in who leaves after the day) */
            turnovers: components["schemas"]["Turnover"][];
            /** @description Houses not ready with an arrival on the day or the next */
            notReady: components["schemas"]["Turnover"][];
            /** @description Urgent and high-priority work orders not done on houses with an arrival within two days, the nearest arrival first */
            urgentWorkOrders: components["schemas"]["PressingWorkOrder"][];
        };
        /** @enum {unknown} */
        ChannelSource: "airbnb" | "booking" | "vrbo" | "other";
        /**
         * @description Why a sync changed nothing; empty_feed and too_many_cancellations can be overridden with confirmCancellations
         * @enum {unknown}
         */
        ChannelSyncErrorCode: "invalid_url" | "forbidden_address" | "fetch_failed" | "timeout" | "http_status" | "too_large" | "too_many_redirects" | "not_calendar" | "empty_feed" | "too_many_cancellations" | "unexpected";
        Channel: {
            id: string;
            houseId: string;
            name: string;
            source: components["schemas"]["ChannelSource"];
            url: string;
            /**
             * @description pending: not synced yet; ok: the last sync applied; error: it changed nothing (lastError)
             * @enum {unknown}
             */
            status: "pending" | "ok" | "error";
            lastError: string | null;
            lastErrorCode: components["schemas"]["ChannelSyncErrorCode"] | null;
            lastSyncAt: string | null;
            lastSuccessAt: string | null;
            /** Format: date-time */
            nextSyncAt: string;
            /** @description Events of the feed kept out by an overlap, open now */
            conflicts: number;
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ChannelList: {
            items: components["schemas"]["Channel"][];
        };
        ChannelSyncResult: {
            /** @enum {unknown} */
            status: "ok" | "error";
            /** Format: date-time */
            fetchedAt: string;
            /** @description Events read from the feed */
            events: number;
            created: number;
            updated: number;
            cancelled: number;
            /** @description Events of the feed in conflict after this sync */
            conflicts: number;
            error: string | null;
            errorCode: components["schemas"]["ChannelSyncErrorCode"] | null;
        };
        ChannelSync: {
            id: string;
            /** Format: date-time */
            startedAt: string;
            durationMs: number;
            /** @enum {unknown} */
            status: "ok" | "error";
            httpStatus: number | null;
            events: number;
            created: number;
            updated: number;
            cancelled: number;
            conflicts: number;
            error: string | null;
            errorCode: components["schemas"]["ChannelSyncErrorCode"] | null;
        };
        ChannelSyncList: {
            items: components["schemas"]["ChannelSync"][];
            nextCursor: null;
        };
        ChannelConflict: {
            channelId: string;
            channelName: string;
            source: components["schemas"]["ChannelSource"];
            houseId: string;
            /** @description The event's UID in the feed */
            uid: string;
            /** @enum {unknown} */
            kind: "stay" | "block";
            /** @description YYYY-MM-DD */
            start: string;
            /** @description YYYY-MM-DD */
            end: string;
            guestName: string | null;
            /** @description The imported stay, kept on its former dates, when the feed moved it into the overlap */
            reservationId: string | null;
            /** Format: date-time */
            since: string;
            other: {
                /** @enum {string} */
                type: "reservation";
                id: string;
                guestName: string;
                /** @description YYYY-MM-DD */
                checkIn: string;
                /** @description YYYY-MM-DD */
                checkOut: string;
                source: components["schemas"]["ReservationSource"];
            } | {
                /** @enum {string} */
                type: "block";
                id: string;
                kind: components["schemas"]["BlockKind"];
                /** @description YYYY-MM-DD */
                start: string;
                /** @description YYYY-MM-DD */
                end: string;
            } | null;
        };
        ChannelConflictList: {
            items: components["schemas"]["ChannelConflict"][];
        };
        IcalExportList: {
            items: {
                channel: components["schemas"]["ChannelSource"];
                /** @description Secret: whoever has it reads the dates (never the guests) */
                url: string;
            }[];
        };
        /**
         * @description photo (the default for images), invoice, receipt or document (the default for PDFs)
         * @enum {unknown}
         */
        AttachmentKind: "photo" | "invoice" | "receipt" | "document";
        Attachment: {
            id: string;
            kind: components["schemas"]["AttachmentKind"];
            /** @description The name of the user's file, as text (never a path) */
            fileName: string;
            /** @description Decided from the bytes: image/jpeg, image/png, image/webp or application/pdf */
            contentType: string;
            /** @description Bytes, as stored (a photo is re-encoded) */
            size: number;
            /** @description Pixels, upright; null for a PDF */
            width: number | null;
            height: number | null;
            /** Format: date-time */
            createdAt: string;
            /** @description The user who uploaded it */
            createdBy: string | null;
            /** @description Where its bytes are read (with the same credentials) */
            url: string;
            /** @description A small WebP of a photo; null for a PDF */
            thumbnailUrl: string | null;
        };
        AttachmentList: {
            items: components["schemas"]["Attachment"][];
            nextCursor: null;
        };
        /** @enum {unknown} */
        MaintenancePriority: "low" | "normal" | "high" | "urgent";
        /**
         * @description open → in_progress ⇄ on_hold → resolved, or cancelled; resolved and cancelled are final (a recurrence is a new work order)
         * @enum {unknown}
         */
        MaintenanceStatus: "open" | "in_progress" | "on_hold" | "resolved" | "cancelled";
        MaintenanceType: {
            code: string;
            labelEn: string;
            labelFr: string;
            /** @description Inactive types stay on the work orders that have them, and are not offered */
            active: boolean;
            position: number;
        };
        MaintenanceTypeList: {
            items: components["schemas"]["MaintenanceType"][];
        };
        /** @description Costs are left out for staff, who see no money */
        MaintenanceIssue: {
            id: string;
            houseId: string;
            type: string;
            title: string;
            description: string | null;
            priority: components["schemas"]["MaintenancePriority"];
            status: components["schemas"]["MaintenanceStatus"];
            /** Format: date-time */
            reportedAt: string;
            /** @description The member who reported it (or wrote down what a guest said) */
            reportedBy: string | null;
            reportedByName: string | null;
            /** @description A guest reported it; reportedBy wrote it down */
            reportedByGuest: boolean;
            assigneeUserId: string | null;
            /** @description The assigned member's name, or an outside contractor's */
            assigneeName: string | null;
            /** @description An outside contractor's phone */
            assigneePhone: string | null;
            /** @description YYYY-MM-DD */
            dueDate: string | null;
            /** Format: date-time */
            resolvedAt: string | null;
            resolutionNote: string | null;
            /** @description Two decimals, e.g. "150.00" */
            laborCost?: string;
            /** @description Two decimals, e.g. "150.00" */
            materialsCost?: string;
            /** @description Two decimals, e.g. "150.00" */
            totalCost?: string;
            blockId: string | null;
            /** @description The maintenance block on the calendar while the house cannot be let */
            block: {
                id: string;
                /** @description YYYY-MM-DD */
                start: string;
                /** @description YYYY-MM-DD */
                end: string;
            } | null;
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        MaintenanceIssueList: {
            items: components["schemas"]["MaintenanceIssue"][];
            nextCursor: string | null;
        };
        MaintenanceHistory: {
            items: {
                id: string;
                /** @description create | update | status | delete */
                action: string;
                /** Format: date-time */
                at: string;
                actorId: string | null;
                actorName: string | null;
                before: {
                    [key: string]: unknown;
                } | null;
                after: {
                    [key: string]: unknown;
                } | null;
            }[];
        };
        /** @enum {unknown} */
        LedgerEntryType: "income" | "expense";
        /**
         * @description deposit and deposit_return are security deposits held for guests: listed, never counted as income or expense
         * @enum {unknown}
         */
        LedgerCategory: "rent" | "cleaning_fee" | "extra" | "tourist_tax" | "channel_fee" | "commission" | "deposit" | "deposit_return" | "refund" | "maintenance" | "supplies" | "utilities" | "insurance" | "tax" | "other";
        /** @enum {unknown} */
        LedgerOrigin: "reservation" | "maintenance" | "manual" | "adjustment";
        /**
         * @description advance and balance are paid towards the price, refund gives some back; deposit is held, then returned (deposit_return) or kept (deposit_kept: it becomes income)
         * @enum {unknown}
         */
        PaymentKind: "advance" | "balance" | "deposit" | "deposit_return" | "deposit_kept" | "refund";
        /** @enum {unknown} */
        PaymentMethod: "cash" | "bank_transfer" | "card" | "check" | "platform" | "other";
        LedgerEntry: {
            id: string;
            /** @description null: an entry of the whole organization */
            houseId: string | null;
            /** @description YYYY-MM-DD */
            date: string;
            type: components["schemas"]["LedgerEntryType"];
            category: components["schemas"]["LedgerCategory"];
            description: string;
            /** @description Positive: type says which way the money went */
            amount: string;
            origin: components["schemas"]["LedgerOrigin"];
            reservationId: string | null;
            maintenanceIssueId: string | null;
            /** @description The payment of a stay that posted it */
            paymentId: string | null;
            /** @description The entry this one corrects */
            adjustsEntryId: string | null;
            /** @description Posted by the system: never edited or deleted (409), corrected by an adjustment */
            system: boolean;
            /** @description A security deposit held for a guest: outside income and expense */
            held: boolean;
            /** Format: date-time */
            createdAt: string;
            createdBy: string | null;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        LedgerEntryList: {
            items: components["schemas"]["LedgerEntry"][];
            nextCursor: string | null;
            /** @description Over every entry the filters select, not only this page */
            totals: {
                /** @description Two decimals, e.g. "150.00" */
                income: string;
                /** @description Two decimals, e.g. "150.00" */
                expense: string;
                /** @description Two decimals, e.g. "150.00" */
                net: string;
                /** @description Deposits taken less those returned or kept, over the same entries */
                held: string;
            };
        };
        LedgerEntryDetail: components["schemas"]["LedgerEntry"] & {
            /** @description The entries that correct this one */
            adjustments: components["schemas"]["LedgerEntry"][];
        };
        LedgerHistory: {
            items: {
                id: string;
                /** @description create | update | delete */
                action: string;
                /** Format: date-time */
                at: string;
                actorId: string | null;
                actorName: string | null;
                before: {
                    [key: string]: unknown;
                } | null;
                after: {
                    [key: string]: unknown;
                } | null;
            }[];
        };
        StayTouristTax: {
            /** @description Adults counted: the stay’s guests unless told otherwise when recorded */
            adults: number;
            nights: number;
            /** @description Two decimals, e.g. "150.00" */
            perAdultNight: string;
            /** @description Two decimals, e.g. "150.00" */
            amount: string;
            /**
             * @description Who collects it: the platform for the channels the house names, the manager otherwise
             * @enum {unknown}
             */
            collectedBy: "manager" | "platform";
            /** @description Recorded as collected; null until then */
            collected: {
                adults: number;
                /** @description Two decimals, e.g. "150.00" */
                amount: string;
                /** @enum {unknown} */
                collectedBy: "manager" | "platform";
                /** @description YYYY-MM-DD */
                date: string;
                /** Format: date-time */
                createdAt: string;
            } | null;
        };
        Payment: {
            id: string;
            reservationId: string;
            houseId: string;
            /** @description YYYY-MM-DD */
            date: string;
            kind: components["schemas"]["PaymentKind"];
            /** @description Two decimals, e.g. "150.00" */
            amount: string;
            method: components["schemas"]["PaymentMethod"] | null;
            note: string | null;
            /** Format: date-time */
            createdAt: string;
            createdBy: string | null;
            createdByName: string | null;
        };
        PaymentList: {
            items: components["schemas"]["Payment"][];
            /** @description Two decimals, e.g. "150.00" */
            totalPrice: string;
            /** @description Paid towards the price: advances and balances less refunds */
            advancePaid: string;
            /** @description Two decimals, e.g. "150.00" */
            balanceDue: string;
            /** @description Deposits taken less those returned or kept */
            depositHeld: string;
            /** @description The tourist tax of the stay; null when its house has no rule */
            touristTax: components["schemas"]["StayTouristTax"] | null;
        };
        FinanceClosing: {
            /** @description YYYY-MM */
            month: string;
            /** Format: date-time */
            closedAt: string;
            closedBy: string | null;
            closedByName: string | null;
        };
        FinanceClosingList: {
            items: components["schemas"]["FinanceClosing"][];
        };
        FinanceSummary: {
            /** @description ISO 4217 */
            currency: string;
            /** @description YYYY-MM-DD */
            from: string;
            /** @description YYYY-MM-DD */
            to: string;
            rows: {
                /** @description groupBy=house; null: the whole organization */
                houseId?: string | null;
                /** @description groupBy=month: YYYY-MM */
                month?: string;
                /** @description Two decimals, e.g. "150.00" */
                income: string;
                /** @description Two decimals, e.g. "150.00" */
                expense: string;
                /** @description Two decimals, e.g. "150.00" */
                net: string;
            }[];
            totals: {
                /** @description Two decimals, e.g. "150.00" */
                income: string;
                /** @description Two decimals, e.g. "150.00" */
                expense: string;
                /** @description Two decimals, e.g. "150.00" */
                net: string;
                /** @description Deposits taken less those returned or kept, over the same entries */
                held: string;
            };
        };
        TouristTaxRule: {
            houseId: string;
            /**
             * @description per_night: rate per adult and night; percentage: percent of the price per person and night, at most cap per adult and night
             * @enum {unknown}
             */
            mode: "per_night" | "percentage";
            rate: string | null;
            percent: string | null;
            cap: string | null;
            /** @description The channels that collect the tax themselves on this house’s stays */
            platformSources: ("direct" | "airbnb" | "booking" | "vrbo" | "other")[];
            /** Format: date-time */
            updatedAt: string;
        };
        Occupancy: {
            /** @description YYYY-MM-DD */
            from: string;
            /** @description YYYY-MM-DD */
            to: string;
            /** @enum {unknown} */
            groupBy: "month" | "house" | "site";
            rows: {
                /** @description groupBy=month: YYYY-MM */
                month?: string;
                /** @description groupBy=house */
                houseId?: string;
                /** @description groupBy=site; null: the houses without a site */
                siteId?: string | null;
                /** @description Calendar nights of the houses, from each house’s in-service date */
                nights: number;
                /** @description Nights of non-cancelled stays */
                bookedNights: number;
                /** @description Nights under owner or maintenance blocks */
                blockedNights: number;
                /** @description nights − blockedNights */
                availableNights: number;
                /** @description bookedNights / availableNights, 4 decimals; 0 when nothing is available */
                occupancy: number;
                /** @description The stays’ prices spread evenly over their nights, counting the nights in range */
                revenue: string;
                /** @description revenue / bookedNights, rounded half-up to the cent */
                adr: string;
                /** @description revenue / availableNights, rounded half-up to the cent */
                revpar: string;
                /** @description Non-cancelled stays arriving in the range */
                stays: number;
                /** @description Their average length in nights, 2 decimals */
                averageStay: number;
                /** @description Their average days from booking (in the house’s time zone) to check-in, 1 decimal */
                leadTime: number;
                /** @description Ledger income of the houses dated in range (deposits held apart) */
                income: string;
                /** @description Ledger expense of the houses dated in range */
                expense: string;
                /** @description income − expense */
                net: string;
            }[];
            totals: {
                /** @description Calendar nights of the houses, from each house’s in-service date */
                nights: number;
                /** @description Nights of non-cancelled stays */
                bookedNights: number;
                /** @description Nights under owner or maintenance blocks */
                blockedNights: number;
                /** @description nights − blockedNights */
                availableNights: number;
                /** @description bookedNights / availableNights, 4 decimals; 0 when nothing is available */
                occupancy: number;
                /** @description The stays’ prices spread evenly over their nights, counting the nights in range */
                revenue: string;
                /** @description revenue / bookedNights, rounded half-up to the cent */
                adr: string;
                /** @description revenue / availableNights, rounded half-up to the cent */
                revpar: string;
                /** @description Non-cancelled stays arriving in the range */
                stays: number;
                /** @description Their average length in nights, 2 decimals */
                averageStay: number;
                /** @description Their average days from booking (in the house’s time zone) to check-in, 1 decimal */
                leadTime: number;
                /** @description Ledger income of the houses dated in range (deposits held apart) */
                income: string;
                /** @description Ledger expense of the houses dated in range */
                expense: string;
                /** @description income − expense */
                net: string;
            };
            previousYear?: {
                /** @description YYYY-MM-DD */
                from: string;
                /** @description YYYY-MM-DD */
                to: string;
                rows: {
                    /** @description groupBy=month: YYYY-MM */
                    month?: string;
                    /** @description groupBy=house */
                    houseId?: string;
                    /** @description groupBy=site; null: the houses without a site */
                    siteId?: string | null;
                    /** @description Calendar nights of the houses, from each house’s in-service date */
                    nights: number;
                    /** @description Nights of non-cancelled stays */
                    bookedNights: number;
                    /** @description Nights under owner or maintenance blocks */
                    blockedNights: number;
                    /** @description nights − blockedNights */
                    availableNights: number;
                    /** @description bookedNights / availableNights, 4 decimals; 0 when nothing is available */
                    occupancy: number;
                    /** @description The stays’ prices spread evenly over their nights, counting the nights in range */
                    revenue: string;
                    /** @description revenue / bookedNights, rounded half-up to the cent */
                    adr: string;
                    /** @description revenue / availableNights, rounded half-up to the cent */
                    revpar: string;
                    /** @description Non-cancelled stays arriving in the range */
                    stays: number;
                    /** @description Their average length in nights, 2 decimals */
                    averageStay: number;
                    /** @description Their average days from booking (in the house’s time zone) to check-in, 1 decimal */
                    leadTime: number;
                    /** @description Ledger income of the houses dated in range (deposits held apart) */
                    income: string;
                    /** @description Ledger expense of the houses dated in range */
                    expense: string;
                    /** @description income − expense */
                    net: string;
                }[];
                totals: {
                    /** @description Calendar nights of the houses, from each house’s in-service date */
                    nights: number;
                    /** @description Nights of non-cancelled stays */
                    bookedNights: number;
                    /** @description Nights under owner or maintenance blocks */
                    blockedNights: number;
                    /** @description nights − blockedNights */
                    availableNights: number;
                    /** @description bookedNights / availableNights, 4 decimals; 0 when nothing is available */
                    occupancy: number;
                    /** @description The stays’ prices spread evenly over their nights, counting the nights in range */
                    revenue: string;
                    /** @description revenue / bookedNights, rounded half-up to the cent */
                    adr: string;
                    /** @description revenue / availableNights, rounded half-up to the cent */
                    revpar: string;
                    /** @description Non-cancelled stays arriving in the range */
                    stays: number;
                    /** @description Their average length in nights, 2 decimals */
                    averageStay: number;
                    /** @description Their average days from booking (in the house’s time zone) to check-in, 1 decimal */
                    leadTime: number;
                    /** @description Ledger income of the houses dated in range (deposits held apart) */
                    income: string;
                    /** @description Ledger expense of the houses dated in range */
                    expense: string;
                    /** @description income − expense */
                    net: string;
                };
            };
        };
        Pace: {
            /** @description Today in the organization’s time zone */
            asOf: string;
            rows: {
                /** @description YYYY-MM */
                month: string;
                /** @description Nights of the month booked */
                bookedNights: number;
                /** @description Their share of the stays’ prices */
                revenue: string;
                /** @description The same month a year earlier, as it was on the books the same day a year earlier (stays created by then and not cancelled by then) */
                lastYear: {
                    /** @description Nights of the month booked */
                    bookedNights: number;
                    /** @description Their share of the stays’ prices */
                    revenue: string;
                };
            }[];
        };
        OwnerContract: {
            id: string;
            houseId: string;
            /** @description YYYY-MM: in force from this month until the next contract */
            effectiveFrom: string;
            /** @description Percent of the stays’ accommodation price, two decimals: "20.00" */
            accommodationRate: string;
            /** @description Percent of the house’s income, tourist tax left out, two decimals: "20.00" */
            incomeRate: string;
            note: string | null;
            /** Format: date-time */
            createdAt: string;
            createdBy: string | null;
        };
        OwnerContractList: {
            /** @description Oldest first */
            items: components["schemas"]["OwnerContract"][];
        };
        OwnerStatement: {
            houseId: string;
            houseCode: string;
            houseName: string;
            organizationName: string;
            /** @description YYYY-MM */
            month: string;
            currency: string;
            /** @description The month’s books are closed: the statement is the one first printed under this closing */
            closed: boolean;
            /** @description The contract in force in the month: the latest from this month or before */
            contract: components["schemas"]["OwnerContract"] | null;
            /** @description Non-cancelled stays with nights in the month */
            stays: {
                reservationId: string;
                /** @description YYYY-MM-DD */
                checkIn: string;
                /** @description YYYY-MM-DD */
                checkOut: string;
                /** @description Nights of the stay inside the month */
                nights: number;
                /** @enum {unknown} */
                source: "direct" | "airbnb" | "booking" | "vrbo" | "other";
                guestName: string;
                /** @description The share of the stay’s price on its nights in the month (spread evenly over its nights) */
                accommodation: string;
            }[];
            /** @description The house’s ledger entries dated in the month */
            entries: {
                id: string;
                /** @description YYYY-MM-DD */
                date: string;
                /** @enum {unknown} */
                type: "income" | "expense";
                /** @enum {unknown} */
                category: "rent" | "cleaning_fee" | "extra" | "tourist_tax" | "channel_fee" | "commission" | "deposit" | "deposit_return" | "refund" | "maintenance" | "supplies" | "utilities" | "insurance" | "tax" | "other";
                description: string;
                /** @description Two decimals, e.g. "150.00" */
                amount: string;
                /** @description A security deposit held for a guest: listed, not summed */
                held: boolean;
                /** @enum {unknown} */
                origin: "reservation" | "maintenance" | "manual" | "adjustment";
            }[];
            /** @description The stays’ accommodation in the month */
            accommodation: string;
            /** @description Income entries, held deposits left out */
            income: string;
            /** @description Expense entries, held deposits left out */
            expense: string;
            /** @description Tourist tax collected (income of category tourist_tax): owed to the commune, no commission */
            touristTax: string;
            /** @description accommodationRate × accommodation + incomeRate × (income − touristTax), each rounded half up to the cent */
            commission: string;
            /** @description income − expense − commission: due to the owner (may be negative) */
            net: string;
            /** Format: date-time */
            generatedAt: string;
        };
        AuditEntry: {
            id: string;
            /** Format: date-time */
            at: string;
            /** @description null: the system (a channel sync, a scheduled job) */
            actorId: string | null;
            actorName: string | null;
            entityType: string;
            entityId: string;
            /** @description create | update | delete | status */
            action: string;
            /** @description The entity's recorded fields (camelCase) before or after the change; null for a creation's before or a deletion's after */
            before: {
                [key: string]: unknown;
            } | null;
            /** @description The entity's recorded fields (camelCase) before or after the change; null for a creation's before or a deletion's after */
            after: {
                [key: string]: unknown;
            } | null;
            requestId: string | null;
        };
        AuditList: {
            items: components["schemas"]["AuditEntry"][];
            nextCursor: string | null;
        };
        /** @enum {unknown} */
        NotificationKind: "stay_created" | "stay_changed" | "stay_cancelled" | "channel_conflict" | "channel_error" | "work_order_reported" | "work_order_assigned" | "work_order_urgent" | "work_order_resolved" | "house_not_ready" | "balance_due" | "turnover_overdue";
        Notification: {
            id: string;
            kind: components["schemas"]["NotificationKind"];
            /** @description In the member's language */
            title: string;
            body: string;
            /** @description reservation, maintenance_issue, house or channel */
            entityType: string | null;
            entityId: string | null;
            /** @description The web app's path of what it is about, e.g. /reservations/<id> */
            url: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            readAt: string | null;
        };
        NotificationList: {
            items: components["schemas"]["Notification"][];
            nextCursor: string | null;
            /** @description All the member's unread notifications in this organization */
            unreadCount: number;
        };
        NotificationDeliveryChoice: {
            inApp: boolean;
            email: boolean;
        };
        MemberNotificationPreferences: {
            kinds: {
                stay_created: components["schemas"]["NotificationDeliveryChoice"];
                stay_changed: components["schemas"]["NotificationDeliveryChoice"];
                stay_cancelled: components["schemas"]["NotificationDeliveryChoice"];
                channel_conflict: components["schemas"]["NotificationDeliveryChoice"];
                channel_error: components["schemas"]["NotificationDeliveryChoice"];
                work_order_reported: components["schemas"]["NotificationDeliveryChoice"];
                work_order_assigned: components["schemas"]["NotificationDeliveryChoice"];
                work_order_urgent: components["schemas"]["NotificationDeliveryChoice"];
                work_order_resolved: components["schemas"]["NotificationDeliveryChoice"];
                house_not_ready: components["schemas"]["NotificationDeliveryChoice"];
                balance_due: components["schemas"]["NotificationDeliveryChoice"];
                turnover_overdue: components["schemas"]["NotificationDeliveryChoice"];
            };
            /** @description The evening email of tomorrow (managers and admins) */
            digest: boolean;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getInstance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Instance"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listJobs: {
        parameters: {
            query: {
                status?: "queued" | "running" | "done" | "failed";
                /** @description Only jobs of this kind */
                kind?: string;
                limit: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retryJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: email
                     * @description Case-insensitive
                     */
                    email: string;
                    /**
                     * Format: password
                     * @description 8 to 128 characters
                     */
                    password: string;
                    /** Format: single-line */
                    name: string;
                    locale?: "en" | "fr";
                    /** Format: single-line */
                    organizationName?: string;
                    /**
                     * Format: token
                     * @description Join the inviting organization instead
                     */
                    invitationToken?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tokens"];
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistrationPending"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: single-line */
                    email: string;
                    /** Format: password */
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tokens"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: token */
                    refreshToken?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tokens"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: token */
                    refreshToken?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: token */
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resendVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: single-line */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    confirmPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: token */
                    token: string;
                    /**
                     * Format: password
                     * @description 8 to 128 characters
                     */
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRegistrationRequests: {
        parameters: {
            query?: {
                status?: "pending" | "approved" | "rejected";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistrationRequestList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    decideRegistrationRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                requestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    status: "approved" | "rejected";
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query: {
                /** @description Part of an email or a name */
                search?: string;
                limit: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    active?: boolean;
                    instanceAdmin?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUser"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrganizationSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationSettings"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOrganizationSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: single-line */
                    name?: string;
                    /** @description ISO 4217, e.g. EUR; refused (409) once money is recorded */
                    currency?: string;
                    /** @enum {unknown} */
                    language?: "fr" | "en";
                    /**
                     * Format: time-zone
                     * @description IANA time zone, e.g. Europe/Paris
                     */
                    timezone?: string;
                    /** @description Default check-in time of new houses (HH:MM, 24 h) */
                    checkInTime?: string;
                    /** @description Default check-out time of new houses (HH:MM, 24 h) */
                    checkOutTime?: string;
                    touristTax?: {
                        /** @enum {unknown} */
                        mode: "per_night" | "percentage";
                        rate?: (string | number) | null;
                        percent?: (string | number) | null;
                        cap?: (string | number) | null;
                        platformSources?: ("direct" | "airbnb" | "booking" | "vrbo" | "other")[];
                    } | null;
                    /** @description Merged into the current defaults: a kind or a choice left out keeps its value */
                    notificationDefaults?: {
                        kinds?: {
                            stay_created?: {
                                inApp?: boolean;
                                email?: boolean;
                            };
                            stay_changed?: {
                                inApp?: boolean;
                                email?: boolean;
                            };
                            stay_cancelled?: {
                                inApp?: boolean;
                                email?: boolean;
                            };
                            channel_conflict?: {
                                inApp?: boolean;
                                email?: boolean;
                            };
                            channel_error?: {
                                inApp?: boolean;
                                email?: boolean;
                            };
                            work_order_reported?: {
                                inApp?: boolean;
                                email?: boolean;
                            };
                            work_order_assigned?: {
                                inApp?: boolean;
                                email?: boolean;
                            };
                            work_order_urgent?: {
                                inApp?: boolean;
                                email?: boolean;
                            };
                            work_order_resolved?: {
                                inApp?: boolean;
                                email?: boolean;
                            };
                            house_not_ready?: {
                                inApp?: boolean;
                                email?: boolean;
                            };
                            balance_due?: {
                                inApp?: boolean;
                                email?: boolean;
                            };
                            turnover_overdue?: {
                                inApp?: boolean;
                                email?: boolean;
                            };
                        };
                        digest?: boolean;
                    };
                    auditRetentionDays?: number | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationSettings"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query: {
                limit: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {unknown} */
                    role: "admin" | "manager" | "staff" | "owner";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assignMemberHouses: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    houseIds: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    /** @enum {unknown} */
                    role: "admin" | "manager" | "staff" | "owner";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    previewInvitation: {
        parameters: {
            query: {
                token: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationPreview"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: token */
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Membership"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: single-line */
                    name?: string;
                    locale?: "en" | "fr";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: password */
                    currentPassword: string;
                    /**
                     * Format: password
                     * @description 8 to 128 characters
                     */
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tokens"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLoginProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startOAuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: single-line
                     * @description A path of the web app to return to
                     */
                    next?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Authorization"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startOAuthLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: single-line
                     * @description A path of the web app to return to
                     */
                    next?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Authorization"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    oauthCallback: {
        parameters: {
            query?: {
                code?: string;
                state?: string;
                error?: string;
            };
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLinkedProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkedProviderList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unlinkProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listHouses: {
        parameters: {
            query: {
                limit: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                siteId?: string;
                status?: "active" | "inactive";
                /** @description Part of the code or name */
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createHouse: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Lower-case letters, digits and dashes, like maison-1; unique in the organization */
                    code: string;
                    /** Format: single-line */
                    name: string;
                    /** @enum {unknown} */
                    type: "villa" | "apartment" | "room" | "guesthouse" | "other";
                    siteId?: string | null;
                    location?: string | null;
                    maxGuests: number;
                    nightlyPrice?: (string | number) | null;
                    /**
                     * Format: time-zone
                     * @description IANA time zone, e.g. Europe/Paris
                     */
                    timezone?: string;
                    /** @description HH:MM */
                    checkInTime?: string;
                    /** @description HH:MM */
                    checkOutTime?: string;
                    status?: "active" | "inactive";
                    notes?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["House"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHouse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["House"] | components["schemas"]["HouseStaffView"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteHouse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateHouse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Lower-case letters, digits and dashes, like maison-1; unique in the organization */
                    code?: string;
                    /** Format: single-line */
                    name?: string;
                    /** @enum {unknown} */
                    type?: "villa" | "apartment" | "room" | "guesthouse" | "other";
                    siteId?: string | null;
                    location?: string | null;
                    maxGuests?: number;
                    nightlyPrice?: (string | number) | null;
                    /**
                     * Format: time-zone
                     * @description IANA time zone, e.g. Europe/Paris
                     */
                    timezone?: string;
                    /** @description HH:MM */
                    checkInTime?: string;
                    /** @description HH:MM */
                    checkOutTime?: string;
                    status?: "active" | "inactive";
                    notes?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["House"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSites: {
        parameters: {
            query: {
                limit: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createSite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: single-line */
                    name: string;
                    address?: string | null;
                    notes?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteSite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateSite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: single-line */
                    name?: string;
                    address?: string | null;
                    notes?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listReservations: {
        parameters: {
            query: {
                limit: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                houseId?: string;
                siteId?: string;
                status?: "pending" | "confirmed" | "checked_in" | "checked_out" | "cancelled";
                source?: "direct" | "airbnb" | "booking" | "vrbo" | "other";
                guestId?: string;
                /** @description Stays that end after this date (0001-01-01 to 9999-12-31) */
                from?: string;
                /** @description Stays that begin before this date (exclusive, like a check-out) (0001-01-01 to 9999-12-31) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createReservation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: id */
                    houseId: string;
                    /** Format: id */
                    guestId?: string;
                    /** Format: single-line */
                    guestName?: string;
                    /** Format: email */
                    guestEmail?: string;
                    /** Format: single-line */
                    guestPhone?: string;
                    /**
                     * Format: calendar-date
                     * @description YYYY-MM-DD (0001-01-01 to 9999-12-31)
                     */
                    checkIn: string;
                    /**
                     * Format: calendar-date
                     * @description YYYY-MM-DD, after checkIn (0001-01-01 to 9999-12-31)
                     */
                    checkOut: string;
                    guests: number;
                    status?: "pending" | "confirmed";
                    /** @enum {unknown} */
                    source?: "direct" | "airbnb" | "booking" | "vrbo" | "other";
                    externalRef?: string | null;
                    /** @description The price of the whole stay. Left out: its nights at the house's nightly price (a house without a nightly price needs it: 400). 0 is a free stay. */
                    totalPrice?: string | number;
                    /** @description Paid on booking: recorded as an advance payment of the stay, dated today, with its ledger entry. */
                    advancePaid?: string | number;
                    notes?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReservation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reservationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"] | components["schemas"]["ReservationLimitedView"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteReservation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reservationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateReservation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reservationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: id */
                    houseId?: string;
                    /** Format: id */
                    guestId?: string;
                    /**
                     * Format: calendar-date
                     * @description YYYY-MM-DD (0001-01-01 to 9999-12-31)
                     */
                    checkIn?: string;
                    /**
                     * Format: calendar-date
                     * @description YYYY-MM-DD, after checkIn (0001-01-01 to 9999-12-31)
                     */
                    checkOut?: string;
                    guests?: number;
                    /** @enum {unknown} */
                    status?: "pending" | "confirmed" | "checked_in" | "checked_out" | "cancelled";
                    cancellationReason?: string | null;
                    /** @enum {unknown} */
                    source?: "direct" | "airbnb" | "booking" | "vrbo" | "other";
                    externalRef?: string | null;
                    /** @description An amount of zero or more: "150.00", "150.5" or 150.5 (at most two decimals) */
                    totalPrice?: string | number;
                    /** @description What the guest has paid in all: the difference is recorded as a payment of the stay dated today (an advance, a balance once arrived, or a refund), with its ledger entry. POST /reservations/{id}/payments records one with its own date and method. */
                    advancePaid?: string | number;
                    notes?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReservationHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reservationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationHistory"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCalendar: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD (0001-01-01 to 9999-12-31) */
                from: string;
                /** @description YYYY-MM-DD, exclusive like a check-out (0001-01-01 to 9999-12-31) */
                to: string;
                houseId?: string;
                siteId?: string;
                format?: "ranges" | "days";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Calendar"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAvailability: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD (0001-01-01 to 9999-12-31) */
                checkIn: string;
                /** @description YYYY-MM-DD, after checkIn (0001-01-01 to 9999-12-31) */
                checkOut: string;
                guests: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBlocks: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD (0001-01-01 to 9999-12-31) */
                from: string;
                /** @description YYYY-MM-DD, exclusive like a check-out (0001-01-01 to 9999-12-31) */
                to: string;
                houseId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createBlock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: id */
                    houseId: string;
                    /**
                     * Format: calendar-date
                     * @description YYYY-MM-DD (0001-01-01 to 9999-12-31)
                     */
                    start: string;
                    /**
                     * Format: calendar-date
                     * @description YYYY-MM-DD, exclusive like a check-out (0001-01-01 to 9999-12-31)
                     */
                    end: string;
                    /** @enum {unknown} */
                    kind: "maintenance" | "owner" | "other";
                    note?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Block"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBlock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                blockId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Block"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteBlock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                blockId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateBlock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                blockId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: calendar-date
                     * @description YYYY-MM-DD (0001-01-01 to 9999-12-31)
                     */
                    start?: string;
                    /**
                     * Format: calendar-date
                     * @description YYYY-MM-DD, exclusive like a check-out (0001-01-01 to 9999-12-31)
                     */
                    end?: string;
                    /** @enum {unknown} */
                    kind?: "maintenance" | "owner" | "other";
                    note?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Block"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGuests: {
        parameters: {
            query: {
                limit: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description Part of the name, email or phone */
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createGuest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: single-line */
                    name: string;
                    email?: string | null;
                    phone?: string | null;
                    nationality?: string | null;
                    notes?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Guest"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGuest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                guestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Guest"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteGuest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                guestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateGuest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                guestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: single-line */
                    name?: string;
                    email?: string | null;
                    phone?: string | null;
                    nationality?: string | null;
                    notes?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Guest"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    anonymizeGuest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                guestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Guest"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportGuest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                guestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestExport"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getChecklistTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplate"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addDefaultChecklist: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplate"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createChecklistCategory: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: single-line */
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplateCategory"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orderChecklistCategories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Every category, in the new order */
                    categoryIds: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplate"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteChecklistCategory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                categoryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    renameChecklistCategory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                categoryId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: single-line */
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplateCategory"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orderChecklistItems: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                categoryId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Every item of the category, in the new order */
                    itemIds: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplateCategory"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createChecklistItem: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: id */
                    categoryId: string;
                    /** Format: single-line */
                    description: string;
                    productRequired?: string | null;
                    /** @enum {unknown} */
                    type: "cleaning" | "inspection" | "upkeep";
                    /** @description true when omitted on create */
                    appliesToAll?: boolean;
                    houseIds?: string[];
                    active?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplateItem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteChecklistItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                itemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateChecklistItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                itemId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: id */
                    categoryId?: string;
                    /** Format: single-line */
                    description?: string;
                    productRequired?: string | null;
                    /** @enum {unknown} */
                    type?: "cleaning" | "inspection" | "upkeep";
                    /** @description true when omitted on create */
                    appliesToAll?: boolean;
                    houseIds?: string[];
                    active?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplateItem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseReadiness"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHouseChecklist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseChecklist"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setChecklistItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
                itemId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    completed: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseChecklist"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTurnoverRounds: {
        parameters: {
            query: {
                limit: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TurnoverRoundList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTurnoverRound: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TurnoverRoundDetail"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDailyOperations: {
        parameters: {
            query?: {
                /** @description The day, YYYY-MM-DD; today in the organization by default (0001-01-01 to 9999-12-31) */
                date?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DailyOperations"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChannels: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: single-line */
                    name: string;
                    /** @enum {unknown} */
                    source: "airbnb" | "booking" | "vrbo" | "other";
                    /**
                     * Format: single-line
                     * @description The channel's iCal export address (http or https)
                     */
                    url: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Channel"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channelId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Channel"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channelId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channelId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: single-line */
                    name?: string;
                    /** @enum {unknown} */
                    source?: "airbnb" | "booking" | "vrbo" | "other";
                    /**
                     * Format: single-line
                     * @description The channel's iCal export address (http or https)
                     */
                    url?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Channel"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    syncChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channelId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The stays the feed dropped are really cancelled: apply it even if it drops more than half */
                    confirmCancellations?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelSyncResult"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChannelSyncs: {
        parameters: {
            query: {
                limit: number;
            };
            header?: never;
            path: {
                channelId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelSyncList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChannelConflicts: {
        parameters: {
            query?: {
                houseId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelConflictList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listIcalExports: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IcalExportList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateIcalExports: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Only this one; all when absent
                     * @enum {unknown}
                     */
                    channel?: "airbnb" | "booking" | "vrbo" | "other";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IcalExportList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getIcalExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The secret of an export feed, optionally ending in .ics */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMaintenanceIssueAttachments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                issueId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttachmentList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    uploadMaintenanceIssueAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                issueId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** @description The file: a JPEG, PNG, WebP or HEIC photo, or a PDF. Its type is read from its bytes, never from its name */
                    file: unknown;
                    /**
                     * @description photo (the default for images; not for a PDF), invoice, receipt or document
                     * @enum {unknown}
                     */
                    kind?: "photo" | "invoice" | "receipt" | "document";
                } | null;
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attachment"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listHouseAttachments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttachmentList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    uploadHouseAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** @description The file: a JPEG, PNG, WebP or HEIC photo, or a PDF. Its type is read from its bytes, never from its name */
                    file: unknown;
                    /**
                     * @description photo (the default for images; not for a PDF), invoice, receipt or document
                     * @enum {unknown}
                     */
                    kind?: "photo" | "invoice" | "receipt" | "document";
                } | null;
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attachment"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLedgerEntryAttachments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttachmentList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    uploadLedgerEntryAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** @description The file: a JPEG, PNG, WebP or HEIC photo, or a PDF. Its type is read from its bytes, never from its name */
                    file: unknown;
                    /**
                     * @description photo (the default for images; not for a PDF), invoice, receipt or document
                     * @enum {unknown}
                     */
                    kind?: "photo" | "invoice" | "receipt" | "document";
                } | null;
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attachment"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attachment"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAttachmentContent: {
        parameters: {
            query: {
                /** @description original (the default) or thumbnail (photos only) */
                variant: "original" | "thumbnail";
            };
            header?: never;
            path: {
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with Content-Type, Content-Length and Content-Disposition */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                    "application/pdf": string;
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": components["schemas"]["Problem"];
                    "image/png": components["schemas"]["Problem"];
                    "image/webp": components["schemas"]["Problem"];
                    "application/pdf": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": components["schemas"]["Problem"];
                    "image/png": components["schemas"]["Problem"];
                    "image/webp": components["schemas"]["Problem"];
                    "application/pdf": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMaintenanceTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenanceTypeList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createMaintenanceType: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A code of GET /api/v1/maintenance/types, e.g. plumbing */
                    code: string;
                    /** Format: single-line */
                    labelEn: string;
                    /** Format: single-line */
                    labelFr: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenanceType"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMaintenanceType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A code of GET /api/v1/maintenance/types, e.g. plumbing */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenanceType"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMaintenanceType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A code of GET /api/v1/maintenance/types, e.g. plumbing */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: single-line */
                    labelEn?: string;
                    /** Format: single-line */
                    labelFr?: string;
                    active?: boolean;
                    position?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenanceType"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMaintenanceIssues: {
        parameters: {
            query: {
                limit: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                houseId?: string;
                /** @description One or more (repeat the parameter) */
                status?: ("open" | "in_progress" | "on_hold" | "resolved" | "cancelled")[];
                /** @description A code of GET /api/v1/maintenance/types, e.g. plumbing */
                type?: string;
                priority?: ("low" | "normal" | "high" | "urgent")[];
                assigneeUserId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenanceIssueList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createMaintenanceIssue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: id */
                    houseId: string;
                    /** @description A code of GET /api/v1/maintenance/types, e.g. plumbing */
                    type: string;
                    /** Format: single-line */
                    title: string;
                    description?: string | null;
                    /** @enum {unknown} */
                    priority?: "low" | "normal" | "high" | "urgent";
                    reportedByGuest?: boolean;
                    assigneeUserId?: string | null;
                    assigneeName?: string | null;
                    assigneePhone?: string | null;
                    dueDate?: string | null;
                    /** @description An amount of zero or more: "150.00", "150.5" or 150.5 (at most two decimals) */
                    laborCost?: string | number;
                    /** @description An amount of zero or more: "150.00", "150.5" or 150.5 (at most two decimals) */
                    materialsCost?: string | number;
                    block?: {
                        /**
                         * Format: calendar-date
                         * @description First night the house cannot be let (0001-01-01 to 9999-12-31)
                         */
                        start: string;
                        /**
                         * Format: calendar-date
                         * @description The day it can be again (exclusive, like a check-out) (0001-01-01 to 9999-12-31)
                         */
                        end: string;
                    };
                };
            };
        };
        responses: {
            /** @description Costs are left out for staff, who see no money */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenanceIssue"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMaintenanceIssue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                issueId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Costs are left out for staff, who see no money */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenanceIssue"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMaintenanceIssue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                issueId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMaintenanceIssue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                issueId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A code of GET /api/v1/maintenance/types, e.g. plumbing */
                    type?: string;
                    /** Format: single-line */
                    title?: string;
                    description?: string | null;
                    /** @enum {unknown} */
                    priority?: "low" | "normal" | "high" | "urgent";
                    /** @enum {unknown} */
                    status?: "open" | "in_progress" | "on_hold" | "resolved" | "cancelled";
                    reportedByGuest?: boolean;
                    assigneeUserId?: string | null;
                    assigneeName?: string | null;
                    assigneePhone?: string | null;
                    dueDate?: string | null;
                    resolutionNote?: string | null;
                    /** @description An amount of zero or more: "150.00", "150.5" or 150.5 (at most two decimals) */
                    laborCost?: string | number;
                    /** @description An amount of zero or more: "150.00", "150.5" or 150.5 (at most two decimals) */
                    materialsCost?: string | number;
                    block?: {
                        /**
                         * Format: calendar-date
                         * @description First night the house cannot be let (0001-01-01 to 9999-12-31)
                         */
                        start: string;
                        /**
                         * Format: calendar-date
                         * @description The day it can be again (exclusive, like a check-out) (0001-01-01 to 9999-12-31)
                         */
                        end: string;
                    } | null;
                };
            };
        };
        responses: {
            /** @description Costs are left out for staff, who see no money */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenanceIssue"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMaintenanceIssueHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                issueId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenanceHistory"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLedgerEntries: {
        parameters: {
            query: {
                limit: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                houseId?: string;
                /** @description YYYY-MM-DD (0001-01-01 to 9999-12-31) */
                from?: string;
                /** @description Exclusive (0001-01-01 to 9999-12-31) */
                to?: string;
                type?: "income" | "expense";
                category?: "rent" | "cleaning_fee" | "extra" | "tourist_tax" | "channel_fee" | "commission" | "deposit" | "deposit_return" | "refund" | "maintenance" | "supplies" | "utilities" | "insurance" | "tax" | "other";
                origin?: "reservation" | "maintenance" | "manual" | "adjustment";
                reservationId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerEntryList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createLedgerEntry: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    houseId?: string | null;
                    /**
                     * Format: calendar-date
                     * @description The day it is booked on (0001-01-01 to 9999-12-31)
                     */
                    date: string;
                    /** @enum {unknown} */
                    type: "income" | "expense";
                    /** @enum {unknown} */
                    category: "rent" | "cleaning_fee" | "extra" | "tourist_tax" | "channel_fee" | "commission" | "deposit" | "deposit_return" | "refund" | "maintenance" | "supplies" | "utilities" | "insurance" | "tax" | "other";
                    /**
                     * Format: single-line
                     * @description What it is for (the motif)
                     */
                    description: string;
                    /** @description An amount of zero or more: "150.00", "150.5" or 150.5 (at most two decimals) */
                    amount: string | number;
                    reservationId?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerEntryDetail"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportLedger: {
        parameters: {
            query?: {
                houseId?: string;
                /** @description YYYY-MM-DD (0001-01-01 to 9999-12-31) */
                from?: string;
                /** @description Exclusive (0001-01-01 to 9999-12-31) */
                to?: string;
                /** @description comma: amounts as 150,00 and fields separated by semicolons, as French spreadsheets read them */
                decimal?: "point" | "comma";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLedgerEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerEntryDetail"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteLedgerEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateLedgerEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    houseId?: string | null;
                    /**
                     * Format: calendar-date
                     * @description YYYY-MM-DD (0001-01-01 to 9999-12-31)
                     */
                    date?: string;
                    /** @enum {unknown} */
                    type?: "income" | "expense";
                    /** @enum {unknown} */
                    category?: "rent" | "cleaning_fee" | "extra" | "tourist_tax" | "channel_fee" | "commission" | "deposit" | "deposit_return" | "refund" | "maintenance" | "supplies" | "utilities" | "insurance" | "tax" | "other";
                    /**
                     * Format: single-line
                     * @description What it is for (the motif)
                     */
                    description?: string;
                    /** @description An amount of zero or more: "150.00", "150.5" or 150.5 (at most two decimals) */
                    amount?: string | number;
                    reservationId?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerEntryDetail"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLedgerEntryHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerHistory"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adjustLedgerEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description What to add to the corrected entry, in its direction; negative to take away (a 40.00 expense corrected by -5.00 is 35.00) */
                    amount: string | number;
                    /**
                     * Format: single-line
                     * @description What it is for (the motif)
                     */
                    description: string;
                    /**
                     * Format: calendar-date
                     * @description The day the correction is booked on; today by default (0001-01-01 to 9999-12-31)
                     */
                    date?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerEntryDetail"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listReservationPayments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reservationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordReservationPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reservationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: calendar-date
                     * @description The day the money moved (0001-01-01 to 9999-12-31)
                     */
                    date: string;
                    /** @description An amount of zero or more: "150.00", "150.5" or 150.5 (at most two decimals) */
                    amount: string | number;
                    /** @enum {unknown} */
                    kind: "advance" | "balance" | "deposit" | "deposit_return" | "deposit_kept" | "refund";
                    method?: ("cash" | "bank_transfer" | "card" | "check" | "platform" | "other") | null;
                    note?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFinanceSummary: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD (0001-01-01 to 9999-12-31) */
                from: string;
                /** @description Exclusive (0001-01-01 to 9999-12-31) */
                to: string;
                houseId?: string;
                groupBy?: "month" | "house";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FinanceSummary"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFinanceClosings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FinanceClosingList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    closeFinanceMonth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The month to close */
                    month: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FinanceClosing"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reopenFinanceMonth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description YYYY-MM */
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTouristTaxRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TouristTaxRule"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setTouristTaxRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {unknown} */
                    mode: "per_night" | "percentage";
                    rate?: (string | number) | null;
                    percent?: (string | number) | null;
                    cap?: (string | number) | null;
                    platformSources?: ("direct" | "airbnb" | "booking" | "vrbo" | "other")[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TouristTaxRule"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteTouristTaxRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordTouristTax: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reservationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: calendar-date
                     * @description The day it was collected (0001-01-01 to 9999-12-31)
                     */
                    date: string;
                    /** @description The stay’s guests by default */
                    adults?: number;
                    /** @enum {unknown} */
                    collectedBy?: "manager" | "platform";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StayTouristTax"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOccupancy: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD (0001-01-01 to 9999-12-31) */
                from: string;
                /** @description Exclusive (0001-01-01 to 9999-12-31) */
                to: string;
                houseId?: string;
                siteId?: string;
                groupBy?: "month" | "house" | "site";
                /** @description previous-year: the same range a year earlier beside it (February 29 → 28) */
                compare?: "previous-year";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Occupancy"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBookingPace: {
        parameters: {
            query: {
                /** @description The current month and the next ones */
                months: number;
                houseId?: string;
                siteId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pace"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOwnerContracts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnerContractList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOwnerContract: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                houseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The first month it is in force */
                    effectiveFrom: string;
                    /** @description Commission on the stays’ accommodation price: a percentage with at most two decimals, "20", "12.5" or 12.5 */
                    accommodationRate: string | number;
                    /** @description Commission on the house’s income (tourist tax left out): a percentage with at most two decimals, "20", "12.5" or 12.5 */
                    incomeRate: string | number;
                    note?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnerContract"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOwnerContract: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnerContract"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteOwnerContract: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOwnerStatement: {
        parameters: {
            query: {
                houseId: string;
                /** @description YYYY-MM */
                month: string;
                /** @description json by default; pdf also when Accept is application/pdf */
                format?: "json" | "pdf" | "csv";
                /** @description Of the PDF and CSV; the requesting user’s language by default */
                lang?: "fr" | "en";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statement */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnerStatement"];
                    "application/pdf": string;
                    "text/csv": string;
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAuditEntries: {
        parameters: {
            query: {
                /** @description house, reservation, guest, block, maintenance_issue, ledger_entry… */
                entityType?: string;
                entityId?: string;
                actorId?: string;
                action?: "create" | "update" | "delete" | "status";
                /** @description First day, in the organization’s time zone (0001-01-01 to 9999-12-31) */
                from?: string;
                /** @description Day after the last, in the organization’s time zone (exclusive) (0001-01-01 to 9999-12-31) */
                to?: string;
                limit: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportAuditEntries: {
        parameters: {
            query?: {
                /** @description house, reservation, guest, block, maintenance_issue, ledger_entry… */
                entityType?: string;
                entityId?: string;
                actorId?: string;
                action?: "create" | "update" | "delete" | "status";
                /** @description First day, in the organization’s time zone (0001-01-01 to 9999-12-31) */
                from?: string;
                /** @description Day after the last, in the organization’s time zone (exclusive) (0001-01-01 to 9999-12-31) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": components["schemas"]["Problem"];
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query: {
                limit: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description Only those not read yet */
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationList"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    markNotificationsRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Some of the caller's notifications by id (others' ids change nothing), or all of them */
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                } | {
                    /** @enum {boolean} */
                    all: true;
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNotificationPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberNotificationPreferences"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putNotificationPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    kinds: {
                        stay_created?: {
                            inApp: boolean;
                            email: boolean;
                        };
                        stay_changed?: {
                            inApp: boolean;
                            email: boolean;
                        };
                        stay_cancelled?: {
                            inApp: boolean;
                            email: boolean;
                        };
                        channel_conflict?: {
                            inApp: boolean;
                            email: boolean;
                        };
                        channel_error?: {
                            inApp: boolean;
                            email: boolean;
                        };
                        work_order_reported?: {
                            inApp: boolean;
                            email: boolean;
                        };
                        work_order_assigned?: {
                            inApp: boolean;
                            email: boolean;
                        };
                        work_order_urgent?: {
                            inApp: boolean;
                            email: boolean;
                        };
                        work_order_resolved?: {
                            inApp: boolean;
                            email: boolean;
                        };
                        house_not_ready?: {
                            inApp: boolean;
                            email: boolean;
                        };
                        balance_due?: {
                            inApp: boolean;
                            email: boolean;
                        };
                        turnover_overdue?: {
                            inApp: boolean;
                            email: boolean;
                        };
                    };
                    digest: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberNotificationPreferences"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    streamEvents: {
        parameters: {
            query?: {
                /** @description The last event id received, for a client that cannot send the Last-Event-ID header */
                lastEventId?: string;
                /** @description The access token, for a browser EventSource, which cannot send an Authorization header */
                access_token?: string;
                /** @description The organization, for a client that cannot send X-Organization-Id */
                organizationId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/event-stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457). Some problems add fields, such as conflictingReservationId. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["Problem"];
                };
            };
        };
    };
}

export const jobStatusValues = ["queued","running","done","failed"] as const satisfies readonly components["schemas"]["JobStatus"][];
export const roleValues = ["admin","manager","staff","owner"] as const satisfies readonly components["schemas"]["Role"][];
export const houseTypeValues = ["villa","apartment","room","guesthouse","other"] as const satisfies readonly components["schemas"]["HouseType"][];
export const reservationStatusValues = ["pending","confirmed","checked_in","checked_out","cancelled"] as const satisfies readonly components["schemas"]["ReservationStatus"][];
export const reservationSourceValues = ["direct","airbnb","booking","vrbo","other"] as const satisfies readonly components["schemas"]["ReservationSource"][];
export const blockKindValues = ["maintenance","owner","other","channel"] as const satisfies readonly components["schemas"]["BlockKind"][];
export const checklistItemTypeValues = ["cleaning","inspection","upkeep"] as const satisfies readonly components["schemas"]["ChecklistItemType"][];
export const channelSourceValues = ["airbnb","booking","vrbo","other"] as const satisfies readonly components["schemas"]["ChannelSource"][];
export const channelSyncErrorCodeValues = ["invalid_url","forbidden_address","fetch_failed","timeout","http_status","too_large","too_many_redirects","not_calendar","empty_feed","too_many_cancellations","unexpected"] as const satisfies readonly components["schemas"]["ChannelSyncErrorCode"][];
export const attachmentKindValues = ["photo","invoice","receipt","document"] as const satisfies readonly components["schemas"]["AttachmentKind"][];
export const maintenancePriorityValues = ["low","normal","high","urgent"] as const satisfies readonly components["schemas"]["MaintenancePriority"][];
export const maintenanceStatusValues = ["open","in_progress","on_hold","resolved","cancelled"] as const satisfies readonly components["schemas"]["MaintenanceStatus"][];
export const ledgerEntryTypeValues = ["income","expense"] as const satisfies readonly components["schemas"]["LedgerEntryType"][];
export const ledgerCategoryValues = ["rent","cleaning_fee","extra","tourist_tax","channel_fee","commission","deposit","deposit_return","refund","maintenance","supplies","utilities","insurance","tax","other"] as const satisfies readonly components["schemas"]["LedgerCategory"][];
export const ledgerOriginValues = ["reservation","maintenance","manual","adjustment"] as const satisfies readonly components["schemas"]["LedgerOrigin"][];
export const paymentKindValues = ["advance","balance","deposit","deposit_return","deposit_kept","refund"] as const satisfies readonly components["schemas"]["PaymentKind"][];
export const paymentMethodValues = ["cash","bank_transfer","card","check","platform","other"] as const satisfies readonly components["schemas"]["PaymentMethod"][];
export const notificationKindValues = ["stay_created","stay_changed","stay_cancelled","channel_conflict","channel_error","work_order_reported","work_order_assigned","work_order_urgent","work_order_resolved","house_not_ready","balance_due","turnover_overdue"] as const satisfies readonly components["schemas"]["NotificationKind"][];
/** The steps a stay's status may take forward (the server refuses any other). */
export const reservationStatusSteps: Readonly<Record<components["schemas"]["ReservationStatus"], readonly components["schemas"]["ReservationStatus"][]>> = {"pending":["confirmed","cancelled"],"confirmed":["checked_in","cancelled"],"checked_in":["checked_out"],"checked_out":[],"cancelled":[]};
/** The way back from a mistaken check-in or check-out (managers only). */
export const reservationStatusUndo: Readonly<Partial<Record<components["schemas"]["ReservationStatus"], components["schemas"]["ReservationStatus"]>>> = {"checked_in":"confirmed","checked_out":"checked_in"};
