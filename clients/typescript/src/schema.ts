/**
 * Generated from openapi.yaml by clients/typescript/generate.ts (`npm run client`): do not edit.
 */

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["getHealth"];
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
        /** Readiness: the database and Redis are reachable */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Background jobs in a state (failed by default) across the queues, newest first
         * @description Roles: admin.
         */
        get: operations["listJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/jobs/{queue}/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a failed job again (a failed ingest also sets its delivery back to pending)
         * @description Roles: admin.
         */
        post: operations["retryJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys, oldest first (revoked ones included; never the secrets)
         * @description Roles: admin.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key (the key is shown once)
         * @description Roles: admin.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key: every request with it is 401 from now on
         * @description Roles: admin.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every recorded change, oldest first
         * @description Roles: admin, pmo.
         */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recompute the hash chain and report the first broken link
         * @description Roles: admin, pmo.
         */
        get: operations["verifyAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/change-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a change request
         * @description PMO and finance read every change request; a provider key reads only its own provider’s (others are 404).
         *
         *     Roles: admin, pmo, finance, provider.
         */
        get: operations["getChangeRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/change-requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve: every change applies at once and the contract version goes up by one
         * @description All changes, the new contract version and its snapshot are written in one transaction; if the result would be invalid against the contract as it now stands, nothing changes (422). The previous version stays readable with GET /v1/engagements/{id}?version=N.
         *
         *     Roles: admin, pmo.
         */
        post: operations["approveChangeRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/change-requests/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a submitted change request; the contract does not change
         * @description Roles: admin, pmo.
         */
        post: operations["rejectChangeRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/change-requests/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit a draft change request for the client’s decision
         * @description Only the side that proposed it (client: pmo; provider: that provider’s keys) may submit or withdraw it; 409 names the current status and the allowed actions.
         *
         *     Roles: admin, pmo, provider.
         */
        post: operations["submitChangeRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/change-requests/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw a draft or submitted change request; it changes nothing
         * @description Only the side that proposed it (client: pmo; provider: that provider’s keys) may submit or withdraw it; 409 names the current status and the allowed actions.
         *
         *     Roles: admin, pmo, provider.
         */
        post: operations["withdrawChangeRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tracker connections with their health
         * @description Roles: admin.
         */
        get: operations["listConnections"];
        put?: never;
        /**
         * Connect a tracker account (credentials are write-only, stored encrypted)
         * @description Roles: admin.
         */
        post: operations["createConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One connection and its health (last delivery, last sync, last error)
         * @description Roles: admin.
         */
        get: operations["getConnection"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename, re-point, replace credentials, rotate the webhook secret or change settings
         * @description Roles: admin.
         */
        patch: operations["updateConnection"];
        trace?: never;
    };
    "/v1/connections/{id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a full reconcile of every link of the connection
         * @description Roles: admin.
         */
        post: operations["syncConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{id}/sync/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Progress of a sync (pages, tasks, changed, deleted, rejected)
         * @description A task the database refuses to store is left out of its page (the others are stored): `rejected` counts them and `rejectedExternalIds` lists the first 50; each is logged.
         *
         *     Roles: admin.
         */
        get: operations["getSyncStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{id}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register (or refresh) the tracker webhooks of every link of the connection
         * @description Roles: admin.
         */
        post: operations["registerWebhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dashboard/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The PMO portfolio: per provider, schedule, overdue and next-due deliverables, blockers, money
         * @description Progress, forecasts and schedule statuses are those the recompute job stored (after every tracker change and daily); reading computes nothing.
         *
         *     Roles: admin, pmo, finance.
         */
        get: operations["getProvidersDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliverables/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a deliverable, with its progress
         * @description PMO and finance read every deliverable; a provider key reads only its own provider’s (others are 404).
         *
         *     Roles: admin, pmo, finance, provider.
         */
        get: operations["getDeliverable"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a deliverable of a draft engagement (409 contract_locked once active)
         * @description Roles: admin, pmo.
         */
        patch: operations["updateDeliverable"];
        trace?: never;
    };
    "/v1/deliverables/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept or reject a deliverable (the client decision)
         * @description Only from ready_for_review; override: true accepts earlier (from planned or in_progress) and is recorded as an override. 409 when the status does not allow it (e.g. already accepted), naming the allowed actions; 409 engagement_not_active unless the engagement is active.
         *
         *     Criteria must name the deliverable’s acceptance criteria, each at most once; accepting with an unmet criterion needs override: true; a rejection needs a note or an unmet criterion (422 otherwise).
         *
         *     In one transaction: the decision with a snapshot of the deliverable’s tasks as evidence, the new status, audit, the deliverable.accepted or deliverable.rejected event, one push-back per task (or per epic / parent task they share) and the payment milestones this acceptance unlocks. The comments and markers reach the trackers through the push-back queue.
         *
         *     Roles: admin, pmo.
         */
        post: operations["decideDeliverable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliverables/{id}/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the decisions taken on a deliverable, oldest first, with their evidence
         * @description PMO and finance read every deliverable’s; a provider key reads only its own provider’s (others are 404).
         *
         *     Roles: admin, pmo, finance, provider.
         */
        get: operations["listDecisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliverables/{id}/rework": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Work on a rejected deliverable again (rejected → in_progress)
         * @description Only from rejected (409 invalid_transition otherwise, naming the allowed actions; 409 engagement_not_active unless the engagement is active). PMO, or a provider key of the engagement’s provider (another provider’s deliverable is 404).
         *
         *     Jalon also does this by itself when a task of the rejected deliverable leaves done at the tracker. In one transaction: the status, audit, the deliverable.rework_started event and the recomputed figures; when every task is already done the deliverable goes straight back to ready_for_review (deliverable.ready_for_review) and the PMO can decide again. Answers the deliverable as it stands after that.
         *
         *     Roles: admin, pmo, provider.
         */
        post: operations["reworkDeliverable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/engagements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List engagements, oldest first
         * @description PMO and finance read every engagement; a provider key reads only its own provider’s (others are 404).
         *
         *     Roles: admin, pmo, finance, provider.
         */
        get: operations["listEngagements"];
        put?: never;
        /**
         * Create a draft engagement (the contract with one provider)
         * @description Roles: admin, pmo.
         */
        post: operations["createEngagement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/engagements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an engagement, or with ?version=N its whole contract as it stood in version N
         * @description PMO and finance read every engagement; a provider key reads only its own provider’s (others are 404).
         *
         *     Roles: admin, pmo, finance, provider.
         */
        get: operations["getEngagement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a draft engagement’s terms (409 contract_locked once active)
         * @description Roles: admin, pmo.
         */
        patch: operations["updateEngagement"];
        trace?: never;
    };
    "/v1/engagements/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate: the contract is locked as version 1 and a kickoff journal entry is recorded
         * @description Needs both contacts, at least one deliverable and one payment milestone, and valid terms (422 lists what is missing).
         *
         *     Roles: admin, pmo.
         */
        post: operations["activateEngagement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/engagements/{id}/change-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the change requests of an engagement, oldest first
         * @description PMO and finance read every change request; a provider key reads only its own provider’s (others are 404).
         *
         *     Roles: admin, pmo, finance, provider.
         */
        get: operations["listChangeRequests"];
        put?: never;
        /**
         * Propose a change to an active contract (a draft request; submit it next)
         * @description The changes are checked against the current contract as approval would apply them: 422 when the result would be invalid, 409 affects_unlocked_milestones when they alter a milestone past locked without affectsUnlockedMilestones. A provider key proposes on its own provider’s engagements only.
         *
         *     Roles: admin, pmo, provider.
         */
        post: operations["createChangeRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/engagements/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close an active engagement; it can then be evaluated
         * @description Roles: admin, pmo.
         */
        post: operations["closeEngagement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/engagements/{id}/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One engagement in depth: deliverables with progress and tasks, milestones, journal, changes
         * @description Progress, forecasts and schedule statuses are those the recompute job stored (after every tracker change and daily); reading computes nothing. A provider key reads its own provider’s engagements only (others are 404).
         *
         *     Roles: admin, pmo, finance, provider.
         */
        get: operations["getEngagementDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/engagements/{id}/deliverables": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the deliverables of an engagement, oldest first
         * @description PMO and finance read every deliverable; a provider key reads only its own provider’s (others are 404).
         *
         *     Roles: admin, pmo, finance, provider.
         */
        get: operations["listDeliverables"];
        put?: never;
        /**
         * Add a deliverable to a draft engagement (409 contract_locked once active)
         * @description Roles: admin, pmo.
         */
        post: operations["createDeliverable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/engagements/{id}/evaluation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the evaluation of an engagement
         * @description The client’s assessment of the provider: PMO and finance only.
         *
         *     Roles: admin, pmo, finance.
         */
        get: operations["getEvaluation"];
        /**
         * Evaluate a closed engagement (201 the first time, 200 when it replaces the evaluation)
         * @description 409 engagement_not_closed before the engagement closes.
         *
         *     Roles: admin, pmo.
         */
        put: operations["putEvaluation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/engagements/{id}/journal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The journal of an engagement, oldest first
         * @description PMO and finance read every journal; a provider key reads only its own provider’s (others are 404).
         *
         *     Roles: admin, pmo, finance, provider.
         */
        get: operations["listJournalEntries"];
        put?: never;
        /**
         * Record an exchange (meeting, decision, debrief, note); entries are never edited
         * @description A provider key writes to its own provider’s engagements only (others are 404).
         *
         *     Roles: admin, pmo, provider.
         */
        post: operations["createJournalEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/engagements/{id}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tracker scopes that feed the engagement
         * @description Roles: admin, pmo.
         */
        get: operations["listLinks"];
        put?: never;
        /**
         * Feed the engagement from a Jira project or JQL, a Trello board or an Asana project (starts a first sync)
         * @description Roles: admin, pmo.
         */
        post: operations["createLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/engagements/{id}/links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Stop feeding the engagement from a tracker scope
         * @description Audited. Its syncs stop and the engagement is recomputed: the tasks only this link brought leave its deliverables and the progress follows. The scope may then be linked to another engagement. 404 link_not_found for a link of another engagement.
         *
         *     Roles: admin, pmo.
         */
        delete: operations["deleteLink"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/engagements/{id}/milestones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the payment milestones of an engagement, oldest first
         * @description PMO and finance read every milestone; a provider key reads only its own provider’s (others are 404).
         *
         *     Roles: admin, pmo, finance, provider.
         */
        get: operations["listMilestones"];
        put?: never;
        /**
         * Add a payment milestone (PMO-defined terms) to a draft engagement (409 contract_locked once active)
         * @description Roles: admin, pmo.
         */
        post: operations["createMilestone"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/engagements/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The status report of an engagement for a period, as JSON or Markdown
         * @description Progress (overall and per deliverable, as last computed), schedule status with reasons, blocked tasks, deliverables awaiting a decision, milestones unlocked and decisions made in the period. The same content Jalon writes weekly as a `status_report` journal entry. `Accept: text/markdown` returns it as Markdown. A provider key sees only its own engagements (others are 404).
         *
         *     Roles: admin, pmo, provider, finance.
         */
        get: operations["getEngagementReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the caller is (role, provider)
         * @description Roles: admin, pmo, finance, provider.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/milestones/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a payment milestone
         * @description PMO and finance read every milestone; a provider key reads only its own provider’s (others are 404).
         *
         *     Roles: admin, pmo, finance, provider.
         */
        get: operations["getMilestone"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a payment milestone of a draft engagement (409 contract_locked once active)
         * @description Roles: admin, pmo.
         */
        patch: operations["updateMilestone"];
        trace?: never;
    };
    "/v1/payment-milestones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List payment milestones across engagements, with their settlement and evidence
         * @description Milestones in the contracts (not removed by a change request), oldest first. `Accept: text/csv` returns the same page as CSV (a header line, amounts as integers in minor units with a currency column; the next page’s cursor in the X-Next-Cursor header).
         *
         *     Roles: admin, finance, pmo.
         */
        get: operations["listPaymentMilestones"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-milestones/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a payment milestone with its settlement and evidence
         * @description Roles: admin, finance, pmo.
         */
        get: operations["getPaymentMilestone"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-milestones/{id}/invoice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the invoice of an unlocked milestone (unlocked → invoiced)
         * @description Idempotent with the Idempotency-Key header: the same key and body replay the first answer; the same key with another body is 409 idempotency_key_reused. 409 invalid_transition when the milestone is not in the status this move starts from.
         *
         *     Roles: admin, finance.
         */
        post: operations["invoicePaymentMilestone"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-milestones/{id}/invoice-retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the invoice of a released retention (released → invoiced)
         * @description The retention held back at unlock has its own life: held → released (PMO, once the milestone is paid and its warranty period is over: 409 milestone_not_paid or warranty_not_over before) → invoiced → paid (finance). 409 no_retention when nothing is held back, invalid_transition out of order. Audited; idempotent with the Idempotency-Key header.
         *
         *     Roles: admin, finance.
         */
        post: operations["invoicePaymentMilestoneRetention"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-milestones/{id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the payment of an invoiced milestone (invoiced → paid)
         * @description Idempotent with the Idempotency-Key header: the same key and body replay the first answer; the same key with another body is 409 idempotency_key_reused. 409 invalid_transition when the milestone is not in the status this move starts from.
         *
         *     Roles: admin, finance.
         */
        post: operations["payPaymentMilestone"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-milestones/{id}/pay-retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the payment of an invoiced retention (invoiced → paid)
         * @description The retention held back at unlock has its own life: held → released (PMO, once the milestone is paid and its warranty period is over: 409 milestone_not_paid or warranty_not_over before) → invoiced → paid (finance). 409 no_retention when nothing is held back, invalid_transition out of order. Audited; idempotent with the Idempotency-Key header.
         *
         *     Roles: admin, finance.
         */
        post: operations["payPaymentMilestoneRetention"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-milestones/{id}/release-retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release the retention of a paid milestone after its warranty period (held → released)
         * @description The retention held back at unlock has its own life: held → released (PMO, once the milestone is paid and its warranty period is over: 409 milestone_not_paid or warranty_not_over before) → invoiced → paid (finance). 409 no_retention when nothing is held back, invalid_transition out of order. Audited; idempotent with the Idempotency-Key header. Announced as milestone.retention_released.
         *
         *     Roles: admin, pmo.
         */
        post: operations["releasePaymentMilestoneRetention"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List providers, oldest first
         * @description PMO and finance see every provider; a provider key sees only its own (others are 404).
         *
         *     Roles: admin, pmo, finance, provider.
         */
        get: operations["listProviders"];
        put?: never;
        /**
         * Register a provider
         * @description Roles: admin, pmo.
         */
        post: operations["createProvider"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a provider
         * @description PMO and finance see every provider; a provider key sees only its own (others are 404).
         *
         *     Roles: admin, pmo, finance, provider.
         */
        get: operations["getProvider"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a provider’s name or references
         * @description Roles: admin, pmo.
         */
        patch: operations["updateProvider"];
        trace?: never;
    };
    "/v1/providers/{id}/scorecard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Evaluation averages and measured delivery facts of a provider
         * @description Roles: admin, pmo, finance.
         */
        get: operations["getProviderScorecard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live subscriptions
         * @description Roles: admin, finance.
         */
        get: operations["listSubscriptions"];
        put?: never;
        /**
         * Subscribe a URL to signed events (the secret is write-only, stored encrypted)
         * @description Roles: admin, finance.
         */
        post: operations["createSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One subscription (a deleted one shows deletedAt)
         * @description Roles: admin, finance.
         */
        get: operations["getSubscription"];
        put?: never;
        post?: never;
        /**
         * Stop delivering to this subscription (pending deliveries are cancelled)
         * @description Roles: admin, finance.
         */
        delete: operations["deleteSubscription"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The delivery log of one subscription, newest first
         * @description Roles: admin, finance.
         */
        get: operations["listSubscriptionDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Normalised tasks from every tracker
         * @description Roles: admin, pmo, finance.
         */
        get: operations["listTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/asana/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Receiver for asana webhooks (signature-checked) */
        post: operations["receiveAsanaWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/jira/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Receiver for jira webhooks (signature-checked) */
        post: operations["receiveJiraWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/trello/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Receiver for trello webhooks (signature-checked) */
        post: operations["receiveTrelloWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "change_request.approved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A change request was applied; the contract version went up by one
         * @description Sent to each subscription that lists `change_request.approved`, signed as Standard Webhooks (docs/EVENTS.md).
         */
        post: operations["event_change_request_approved"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "deliverable.accepted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A PMO accepted a deliverable
         * @description Sent to each subscription that lists `deliverable.accepted`, signed as Standard Webhooks (docs/EVENTS.md).
         */
        post: operations["event_deliverable_accepted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "deliverable.at_risk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A deliverable’s schedule status became at_risk
         * @description Sent to each subscription that lists `deliverable.at_risk`, signed as Standard Webhooks (docs/EVENTS.md).
         */
        post: operations["event_deliverable_at_risk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "deliverable.late": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A deliverable’s schedule status became late
         * @description Sent to each subscription that lists `deliverable.late`, signed as Standard Webhooks (docs/EVENTS.md).
         */
        post: operations["event_deliverable_late"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "deliverable.ready_for_review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * All of a deliverable’s tasks are done
         * @description Sent to each subscription that lists `deliverable.ready_for_review`, signed as Standard Webhooks (docs/EVENTS.md).
         */
        post: operations["event_deliverable_ready_for_review"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "deliverable.rejected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A PMO rejected a deliverable
         * @description Sent to each subscription that lists `deliverable.rejected`, signed as Standard Webhooks (docs/EVENTS.md).
         */
        post: operations["event_deliverable_rejected"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "deliverable.rework_started": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A rejected deliverable went back to work (in_progress), by its tasks or on request
         * @description Sent to each subscription that lists `deliverable.rework_started`, signed as Standard Webhooks (docs/EVENTS.md).
         */
        post: operations["event_deliverable_rework_started"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "milestone.invoiced": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finance recorded the invoice of a milestone
         * @description Sent to each subscription that lists `milestone.invoiced`, signed as Standard Webhooks (docs/EVENTS.md).
         */
        post: operations["event_milestone_invoiced"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "milestone.paid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finance recorded the payment of a milestone
         * @description Sent to each subscription that lists `milestone.paid`, signed as Standard Webhooks (docs/EVENTS.md).
         */
        post: operations["event_milestone_paid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "milestone.removed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An approved change request removed an unlocked milestone: it is no longer payable
         * @description Sent to each subscription that lists `milestone.removed`, signed as Standard Webhooks (docs/EVENTS.md).
         */
        post: operations["event_milestone_removed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "milestone.resettled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An approved change request changed the money of an unlocked milestone
         * @description Sent to each subscription that lists `milestone.resettled`, signed as Standard Webhooks (docs/EVENTS.md).
         */
        post: operations["event_milestone_resettled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "milestone.retention_released": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A PMO released a paid milestone’s retention after its warranty: it is payable
         * @description Sent to each subscription that lists `milestone.retention_released`, signed as Standard Webhooks (docs/EVENTS.md).
         */
        post: operations["event_milestone_retention_released"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "milestone.unlocked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A payment milestone’s last condition became true: it is payable
         * @description Sent to each subscription that lists `milestone.unlocked`, signed as Standard Webhooks (docs/EVENTS.md).
         */
        post: operations["event_milestone_unlocked"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /**
         * @example {
         *       "description": "Share the staging URL",
         *       "owner": "Paul Durand",
         *       "dueDate": "2027-01-11"
         *     }
         */
        ActionItem: {
            description: string;
            dueDate?: string | null;
            owner?: string | null;
        };
        /**
         * @example {
         *       "queue": "ingest",
         *       "id": "ingest-4711",
         *       "name": "ingest",
         *       "state": "failed",
         *       "attemptsMade": 1,
         *       "failedReason": "malformed_webhook: jira webhook body cannot be read: Unexpected token",
         *       "data": {
         *         "inboxId": 4711
         *       },
         *       "timestamp": "2027-01-10T08:00:00.000Z",
         *       "finishedOn": "2027-01-10T08:00:00.250Z"
         *     }
         */
        AdminJob: {
            attemptsMade: number;
            /** @description The payload: ids only, jobs never carry secrets or delivery bodies */
            data: {
                [key: string]: string | number | boolean | null;
            };
            failedReason: string | null;
            finishedOn: string | null;
            id: string;
            name: string;
            queue: string;
            state: string;
            /** @description When the job was created */
            timestamp: string;
        };
        AdminJobList: {
            items: components["schemas"]["AdminJob"][];
        };
        /**
         * @example {
         *       "name": "finance-erp",
         *       "role": "finance"
         *     }
         */
        ApiKey: {
            name: string;
            /** @description Required for, and only for, the provider role */
            providerId?: string;
            /** @enum {string} */
            role: "admin" | "pmo" | "finance" | "provider";
        };
        /**
         * @description An API key as listed: never its secret
         * @example {
         *       "id": "key_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "name": "finance-erp",
         *       "role": "finance",
         *       "providerId": null,
         *       "createdAt": "2026-11-26T10:00:00.000Z",
         *       "lastUsedAt": "2026-12-01T08:12:00.000Z",
         *       "revokedAt": null
         *     }
         */
        ApiKeySummary: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            /** @description Recorded at most once a minute */
            lastUsedAt: string | null;
            name: string;
            providerId: string | null;
            revokedAt: string | null;
            /** @enum {string} */
            role: "admin" | "pmo" | "finance" | "provider";
        };
        /**
         * @example {
         *       "id": "aud_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "seq": 42,
         *       "at": "2027-01-15T09:30:00.000Z",
         *       "actorKeyId": "key_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "actorRole": "pmo",
         *       "entityType": "engagement",
         *       "entityId": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "action": "activate",
         *       "before": {
         *         "status": "draft"
         *       },
         *       "after": {
         *         "status": "active"
         *       }
         *     }
         */
        AuditRecord: {
            action: string;
            actorKeyId: string;
            actorRole: string;
            after: unknown;
            at: string;
            before: unknown;
            entityId: string;
            entityType: string;
            id: string;
            seq: number;
        };
        /**
         * @example {
         *       "valid": true,
         *       "checked": 1204
         *     }
         */
        AuditVerification: {
            checked: number;
            firstBrokenId?: string;
            valid: boolean;
        };
        /**
         * @example {
         *       "costMinor": 1500000,
         *       "scheduleDays": 15,
         *       "quality": "Analytics added; no change to acceptance criteria"
         *     }
         */
        ChangeImpact: {
            /** @description Cost change, minor units */
            costMinor: number;
            quality?: string | null;
            /** @description Schedule change in days */
            scheduleDays: number;
        };
        /**
         * @description One change; the changes of a request are applied in order, all at once, on approval
         * @example {
         *       "op": "modify_deliverable",
         *       "deliverableId": "dlv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "set": {
         *         "dueDate": "2027-04-15"
         *       }
         *     }
         */
        ChangeOp: {
            deliverableId: string;
            /** @constant */
            op: "modify_deliverable";
            set: components["schemas"]["DeliverablePatch"];
        } | {
            deliverable: components["schemas"]["NewDeliverable"];
            /** @constant */
            op: "add_deliverable";
            /** @description A name later changes of this request may list in requiredDeliverableIds, before the deliverable has an id */
            ref?: string;
        } | {
            deliverableId: string;
            /** @constant */
            op: "remove_deliverable";
        } | {
            milestoneId: string;
            /** @constant */
            op: "modify_milestone";
            set: components["schemas"]["MilestonePatch"];
        } | {
            milestone: components["schemas"]["NewMilestone"];
            /** @constant */
            op: "add_milestone";
        } | {
            milestoneId: string;
            /** @constant */
            op: "remove_milestone";
        } | {
            /** @constant */
            op: "modify_terms";
            set: components["schemas"]["TermsChange"];
        };
        /**
         * @example {
         *       "id": "chg_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "engagementId": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "title": "Avenant 1: analytics dashboard",
         *       "rationale": "Marketing needs usage analytics before the summer campaign",
         *       "changes": [
         *         {
         *           "op": "modify_deliverable",
         *           "deliverableId": "dlv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *           "set": {
         *             "dueDate": "2027-04-15"
         *           }
         *         },
         *         {
         *           "op": "add_deliverable",
         *           "ref": "analytics",
         *           "deliverable": {
         *             "title": "Usage analytics dashboard",
         *             "dueDate": "2027-06-15",
         *             "acceptanceCriteria": [
         *               "Weekly active users per segment"
         *             ]
         *           }
         *         },
         *         {
         *           "op": "add_milestone",
         *           "milestone": {
         *             "label": "Analytics delivered",
         *             "amountMinor": 1500000,
         *             "requiredDeliverableIds": [
         *               "analytics"
         *             ]
         *           }
         *         },
         *         {
         *           "op": "modify_terms",
         *           "set": {
         *             "contractValueMinor": 13500000
         *           }
         *         }
         *       ],
         *       "impact": {
         *         "costMinor": 1500000,
         *         "scheduleDays": 15,
         *         "quality": null
         *       },
         *       "affectsUnlockedMilestones": false,
         *       "status": "approved",
         *       "allowedActions": [],
         *       "proposedBy": {
         *         "keyId": "key_019a0b1c2d3e4f5a6b7c8d9e0f",
         *         "role": "provider",
         *         "providerId": "prv_019a0b1c2d3e4f5a6b7c8d9e0f"
         *       },
         *       "baseVersion": 1,
         *       "appliedVersion": 2,
         *       "submittedAt": "2027-02-03T08:00:00.000Z",
         *       "decidedAt": "2027-02-10T14:30:00.000Z",
         *       "decidedBy": "key_019a0b1c2d3e4f5a6b7c8d9e10",
         *       "decisionNote": "Approved at the steering committee of 2027-02-10",
         *       "createdAt": "2027-02-02T16:00:00.000Z",
         *       "updatedAt": "2027-02-10T14:30:00.000Z"
         *     }
         */
        ChangeRequest: {
            affectsUnlockedMilestones: boolean;
            /** @description What its status allows now (roles apply) */
            allowedActions: ("submit" | "approve" | "reject" | "withdraw")[];
            /** @description The contract version its approval made */
            appliedVersion: number | null;
            /** @description The contract version it was proposed against */
            baseVersion: number;
            changes: components["schemas"]["ChangeOp"][];
            /** Format: date-time */
            createdAt: string;
            decidedAt: string | null;
            decidedBy: string | null;
            decisionNote: string | null;
            engagementId: string;
            id: string;
            impact: {
                costMinor: number;
                quality: string | null;
                scheduleDays: number;
            };
            proposedBy: {
                keyId: string;
                providerId: string | null;
                role: string;
            };
            rationale: string;
            /** @enum {string} */
            status: "draft" | "submitted" | "approved" | "rejected" | "withdrawn";
            submittedAt: string | null;
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description On single reads and writes: what is valid but unusual (due dates outside the engagement, milestones below the contract value) */
            warnings?: components["schemas"]["FieldWarning"][];
        };
        ChangeRequestApprovedEvent: {
            data: {
                changeRequestId: string;
                changes: ({
                    op: string;
                } & {
                    [key: string]: unknown;
                })[];
                contractVersion: number;
                engagementId: string;
                impact: {
                    costMinor: number;
                    quality: string | null;
                    scheduleDays: number;
                };
                previousContractVersion: number;
                providerId: string;
                summary: {
                    deliverables: {
                        added: string[];
                        modified: string[];
                        removed: string[];
                    };
                    milestones: {
                        added: string[];
                        modified: string[];
                        removed: string[];
                    };
                    termsChanged: boolean;
                };
                title: string;
            };
            engagementId: string | null;
            /** @description The event id, also sent as `webhook-id`: the same on every attempt */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            providerId: string | null;
            subject: {
                id: string;
                /** @enum {string} */
                type: "deliverable" | "milestone" | "change_request";
            };
            /** @constant */
            type: "change_request.approved";
        };
        /**
         * @example {
         *       "note": "Approved at the steering committee of 2027-02-10"
         *     }
         */
        ChangeRequestDecision: {
            note?: string;
        };
        /**
         * @example {
         *       "id": "con_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "tracker": "jira",
         *       "name": "Acme Jira",
         *       "baseUrl": "https://acme.atlassian.net",
         *       "settings": {},
         *       "webhookUrl": "https://jalon.example.com/webhooks/jira/con_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "hasWebhookSecret": true,
         *       "health": {
         *         "status": "healthy",
         *         "lastDeliveryAt": "2027-01-10T08:00:00.000Z",
         *         "lastSyncAt": null,
         *         "lastError": null,
         *         "lastErrorAt": null
         *       },
         *       "createdAt": "2027-01-01T08:00:00.000Z",
         *       "updatedAt": "2027-01-01T08:00:00.000Z"
         *     }
         */
        Connection: {
            baseUrl: string | null;
            /** Format: date-time */
            createdAt: string;
            hasWebhookSecret: boolean;
            health: {
                lastDeliveryAt: string | null;
                lastError: string | null;
                lastErrorAt: string | null;
                lastSyncAt: string | null;
                /** @enum {string} */
                status: "unknown" | "healthy" | "unhealthy";
            };
            id: string;
            name: string;
            settings: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            tracker: "jira" | "trello" | "asana";
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: uri
             * @description The callback URL registered at the tracker
             */
            webhookUrl: string;
        };
        /**
         * @example {
         *       "webhookSecret": "••••••••••••••••"
         *     }
         */
        ConnectionPatch: {
            baseUrl?: string | null;
            /** @description Write-only. Jira `{ email, apiToken }` or `{ oauth: { clientId, clientSecret, accessToken, refreshToken?, cloudId } }`; Trello `{ apiKey, apiToken, appSecret }`; Asana `{ accessToken }` */
            credentials?: {
                [key: string]: unknown;
            };
            name?: string;
            /** @description Per-connection overrides (see adapters/README.md) */
            settings?: {
                [key: string]: unknown;
            };
            /** @description Rotates the secret; the previous one stays accepted for 72 h */
            webhookSecret?: string;
        };
        /**
         * @example {
         *       "name": "Claire Martin",
         *       "email": "claire.martin@client.example"
         *     }
         */
        Contact: {
            /** Format: email */
            email: string;
            name: string;
        };
        /**
         * @description The engagement, its deliverables and its milestones as they stood in one version
         * @example {
         *       "engagementId": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "version": 1,
         *       "changeRequestId": null,
         *       "recordedAt": "2027-01-04T09:00:00.000Z",
         *       "recordedBy": "key_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "engagement": {
         *         "id": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *         "providerId": "prv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *         "title": "Customer portal redesign",
         *         "objective": "A self-service portal customers use without calling support",
         *         "specificationUrl": "https://docs.client.example/portal/spec-v3.pdf",
         *         "currency": "EUR",
         *         "contractValueMinor": 12000000,
         *         "paymentTermsDays": 30,
         *         "confidentiality": "Mutual NDA of 2026-11-02",
         *         "ipOwnership": "Client owns all deliverables on payment",
         *         "clientContact": {
         *           "name": "Claire Martin",
         *           "email": "claire.martin@client.example"
         *         },
         *         "providerContact": {
         *           "name": "Paul Durand",
         *           "email": "paul.durand@atelier.example"
         *         },
         *         "startDate": "2027-01-04",
         *         "endDate": "2027-06-30",
         *         "timeZone": "Europe/Paris",
         *         "weightByEstimate": false,
         *         "status": "active",
         *         "contractVersion": 1,
         *         "activatedAt": "2027-01-04T09:00:00.000Z",
         *         "closedAt": null,
         *         "createdAt": "2026-12-15T10:00:00.000Z",
         *         "updatedAt": "2027-01-04T09:00:00.000Z"
         *       },
         *       "deliverables": [],
         *       "milestones": []
         *     }
         */
        ContractVersion: {
            /** @description The approved change request that made it; null for version 1 */
            changeRequestId: string | null;
            deliverables: components["schemas"]["Deliverable"][];
            engagement: {
                activatedAt: string | null;
                clientContact: components["schemas"]["Contact"] | null;
                closedAt: string | null;
                confidentiality: string | null;
                contractValueMinor: number;
                /** @description 1 until the first approved change request */
                contractVersion: number;
                /** Format: date-time */
                createdAt: string;
                currency: string;
                /** Format: date */
                endDate: string;
                id: string;
                ipOwnership: string | null;
                objective: string | null;
                paymentTermsDays: number | null;
                providerContact: components["schemas"]["Contact"] | null;
                providerId: string;
                specificationUrl: string | null;
                /** Format: date */
                startDate: string;
                /** @enum {string} */
                status: "draft" | "active" | "closed";
                timeZone: string;
                title: string;
                /** Format: date-time */
                updatedAt: string;
                /** @description Tasks weigh their estimate in progress, else 1 each */
                weightByEstimate: boolean;
            };
            engagementId: string;
            milestones: components["schemas"]["Milestone"][];
            /** Format: date-time */
            recordedAt: string;
            /** @description The API key that activated or approved */
            recordedBy: string;
            version: number;
        };
        /**
         * @example {
         *       "id": "key_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "name": "finance-erp",
         *       "role": "finance",
         *       "providerId": null,
         *       "createdAt": "2026-11-26T10:00:00.000Z",
         *       "key": "jln_key_019a0b1c2d3e4f5a6b7c8d9e0f_Zx2…"
         *     }
         */
        CreatedApiKey: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            /** @description The key itself. Shown only in this response: store it now. */
            key: string;
            name: string;
            providerId: string | null;
            /** @enum {string} */
            role: "admin" | "pmo" | "finance" | "provider";
        };
        /**
         * @example {
         *       "criterion": "WCAG 2.1 AA audit passed",
         *       "met": true,
         *       "comment": "Audit report attached"
         *     }
         */
        CriterionResult: {
            comment?: string;
            /** @description One of the deliverable’s acceptance criteria */
            criterion: string;
            met: boolean;
        };
        /**
         * @example {
         *       "id": "dec_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "deliverableId": "dlv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "engagementId": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "decision": "accept",
         *       "override": false,
         *       "note": "Signed off at the review meeting",
         *       "criteria": [
         *         {
         *           "criterion": "Components documented",
         *           "met": true
         *         }
         *       ],
         *       "decidedBy": "key_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "decidedByRole": "pmo",
         *       "decidedAt": "2027-01-04T09:00:00.000Z",
         *       "statusBefore": "ready_for_review",
         *       "statusAfter": "accepted",
         *       "evidence": {
         *         "capturedAt": "2027-01-04T09:00:00.000Z",
         *         "tasks": [],
         *         "counts": {
         *           "total": 0,
         *           "done": 0,
         *           "inProgress": 0,
         *           "todo": 0,
         *           "cancelled": 0,
         *           "blocked": 0
         *         },
         *         "progress": null
         *       },
         *       "pushBacks": 3,
         *       "unlockedMilestoneIds": [
         *         "pms_019a0b1c2d3e4f5a6b7c8d9e0f"
         *       ]
         *     }
         */
        Decision: {
            criteria: components["schemas"]["CriterionResult"][];
            /** Format: date-time */
            decidedAt: string;
            /** @description The deciding API key id */
            decidedBy: string;
            /** @enum {string} */
            decidedByRole: "admin" | "pmo" | "finance" | "provider";
            /** @enum {string} */
            decision: "accept" | "reject";
            deliverableId: string;
            engagementId: string;
            evidence: components["schemas"]["DecisionEvidence"];
            id: string;
            note: string | null;
            /** @description Accepted before ready_for_review or despite an unmet criterion */
            override: boolean;
            /** @description On creation: tracker items the decision is written back to (tasks or their epic / parent) */
            pushBacks?: number;
            /** @enum {string} */
            statusAfter: "planned" | "in_progress" | "ready_for_review" | "accepted" | "rejected";
            /** @enum {string} */
            statusBefore: "planned" | "in_progress" | "ready_for_review" | "accepted" | "rejected";
            /** @description On creation: payment milestones this decision unlocked */
            unlockedMilestoneIds?: string[];
        };
        /** @description The deliverable’s tasks (deleted ones left out) as they stood when the decision was taken */
        DecisionEvidence: {
            /** Format: date-time */
            capturedAt: string;
            counts: {
                blocked: number;
                cancelled: number;
                done: number;
                inProgress: number;
                todo: number;
                total: number;
            };
            /** @description The deliverable’s progress as last computed; null when none was yet */
            progress: {
                /** Format: date-time */
                computedAt: string;
                doneCount: number;
                doneWeight: number;
                forecastDate: string | null;
                progress: number | null;
                reasons: string[];
                /** @enum {string} */
                scheduleStatus: "accepted" | "late" | "at_risk" | "on_track";
                taskCount: number;
                totalWeight: number;
            } | null;
            tasks: {
                assignee: string | null;
                blocked: boolean;
                cancelled: boolean;
                completedAt: string | null;
                connectionId: string;
                estimate: number | null;
                externalId: string;
                id: string;
                key: string | null;
                parentExternalId: string | null;
                status: string;
                /** @enum {string} */
                statusCategory: "todo" | "in_progress" | "done";
                title: string;
                /** @enum {string} */
                tracker: "jira" | "trello" | "asana";
                /** Format: date-time */
                updatedAt: string;
                /** Format: uri */
                url: string;
            }[];
        };
        /**
         * @example {
         *       "id": "dlv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "engagementId": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "title": "Design system",
         *       "description": "Tokens, components and their documentation",
         *       "dueDate": "2027-03-31",
         *       "acceptanceCriteria": [
         *         "All components documented",
         *         "Accessibility audit passed (WCAG 2.1 AA)"
         *       ],
         *       "weight": 2,
         *       "selector": {
         *         "jira": {
         *           "epicKeys": [
         *             "PORTAL-1"
         *           ],
         *           "labels": [
         *             "design-system"
         *           ]
         *         }
         *       },
         *       "status": "planned",
         *       "removedAt": null,
         *       "createdAt": "2027-01-04T09:00:00.000Z",
         *       "updatedAt": "2027-01-04T09:00:00.000Z"
         *     }
         */
        Deliverable: {
            acceptanceCriteria: string[];
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            /** Format: date */
            dueDate: string;
            engagementId: string;
            id: string;
            /** @description Set when an approved change request removed it */
            removedAt: string | null;
            selector: components["schemas"]["DeliverableSelector"];
            /** @enum {string} */
            status: "planned" | "in_progress" | "ready_for_review" | "accepted" | "rejected";
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description On single reads and writes: what is valid but unusual (due dates outside the engagement, milestones below the contract value) */
            warnings?: components["schemas"]["FieldWarning"][];
            weight: number;
        };
        DeliverableAcceptedEvent: {
            data: {
                criteria: components["schemas"]["CriterionResult"][];
                /** Format: date-time */
                decidedAt: string;
                /** @enum {string} */
                decision: "accept" | "reject";
                decisionId: string;
                deliverableId: string;
                /**
                 * Format: date
                 * @description As amended by approved change requests
                 */
                dueDate: string;
                note: string | null;
                override: boolean;
                title: string;
            };
            engagementId: string | null;
            /** @description The event id, also sent as `webhook-id`: the same on every attempt */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            providerId: string | null;
            subject: {
                id: string;
                /** @enum {string} */
                type: "deliverable" | "milestone" | "change_request";
            };
            /** @constant */
            type: "deliverable.accepted";
        };
        DeliverableAtRiskEvent: {
            data: {
                deliverableId: string;
                /**
                 * Format: date
                 * @description As amended by approved change requests
                 */
                dueDate: string;
                engagementId: string;
                reasons: string[];
                /** @enum {string} */
                scheduleStatus: "accepted" | "late" | "at_risk" | "on_track";
                title: string;
            };
            engagementId: string | null;
            /** @description The event id, also sent as `webhook-id`: the same on every attempt */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            providerId: string | null;
            subject: {
                id: string;
                /** @enum {string} */
                type: "deliverable" | "milestone" | "change_request";
            };
            /** @constant */
            type: "deliverable.at_risk";
        };
        /** @description Stored by the recompute job; null until it has seen the deliverable */
        DeliverableFigures: {
            blockedCount: number;
            cancelledCount: number;
            /**
             * Format: date-time
             * @description When the recompute job last changed these figures
             */
            computedAt: string;
            doneCount: number;
            doneWeight: number;
            /** @description When the remaining weight will be done; null without throughput */
            forecastDate: string | null;
            /** @description No task counts: flagged, never 100 % */
            noTasks: boolean;
            /** @description done weight / total weight; null with no tasks */
            progress: number | null;
            reasons: string[];
            /** @enum {string} */
            scheduleStatus: "accepted" | "late" | "at_risk" | "on_track";
            /** @description Tasks that count: not cancelled, not deleted */
            taskCount: number;
            /** @description Done weight per day over the last 14 days */
            throughputPerDay: number;
            totalWeight: number;
        };
        DeliverableLateEvent: {
            data: {
                deliverableId: string;
                /**
                 * Format: date
                 * @description As amended by approved change requests
                 */
                dueDate: string;
                engagementId: string;
                reasons: string[];
                /** @enum {string} */
                scheduleStatus: "accepted" | "late" | "at_risk" | "on_track";
                title: string;
            };
            engagementId: string | null;
            /** @description The event id, also sent as `webhook-id`: the same on every attempt */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            providerId: string | null;
            subject: {
                id: string;
                /** @enum {string} */
                type: "deliverable" | "milestone" | "change_request";
            };
            /** @constant */
            type: "deliverable.late";
        };
        /**
         * @example {
         *       "dueDate": "2027-04-15"
         *     }
         */
        DeliverablePatch: {
            /** @description Each criterion the client checks at acceptance */
            acceptanceCriteria?: string[];
            description?: string | null;
            /**
             * Format: date
             * @description A civil date, YYYY-MM-DD
             */
            dueDate?: string;
            selector?: components["schemas"]["DeliverableSelector"];
            title?: string;
            /** @description Relative weight in progress; default 1 */
            weight?: number;
        };
        /** @description A deliverable with its progress, forecast and schedule status as last recomputed */
        DeliverableRead: {
            acceptanceCriteria: string[];
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            /** Format: date */
            dueDate: string;
            engagementId: string;
            figures: components["schemas"]["DeliverableFigures"] | null;
            id: string;
            /** @description Set when an approved change request removed it */
            removedAt: string | null;
            selector: components["schemas"]["DeliverableSelector"];
            /** @enum {string} */
            status: "planned" | "in_progress" | "ready_for_review" | "accepted" | "rejected";
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description On single reads and writes: what is valid but unusual (due dates outside the engagement, milestones below the contract value) */
            warnings?: components["schemas"]["FieldWarning"][];
            weight: number;
        };
        DeliverableReadyForReviewEvent: {
            data: {
                deliverableId: string;
                /**
                 * Format: date
                 * @description As amended by approved change requests
                 */
                dueDate: string;
                engagementId: string;
                /**
                 * @description The status it left
                 * @enum {string}
                 */
                from: "planned" | "in_progress" | "ready_for_review" | "accepted" | "rejected";
                taskCount: number;
                title: string;
            };
            engagementId: string | null;
            /** @description The event id, also sent as `webhook-id`: the same on every attempt */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            providerId: string | null;
            subject: {
                id: string;
                /** @enum {string} */
                type: "deliverable" | "milestone" | "change_request";
            };
            /** @constant */
            type: "deliverable.ready_for_review";
        };
        DeliverableRejectedEvent: {
            data: {
                criteria: components["schemas"]["CriterionResult"][];
                /** Format: date-time */
                decidedAt: string;
                /** @enum {string} */
                decision: "accept" | "reject";
                decisionId: string;
                deliverableId: string;
                /**
                 * Format: date
                 * @description As amended by approved change requests
                 */
                dueDate: string;
                note: string | null;
                override: boolean;
                title: string;
            };
            engagementId: string | null;
            /** @description The event id, also sent as `webhook-id`: the same on every attempt */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            providerId: string | null;
            subject: {
                id: string;
                /** @enum {string} */
                type: "deliverable" | "milestone" | "change_request";
            };
            /** @constant */
            type: "deliverable.rejected";
        };
        DeliverableReworkStartedEvent: {
            data: {
                /**
                 * @description A task left done at the tracker, or POST …/rework
                 * @enum {string}
                 */
                by: "tasks" | "api";
                deliverableId: string;
                /**
                 * Format: date
                 * @description As amended by approved change requests
                 */
                dueDate: string;
                engagementId: string;
                /**
                 * @description The status it left: rejected
                 * @enum {string}
                 */
                from: "planned" | "in_progress" | "ready_for_review" | "accepted" | "rejected";
                /** @description The role of the caller, when by api */
                requestedByRole?: string;
                title: string;
            };
            engagementId: string | null;
            /** @description The event id, also sent as `webhook-id`: the same on every attempt */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            providerId: string | null;
            subject: {
                id: string;
                /** @enum {string} */
                type: "deliverable" | "milestone" | "change_request";
            };
            /** @constant */
            type: "deliverable.rework_started";
        };
        /**
         * @description Which tracker tasks the deliverable takes: a task matches if it matches any listed value
         * @example {
         *       "jira": {
         *         "epicKeys": [
         *           "PORTAL-1"
         *         ],
         *         "labels": [
         *           "design-system"
         *         ]
         *       }
         *     }
         */
        DeliverableSelector: {
            asana?: {
                customField?: {
                    gid: string;
                    values: string[];
                };
                sectionGids?: string[];
                tags?: string[];
                taskGids?: string[];
            };
            jira?: {
                components?: string[];
                epicKeys?: string[];
                fixVersions?: string[];
                issueKeys?: string[];
                labels?: string[];
            };
            trello?: {
                cardIds?: string[];
                labels?: string[];
                listIds?: string[];
            };
        };
        /**
         * @example {
         *       "deliverableId": "dlv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "engagementId": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "title": "Design system",
         *       "dueDate": "2027-03-31",
         *       "status": "in_progress",
         *       "scheduleStatus": "at_risk"
         *     }
         */
        DueDeliverable: {
            deliverableId: string;
            /** Format: date */
            dueDate: string;
            engagementId: string;
            /** @enum {string} */
            scheduleStatus: "accepted" | "late" | "at_risk" | "on_track";
            /** @enum {string} */
            status: "planned" | "in_progress" | "ready_for_review" | "accepted" | "rejected";
            title: string;
        };
        /**
         * @description Basis points of the amount per day early, capped
         * @example {
         *       "bpsPerDay": 20,
         *       "capBps": 500
         *     }
         */
        EarlyBonus: {
            bpsPerDay: number;
            capBps: number;
        };
        /**
         * @example {
         *       "id": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "providerId": "prv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "title": "Customer portal redesign",
         *       "objective": "A self-service portal customers use without calling support",
         *       "specificationUrl": "https://docs.client.example/portal/spec-v3.pdf",
         *       "currency": "EUR",
         *       "contractValueMinor": 12000000,
         *       "paymentTermsDays": 30,
         *       "confidentiality": "Mutual NDA of 2026-11-02",
         *       "ipOwnership": "Client owns all deliverables on payment",
         *       "clientContact": {
         *         "name": "Claire Martin",
         *         "email": "claire.martin@client.example"
         *       },
         *       "providerContact": {
         *         "name": "Paul Durand",
         *         "email": "paul.durand@atelier.example"
         *       },
         *       "startDate": "2027-01-04",
         *       "endDate": "2027-06-30",
         *       "timeZone": "Europe/Paris",
         *       "weightByEstimate": false,
         *       "status": "active",
         *       "allowedActions": [
         *         "close"
         *       ],
         *       "contractVersion": 2,
         *       "activatedAt": "2027-01-04T09:00:00.000Z",
         *       "closedAt": null,
         *       "createdAt": "2026-12-15T10:00:00.000Z",
         *       "updatedAt": "2027-02-10T14:30:00.000Z",
         *       "warnings": []
         *     }
         */
        Engagement: {
            activatedAt: string | null;
            /** @description Lifecycle actions its status allows now */
            allowedActions: ("activate" | "close")[];
            clientContact: components["schemas"]["Contact"] | null;
            closedAt: string | null;
            confidentiality: string | null;
            contractValueMinor: number;
            /** @description 1 until the first approved change request */
            contractVersion: number;
            /** Format: date-time */
            createdAt: string;
            currency: string;
            /** Format: date */
            endDate: string;
            id: string;
            ipOwnership: string | null;
            objective: string | null;
            paymentTermsDays: number | null;
            providerContact: components["schemas"]["Contact"] | null;
            providerId: string;
            specificationUrl: string | null;
            /** Format: date */
            startDate: string;
            /** @enum {string} */
            status: "draft" | "active" | "closed";
            timeZone: string;
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description On single reads and writes: what is valid but unusual (due dates outside the engagement, milestones below the contract value) */
            warnings?: components["schemas"]["FieldWarning"][];
            /** @description Tasks weigh their estimate in progress, else 1 each */
            weightByEstimate: boolean;
        };
        EngagementDashboard: {
            /** @description Open change requests: draft or submitted */
            changeRequests: {
                costMinor: number;
                /** Format: date-time */
                createdAt: string;
                id: string;
                scheduleDays: number;
                /** @enum {string} */
                status: "draft" | "submitted" | "approved" | "rejected" | "withdrawn";
                submittedAt: string | null;
                title: string;
            }[];
            deliverables: {
                /** Format: date */
                dueDate: string;
                figures: components["schemas"]["DeliverableFigures"] | null;
                id: string;
                /** @enum {string} */
                status: "planned" | "in_progress" | "ready_for_review" | "accepted" | "rejected";
                tasks: {
                    /** @description By tracker and status category */
                    groups: {
                        blocked: number;
                        cancelled: number;
                        count: number;
                        items: {
                            blocked: boolean;
                            cancelled: boolean;
                            id: string;
                            key: string | null;
                            status: string;
                            title: string;
                            /** Format: uri */
                            url: string;
                        }[];
                        /** @enum {string} */
                        statusCategory: "todo" | "in_progress" | "done";
                        /** @enum {string} */
                        tracker: "jira" | "trello" | "asana";
                    }[];
                    /** @description Task lines listed: at most 200 per deliverable */
                    shown: number;
                    total: number;
                };
                title: string;
                weight: number;
            }[];
            engagement: {
                contractVersion: number;
                currency: string;
                /** Format: date */
                endDate: string;
                id: string;
                providerId: string;
                /** Format: date */
                startDate: string;
                /** @enum {string} */
                status: "draft" | "active" | "closed";
                timeZone: string;
                title: string;
            };
            /** @description The 10 most recent entries */
            journal: {
                id: string;
                kind: string;
                /** Format: date-time */
                occurredAt: string;
                participants: string[];
                summary: string;
            }[];
            milestones: {
                /** @description Gross */
                amountMinor: number;
                bonusMinor: number | null;
                currency: string;
                /** @description Days the late-penalty rule charges */
                daysCharged: number | null;
                /** @description After grace (see PaymentMilestone) */
                daysLate: number | null;
                /** @description Calendar days late before grace */
                daysLateRaw: number | null;
                id: string;
                label: string;
                /** @description Set when it unlocks */
                netMinor: number | null;
                notBefore: string | null;
                penaltyMinor: number | null;
                requiredDeliverableIds: string[];
                retentionMinor: number | null;
                /** @description held → released → invoiced → paid; null: none held */
                retentionStatus: ("held" | "released" | "invoiced" | "paid") | null;
                /** @enum {string} */
                status: "locked" | "unlocked" | "invoiced" | "paid";
                unlockedAt: string | null;
            }[];
            summary: {
                /** @description Deliverables by stored schedule status; not_computed: no recompute has seen it yet */
                bySchedule: {
                    accepted: number;
                    at_risk: number;
                    late: number;
                    not_computed: number;
                    on_track: number;
                };
                deliverables: number;
                /** @description Deliverables' progress weighted by their weight */
                progress: number | null;
                /** @description Retention of its settled milestones: held back (until released after the warranty), payable (released or invoiced), paid */
                retention: {
                    currency: string;
                    heldMinor: number;
                    paidMinor: number;
                    payableMinor: number;
                };
            };
            /** @description Today in the engagement's time zone */
            today: string;
        };
        /**
         * @example {
         *       "endDate": "2027-07-31",
         *       "contractValueMinor": 13000000
         *     }
         */
        EngagementPatch: {
            /** @description The client project manager; required to activate */
            clientContact?: components["schemas"]["Contact"] | null;
            confidentiality?: string | null;
            /** @description Integer minor units */
            contractValueMinor?: number;
            /** @description ISO 4217 */
            currency?: string;
            /**
             * Format: date
             * @description A civil date, YYYY-MM-DD
             */
            endDate?: string;
            ipOwnership?: string | null;
            objective?: string | null;
            paymentTermsDays?: number | null;
            /** @description The provider account manager; required to activate */
            providerContact?: components["schemas"]["Contact"] | null;
            specificationUrl?: string | null;
            /**
             * Format: date
             * @description A civil date, YYYY-MM-DD
             */
            startDate?: string;
            /** @description IANA name; the civil dates of lateness are taken in it. Default UTC */
            timeZone?: string;
            title?: string;
            /** @description Progress weighs each task by its estimate (story points, hours); default false: 1 each */
            weightByEstimate?: boolean;
        };
        /**
         * @example {
         *       "engagementId": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "providerId": "prv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "quality": 4,
         *       "timeliness": 3,
         *       "communication": 5,
         *       "autonomy": 4,
         *       "budget": 4,
         *       "strengths": "Clear weekly reporting; strong design work",
         *       "improvements": "Estimate integration work earlier",
         *       "lessons": "Agree the analytics scope before kickoff",
         *       "evaluatedBy": "key_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "createdAt": "2027-07-05T10:00:00.000Z",
         *       "updatedAt": "2027-07-05T10:00:00.000Z"
         *     }
         */
        Evaluation: {
            autonomy: number;
            budget: number;
            communication: number;
            /** Format: date-time */
            createdAt: string;
            engagementId: string;
            evaluatedBy: string;
            improvements: string | null;
            lessons: string | null;
            providerId: string;
            quality: number;
            strengths: string | null;
            timeliness: number;
            /** Format: date-time */
            updatedAt: string;
        };
        /**
         * @description Scores from 1 (poor) to 5 (excellent)
         * @example {
         *       "quality": 4,
         *       "timeliness": 3,
         *       "communication": 5,
         *       "autonomy": 4,
         *       "budget": 4,
         *       "strengths": "Clear weekly reporting; strong design work",
         *       "improvements": "Estimate integration work earlier",
         *       "lessons": "Agree the analytics scope before kickoff"
         *     }
         */
        EvaluationBody: {
            autonomy: number;
            budget: number;
            communication: number;
            improvements?: string | null;
            lessons?: string | null;
            quality: number;
            strengths?: string | null;
            timeliness: number;
        };
        /**
         * @example {
         *       "id": "42",
         *       "eventId": "evt_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "eventType": "milestone.unlocked",
         *       "status": "delivered",
         *       "attempts": 3,
         *       "lastStatusCode": 200,
         *       "lastError": null,
         *       "lastAttemptAt": "2027-03-04T10:01:31.000Z",
         *       "nextAttemptAt": null,
         *       "deliveredAt": "2027-03-04T10:01:31.000Z",
         *       "createdAt": "2027-03-04T10:00:00.000Z"
         *     }
         */
        EventDelivery: {
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            deliveredAt: string | null;
            /** @description Sent as `Jalon-Event-Id`; the same on every attempt */
            eventId: string;
            /** @enum {string} */
            eventType: "deliverable.ready_for_review" | "deliverable.accepted" | "deliverable.rejected" | "deliverable.rework_started" | "deliverable.at_risk" | "deliverable.late" | "milestone.unlocked" | "milestone.resettled" | "milestone.removed" | "milestone.invoiced" | "milestone.paid" | "milestone.retention_released" | "change_request.approved";
            id: string;
            lastAttemptAt: string | null;
            lastError: string | null;
            lastStatusCode: number | null;
            nextAttemptAt: string | null;
            /**
             * @description `pending` (being tried), `delivered` (a 2xx answer), `failed` (attempts exhausted), `cancelled` (subscription deleted)
             * @enum {string}
             */
            status: "pending" | "delivered" | "failed" | "cancelled";
        };
        /**
         * @description Accepted, but worth a look
         * @example {
         *       "path": "body.dueDate",
         *       "message": "is outside the engagement (2027-01-04 to 2027-06-30)"
         *     }
         */
        FieldWarning: {
            message: string;
            path: string;
        };
        /**
         * @example {
         *       "invoiceRef": "INV-2027-0042"
         *     }
         */
        InvoiceRequest: {
            /** @description The invoice number in the finance tool */
            invoiceRef: string;
        };
        /**
         * @example {
         *       "id": "jnl_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "engagementId": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "kind": "status_meeting",
         *       "occurredAt": "2027-02-01T10:00:00.000Z",
         *       "participants": [
         *         "Claire Martin",
         *         "Paul Durand"
         *       ],
         *       "summary": "Design system on track; analytics scope to be discussed",
         *       "decisions": [
         *         "Weekly demo moves to Thursdays"
         *       ],
         *       "actionItems": [
         *         {
         *           "description": "Share the staging URL",
         *           "owner": "Paul Durand",
         *           "dueDate": "2027-02-04"
         *         }
         *       ],
         *       "author": {
         *         "keyId": "key_019a0b1c2d3e4f5a6b7c8d9e0f",
         *         "role": "pmo"
         *       },
         *       "createdAt": "2027-02-01T11:00:00.000Z"
         *     }
         */
        JournalEntry: {
            actionItems: components["schemas"]["ActionItem"][];
            author: {
                keyId: string;
                role: string;
            };
            /** Format: date-time */
            createdAt: string;
            decisions: string[];
            engagementId: string;
            id: string;
            /** @enum {string} */
            kind: "kickoff" | "status_meeting" | "decision" | "debrief" | "note" | "status_report";
            /** Format: date-time */
            occurredAt: string;
            participants: string[];
            summary: string;
        };
        /**
         * @description Basis points of the amount per day late after the grace days, capped
         * @example {
         *       "bpsPerDay": 50,
         *       "graceDays": 2,
         *       "capBps": 1000
         *     }
         */
        LatePenalty: {
            bpsPerDay: number;
            capBps: number;
            graceDays: number;
        };
        /**
         * @example {
         *       "id": "lnk_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "engagementId": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "connectionId": "con_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "tracker": "jira",
         *       "scope": {
         *         "projectKey": "PAY"
         *       },
         *       "lastSyncAt": "2027-01-10T08:00:00.000Z",
         *       "lastFullSyncAt": "2027-01-10T08:00:00.000Z",
         *       "createdAt": "2027-01-01T08:00:00.000Z"
         *     }
         */
        Link: {
            connectionId: string;
            /** Format: date-time */
            createdAt: string;
            engagementId: string;
            id: string;
            lastFullSyncAt: string | null;
            lastSyncAt: string | null;
            scope: {
                projectKey: string;
            } | {
                jql: string;
            } | {
                boardId: string;
            } | {
                projectGid: string;
            };
            /** @enum {string} */
            tracker: "jira" | "trello" | "asana";
        };
        /**
         * @description Who the caller is: the workspace shows the pages and actions of this role
         * @example {
         *       "kind": "api_key",
         *       "role": "pmo",
         *       "providerId": null,
         *       "keyId": "key_019a0b1c2d3e4f5a6b7c8d9e0f"
         *     }
         */
        Me: {
            /** @description The API key, when the caller used one */
            keyId: string | null;
            /**
             * @description How the caller signed in
             * @enum {string}
             */
            kind: "api_key" | "user";
            /** @description Set for the provider role only */
            providerId: string | null;
            /** @enum {string} */
            role: "admin" | "pmo" | "finance" | "provider";
        };
        /**
         * @example {
         *       "id": "pms_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "engagementId": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "currency": "EUR",
         *       "label": "Design sign-off",
         *       "amountMinor": 3600000,
         *       "requiredDeliverableIds": [
         *         "dlv_019a0b1c2d3e4f5a6b7c8d9e0f"
         *       ],
         *       "notBefore": "2027-03-01",
         *       "retentionBps": 500,
         *       "latePenalty": {
         *         "bpsPerDay": 50,
         *         "graceDays": 2,
         *         "capBps": 1000
         *       },
         *       "earlyBonus": {
         *         "bpsPerDay": 20,
         *         "capBps": 500
         *       },
         *       "warrantyDays": 0,
         *       "status": "locked",
         *       "bonusMinor": null,
         *       "penaltyMinor": null,
         *       "retentionMinor": null,
         *       "netMinor": null,
         *       "daysLate": null,
         *       "daysLateRaw": null,
         *       "daysCharged": null,
         *       "retentionStatus": null,
         *       "unlockedAt": null,
         *       "invoiceRef": null,
         *       "invoicedAt": null,
         *       "paymentRef": null,
         *       "paidAt": null,
         *       "removedAt": null,
         *       "createdAt": "2027-01-04T09:00:00.000Z",
         *       "updatedAt": "2027-01-04T09:00:00.000Z"
         *     }
         */
        Milestone: {
            amountMinor: number;
            bonusMinor: number | null;
            /** Format: date-time */
            createdAt: string;
            currency: string;
            /** @description Days the late-penalty rule charges */
            daysCharged: number | null;
            /** @description After grace (see PaymentMilestone) */
            daysLate: number | null;
            /** @description Before grace */
            daysLateRaw: number | null;
            earlyBonus: components["schemas"]["EarlyBonus"] | null;
            engagementId: string;
            id: string;
            invoicedAt: string | null;
            invoiceRef: string | null;
            label: string;
            latePenalty: components["schemas"]["LatePenalty"] | null;
            /** @description Set when it unlocks: amount + bonus − penalty − retention */
            netMinor: number | null;
            notBefore: string | null;
            paidAt: string | null;
            paymentRef: string | null;
            penaltyMinor: number | null;
            /** @description Set when an approved change request removed it */
            removedAt: string | null;
            requiredDeliverableIds: string[];
            retentionBps: number;
            retentionMinor: number | null;
            retentionStatus: ("held" | "released" | "invoiced" | "paid") | null;
            /** @enum {string} */
            status: "locked" | "unlocked" | "invoiced" | "paid";
            unlockedAt: string | null;
            /** Format: date-time */
            updatedAt: string;
            /** @description On single reads and writes: what is valid but unusual (due dates outside the engagement, milestones below the contract value) */
            warnings?: components["schemas"]["FieldWarning"][];
            warrantyDays: number;
        };
        MilestoneInvoicedEvent: {
            data: {
                amountMinor: number;
                currency: string;
                /** Format: date-time */
                invoicedAt: string;
                invoiceRef: string | null;
                label: string;
                milestoneId: string;
                netMinor: number;
            };
            engagementId: string | null;
            /** @description The event id, also sent as `webhook-id`: the same on every attempt */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            providerId: string | null;
            subject: {
                id: string;
                /** @enum {string} */
                type: "deliverable" | "milestone" | "change_request";
            };
            /** @constant */
            type: "milestone.invoiced";
        };
        MilestonePaidEvent: {
            data: {
                amountMinor: number;
                currency: string;
                invoiceRef: string | null;
                label: string;
                milestoneId: string;
                netMinor: number;
                /** Format: date-time */
                paidAt: string;
                paymentRef: string | null;
            };
            engagementId: string | null;
            /** @description The event id, also sent as `webhook-id`: the same on every attempt */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            providerId: string | null;
            subject: {
                id: string;
                /** @enum {string} */
                type: "deliverable" | "milestone" | "change_request";
            };
            /** @constant */
            type: "milestone.paid";
        };
        /**
         * @example {
         *       "amountMinor": 4000000
         *     }
         */
        MilestonePatch: {
            /** @description Integer minor units of the engagement's currency */
            amountMinor?: number;
            earlyBonus?: components["schemas"]["EarlyBonus"] | null;
            label?: string;
            latePenalty?: components["schemas"]["LatePenalty"] | null;
            /** @description It cannot unlock before this date */
            notBefore?: string | null;
            /** @description Deliverables that must all be accepted */
            requiredDeliverableIds?: string[];
            /** @description Holdback on the gross amount; default 0 */
            retentionBps?: number;
            /** @description Days after the unlock before its retention may be released (retenue de garantie); default 0 */
            warrantyDays?: number;
        };
        MilestoneRemovedEvent: {
            data: {
                amountMinor: number;
                bonusMinor: number;
                changeRequestId: string;
                currency: string;
                /** @description Days the late-penalty rule charges */
                daysCharged: number;
                daysEarly: number;
                /** @description After grace */
                daysLate: number;
                /** @description Calendar days late before grace */
                daysLateRaw: number;
                evidence: components["schemas"]["UnlockEvidence"];
                label: string;
                milestoneId: string;
                /** @description What is payable: amount + bonus − penalty − retention */
                netMinor: number;
                penaltyMinor: number;
                retentionMinor: number;
                /** Format: date-time */
                unlockedAt: string;
                /** @description The first day its retention may be released */
                warrantyEndsOn: string | null;
            };
            engagementId: string | null;
            /** @description The event id, also sent as `webhook-id`: the same on every attempt */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            providerId: string | null;
            subject: {
                id: string;
                /** @enum {string} */
                type: "deliverable" | "milestone" | "change_request";
            };
            /** @constant */
            type: "milestone.removed";
        };
        MilestoneResettledEvent: {
            data: {
                amountMinor: number;
                bonusMinor: number;
                changeRequestId: string;
                currency: string;
                /** @description Days the late-penalty rule charges */
                daysCharged: number;
                daysEarly: number;
                /** @description After grace */
                daysLate: number;
                /** @description Calendar days late before grace */
                daysLateRaw: number;
                evidence: components["schemas"]["UnlockEvidence"];
                label: string;
                milestoneId: string;
                /** @description What is payable: amount + bonus − penalty − retention */
                netMinor: number;
                penaltyMinor: number;
                previous: {
                    amountMinor: number;
                    bonusMinor: number;
                    daysEarly: number;
                    daysLate: number;
                    netMinor: number;
                    penaltyMinor: number;
                    retentionMinor: number;
                };
                retentionMinor: number;
                /** Format: date-time */
                unlockedAt: string;
                /** @description The first day its retention may be released */
                warrantyEndsOn: string | null;
            };
            engagementId: string | null;
            /** @description The event id, also sent as `webhook-id`: the same on every attempt */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            providerId: string | null;
            subject: {
                id: string;
                /** @enum {string} */
                type: "deliverable" | "milestone" | "change_request";
            };
            /** @constant */
            type: "milestone.resettled";
        };
        MilestoneRetentionReleasedEvent: {
            data: {
                currency: string;
                label: string;
                milestoneId: string;
                /** Format: date-time */
                releasedAt: string;
                retentionMinor: number;
                /** Format: date */
                warrantyEndsOn: string;
            };
            engagementId: string | null;
            /** @description The event id, also sent as `webhook-id`: the same on every attempt */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            providerId: string | null;
            subject: {
                id: string;
                /** @enum {string} */
                type: "deliverable" | "milestone" | "change_request";
            };
            /** @constant */
            type: "milestone.retention_released";
        };
        MilestoneUnlockedEvent: {
            data: {
                amountMinor: number;
                bonusMinor: number;
                currency: string;
                /** @description Days the late-penalty rule charges */
                daysCharged: number;
                daysEarly: number;
                /** @description After grace */
                daysLate: number;
                /** @description Calendar days late before grace */
                daysLateRaw: number;
                evidence: components["schemas"]["UnlockEvidence"];
                label: string;
                milestoneId: string;
                /** @description What is payable: amount + bonus − penalty − retention */
                netMinor: number;
                penaltyMinor: number;
                retentionMinor: number;
                /** Format: date-time */
                unlockedAt: string;
                /** @description The first day its retention may be released */
                warrantyEndsOn: string | null;
            };
            engagementId: string | null;
            /** @description The event id, also sent as `webhook-id`: the same on every attempt */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            providerId: string | null;
            subject: {
                id: string;
                /** @enum {string} */
                type: "deliverable" | "milestone" | "change_request";
            };
            /** @constant */
            type: "milestone.unlocked";
        };
        /**
         * @example {
         *       "title": "Avenant 1: analytics dashboard",
         *       "rationale": "Marketing needs usage analytics before the summer campaign",
         *       "changes": [
         *         {
         *           "op": "modify_deliverable",
         *           "deliverableId": "dlv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *           "set": {
         *             "dueDate": "2027-04-15"
         *           }
         *         },
         *         {
         *           "op": "add_deliverable",
         *           "ref": "analytics",
         *           "deliverable": {
         *             "title": "Usage analytics dashboard",
         *             "dueDate": "2027-06-15",
         *             "acceptanceCriteria": [
         *               "Weekly active users per segment"
         *             ]
         *           }
         *         },
         *         {
         *           "op": "add_milestone",
         *           "milestone": {
         *             "label": "Analytics delivered",
         *             "amountMinor": 1500000,
         *             "requiredDeliverableIds": [
         *               "analytics"
         *             ]
         *           }
         *         },
         *         {
         *           "op": "modify_terms",
         *           "set": {
         *             "contractValueMinor": 13500000
         *           }
         *         }
         *       ],
         *       "impact": {
         *         "costMinor": 1500000,
         *         "scheduleDays": 15
         *       }
         *     }
         */
        NewChangeRequest: {
            /** @description Must be true to change the money of a milestone already unlocked, invoiced or paid */
            affectsUnlockedMilestones?: boolean;
            changes: components["schemas"]["ChangeOp"][];
            impact: components["schemas"]["ChangeImpact"];
            rationale: string;
            title: string;
        };
        /**
         * @example {
         *       "tracker": "jira",
         *       "name": "Acme Jira",
         *       "baseUrl": "https://acme.atlassian.net",
         *       "credentials": {
         *         "email": "jalon@acme.example",
         *         "apiToken": "••••"
         *       },
         *       "webhookSecret": "••••••••••••••••"
         *     }
         */
        NewConnection: {
            /** Format: uri */
            baseUrl?: string;
            /** @description Write-only. Jira `{ email, apiToken }` or `{ oauth: { clientId, clientSecret, accessToken, refreshToken?, cloudId } }`; Trello `{ apiKey, apiToken, appSecret }`; Asana `{ accessToken }` */
            credentials: {
                [key: string]: unknown;
            };
            name: string;
            /** @description Per-connection overrides (see adapters/README.md) */
            settings?: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            tracker: "jira" | "trello" | "asana";
            /** @description Jira admin webhook secret (write-only) */
            webhookSecret?: string;
        };
        /**
         * @example {
         *       "decision": "accept",
         *       "note": "Signed off at the review meeting",
         *       "criteria": [
         *         {
         *           "criterion": "Components documented",
         *           "met": true
         *         },
         *         {
         *           "criterion": "WCAG 2.1 AA audit passed",
         *           "met": true
         *         }
         *       ]
         *     }
         */
        NewDecision: {
            /** @description Per-criterion results; each names one of the deliverable’s acceptance criteria, at most once (422 otherwise). Accepting with an unmet criterion needs override: true. */
            criteria?: components["schemas"]["CriterionResult"][];
            /** @enum {string} */
            decision: "accept" | "reject";
            note?: string | null;
            /** @description Accept before the deliverable is ready_for_review (from planned or in_progress), or despite an unmet criterion; recorded as an override */
            override?: boolean;
        };
        /**
         * @example {
         *       "title": "Design system",
         *       "description": "Tokens, components and their documentation",
         *       "dueDate": "2027-03-31",
         *       "acceptanceCriteria": [
         *         "All components documented",
         *         "Accessibility audit passed (WCAG 2.1 AA)"
         *       ],
         *       "weight": 2,
         *       "selector": {
         *         "jira": {
         *           "epicKeys": [
         *             "PORTAL-1"
         *           ],
         *           "labels": [
         *             "design-system"
         *           ]
         *         }
         *       }
         *     }
         */
        NewDeliverable: {
            /** @description Each criterion the client checks at acceptance */
            acceptanceCriteria: string[];
            description?: string | null;
            /**
             * Format: date
             * @description A civil date, YYYY-MM-DD
             */
            dueDate: string;
            selector?: components["schemas"]["DeliverableSelector"];
            title: string;
            /** @description Relative weight in progress; default 1 */
            weight?: number;
        };
        /**
         * @example {
         *       "providerId": "prv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "title": "Customer portal redesign",
         *       "objective": "A self-service portal customers use without calling support",
         *       "specificationUrl": "https://docs.client.example/portal/spec-v3.pdf",
         *       "currency": "EUR",
         *       "contractValueMinor": 12000000,
         *       "paymentTermsDays": 30,
         *       "confidentiality": "Mutual NDA of 2026-11-02",
         *       "ipOwnership": "Client owns all deliverables on payment",
         *       "clientContact": {
         *         "name": "Claire Martin",
         *         "email": "claire.martin@client.example"
         *       },
         *       "providerContact": {
         *         "name": "Paul Durand",
         *         "email": "paul.durand@atelier.example"
         *       },
         *       "startDate": "2027-01-04",
         *       "endDate": "2027-06-30",
         *       "timeZone": "Europe/Paris",
         *       "weightByEstimate": false
         *     }
         */
        NewEngagement: {
            /** @description The client project manager; required to activate */
            clientContact?: components["schemas"]["Contact"] | null;
            confidentiality?: string | null;
            /** @description Integer minor units */
            contractValueMinor: number;
            /** @description ISO 4217 */
            currency: string;
            /**
             * Format: date
             * @description A civil date, YYYY-MM-DD
             */
            endDate: string;
            ipOwnership?: string | null;
            objective?: string | null;
            paymentTermsDays?: number | null;
            /** @description The provider account manager; required to activate */
            providerContact?: components["schemas"]["Contact"] | null;
            providerId: string;
            specificationUrl?: string | null;
            /**
             * Format: date
             * @description A civil date, YYYY-MM-DD
             */
            startDate: string;
            /** @description IANA name; the civil dates of lateness are taken in it. Default UTC */
            timeZone?: string;
            title: string;
            /** @description Progress weighs each task by its estimate (story points, hours); default false: 1 each */
            weightByEstimate?: boolean;
        };
        /**
         * @example {
         *       "kind": "status_meeting",
         *       "occurredAt": "2027-02-01T10:00:00.000Z",
         *       "participants": [
         *         "Claire Martin",
         *         "Paul Durand"
         *       ],
         *       "summary": "Design system on track; analytics scope to be discussed",
         *       "decisions": [
         *         "Weekly demo moves to Thursdays"
         *       ],
         *       "actionItems": [
         *         {
         *           "description": "Share the staging URL",
         *           "owner": "Paul Durand",
         *           "dueDate": "2027-02-04"
         *         }
         *       ]
         *     }
         */
        NewJournalEntry: {
            actionItems?: components["schemas"]["ActionItem"][];
            decisions?: string[];
            /**
             * @description status_report entries are written by Jalon itself
             * @enum {string}
             */
            kind: "kickoff" | "status_meeting" | "decision" | "debrief" | "note";
            /**
             * Format: date-time
             * @description When the exchange took place (ISO 8601 with a zone)
             */
            occurredAt: string;
            participants: string[];
            summary: string;
        };
        /**
         * @example {
         *       "connectionId": "con_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "scope": {
         *         "projectKey": "PAY"
         *       }
         *     }
         */
        NewLink: {
            connectionId: string;
            scope: {
                projectKey: string;
            } | {
                jql: string;
            } | {
                boardId: string;
            } | {
                projectGid: string;
            };
        };
        /**
         * @example {
         *       "label": "Design sign-off",
         *       "amountMinor": 3600000,
         *       "requiredDeliverableIds": [
         *         "dlv_019a0b1c2d3e4f5a6b7c8d9e0f"
         *       ],
         *       "notBefore": "2027-03-01",
         *       "retentionBps": 500,
         *       "latePenalty": {
         *         "bpsPerDay": 50,
         *         "graceDays": 2,
         *         "capBps": 1000
         *       },
         *       "earlyBonus": {
         *         "bpsPerDay": 20,
         *         "capBps": 500
         *       }
         *     }
         */
        NewMilestone: {
            /** @description Integer minor units of the engagement's currency */
            amountMinor: number;
            earlyBonus?: components["schemas"]["EarlyBonus"] | null;
            label: string;
            latePenalty?: components["schemas"]["LatePenalty"] | null;
            /** @description It cannot unlock before this date */
            notBefore?: string | null;
            /** @description Deliverables that must all be accepted */
            requiredDeliverableIds: string[];
            /** @description Holdback on the gross amount; default 0 */
            retentionBps?: number;
            /** @description Days after the unlock before its retention may be released (retenue de garantie); default 0 */
            warrantyDays?: number;
        };
        /**
         * @example {
         *       "name": "Atelier Numérique",
         *       "references": [
         *         {
         *           "client": "Banque Exemple",
         *           "contact": "J. Leroy, CIO",
         *           "outcome": "Delivered on time, would hire again"
         *         }
         *       ]
         *     }
         */
        NewProvider: {
            name: string;
            references?: components["schemas"]["ProviderReference"][];
        };
        /**
         * @example {
         *       "url": "https://erp.client.example/hooks/jalon",
         *       "events": [
         *         "milestone.unlocked",
         *         "milestone.paid"
         *       ],
         *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
         *     }
         */
        NewSubscription: {
            /** @description The event types this subscriber receives */
            events: ("deliverable.ready_for_review" | "deliverable.accepted" | "deliverable.rejected" | "deliverable.rework_started" | "deliverable.at_risk" | "deliverable.late" | "milestone.unlocked" | "milestone.resettled" | "milestone.removed" | "milestone.invoiced" | "milestone.paid" | "milestone.retention_released" | "change_request.approved")[];
            /** @description Write-only: the Standard Webhooks signing secret, `whsec_` + the base64 of 24 to 64 random bytes (docs/EVENTS.md). Any other string of 16 or more characters is accepted as before: its UTF-8 bytes are the key (the secret `whsec_` + base64 of it) */
            secret: string;
            /**
             * Format: uri
             * @description Where Jalon POSTs the events; http(s), without user:password@
             */
            url: string;
        };
        /**
         * @example {
         *       "id": "pms_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "engagementId": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "providerId": "prv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "label": "Design sign-off",
         *       "status": "unlocked",
         *       "currency": "EUR",
         *       "amountMinor": 6000000,
         *       "bonusMinor": 0,
         *       "penaltyMinor": 30000,
         *       "retentionMinor": 300000,
         *       "netMinor": 5670000,
         *       "daysLate": 1,
         *       "daysLateRaw": 3,
         *       "daysCharged": 1,
         *       "daysEarly": 0,
         *       "notBefore": null,
         *       "unlockedAt": "2027-01-04T09:00:00.000Z",
         *       "invoiceRef": null,
         *       "invoicedAt": null,
         *       "paymentRef": null,
         *       "paidAt": null,
         *       "warrantyDays": 90,
         *       "warrantyEndsOn": "2027-07-02",
         *       "retentionStatus": "held",
         *       "retentionReleasedAt": null,
         *       "retentionInvoiceRef": null,
         *       "retentionInvoicedAt": null,
         *       "retentionPaymentRef": null,
         *       "retentionPaidAt": null,
         *       "evidence": {
         *         "timeZone": "Europe/Paris",
         *         "lateness": 3,
         *         "deliverables": [
         *           {
         *             "deliverableId": "dlv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *             "title": "Design system",
         *             "dueDate": "2027-03-31",
         *             "decisionId": "dec_019a0b1c2d3e4f5a6b7c8d9e0f",
         *             "acceptedAt": "2027-04-03T09:00:00.000Z",
         *             "override": false,
         *             "daysLate": 3
         *           }
         *         ]
         *       }
         *     }
         */
        PaymentMilestone: {
            /** @description Gross amount in minor units */
            amountMinor: number;
            bonusMinor: number | null;
            currency: string;
            /** @description Days the late-penalty rule charges: daysLate under a penalty rule, else 0 (penalty = amount × min(bpsPerDay × daysCharged, capBps) / 10000); null while locked */
            daysCharged: number | null;
            daysEarly: number | null;
            /** @description Days late after grace, as DOMAIN.md defines them: max(0, lateness − graceDays), grace 0 without a penalty rule; null while locked */
            daysLate: number | null;
            /** @description Calendar days late before grace: max(0, evidence.lateness); null while locked */
            daysLateRaw: number | null;
            engagementId: string;
            /** @description Null while locked */
            evidence: components["schemas"]["UnlockEvidence"] | null;
            id: string;
            invoicedAt: string | null;
            invoiceRef: string | null;
            label: string;
            /** @description amount + bonus − penalty − retention; set when it unlocks */
            netMinor: number | null;
            notBefore: string | null;
            paidAt: string | null;
            paymentRef: string | null;
            penaltyMinor: number | null;
            providerId: string;
            retentionInvoicedAt: string | null;
            retentionInvoiceRef: string | null;
            retentionMinor: number | null;
            retentionPaidAt: string | null;
            retentionPaymentRef: string | null;
            retentionReleasedAt: string | null;
            /** @description held → released → invoiced → paid; null while nothing is held back */
            retentionStatus: ("held" | "released" | "invoiced" | "paid") | null;
            /** @enum {string} */
            status: "locked" | "unlocked" | "invoiced" | "paid";
            unlockedAt: string | null;
            /** @description Days after the unlock before the retention may be released */
            warrantyDays: number;
            /** @description The first day (engagement’s time zone) the retention may be released; null while locked */
            warrantyEndsOn: string | null;
        };
        /**
         * @example {
         *       "paymentRef": "SEPA-2027-04-30-118"
         *     }
         */
        PaymentRequest: {
            /** @description The payment or transfer reference */
            paymentRef: string;
        };
        /**
         * @description RFC 9457 problem details
         * @example {
         *       "type": "urn:jalon:problem:validation_failed",
         *       "title": "Bad Request",
         *       "status": 400,
         *       "detail": "The body is invalid: body.name Too small: expected string to have >=1 characters",
         *       "code": "validation_failed",
         *       "requestId": "req-1",
         *       "errors": [
         *         {
         *           "path": "body.name",
         *           "message": "Too small: expected string to have >=1 characters"
         *         }
         *       ]
         *     }
         */
        Problem: {
            code: string;
            detail: string;
            errors?: {
                message: string;
                path: string;
            }[];
            requestId: string;
            status: number;
            title: string;
            type: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @example {
         *       "id": "prv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "name": "Atelier Numérique",
         *       "references": [
         *         {
         *           "client": "Banque Exemple",
         *           "contact": "J. Leroy, CIO",
         *           "outcome": "Delivered on time, would hire again"
         *         }
         *       ],
         *       "createdAt": "2026-12-01T10:00:00.000Z",
         *       "updatedAt": "2026-12-01T10:00:00.000Z"
         *     }
         */
        Provider: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            name: string;
            references: components["schemas"]["ProviderReference"][];
            /** Format: date-time */
            updatedAt: string;
        };
        /**
         * @example {
         *       "name": "Atelier Numérique SAS"
         *     }
         */
        ProviderPatch: {
            name?: string;
            references?: components["schemas"]["ProviderReference"][];
        };
        /**
         * @example {
         *       "providerId": "prv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "name": "Atelier Durand",
         *       "activeEngagements": 2,
         *       "deliverables": {
         *         "total": 7,
         *         "bySchedule": {
         *           "on_track": 3,
         *           "at_risk": 1,
         *           "late": 1,
         *           "accepted": 2,
         *           "not_computed": 0
         *         }
         *       },
         *       "overdue": {
         *         "count": 1,
         *         "items": [
         *           {
         *             "deliverableId": "dlv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *             "engagementId": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *             "title": "Design system",
         *             "dueDate": "2027-02-28",
         *             "status": "in_progress",
         *             "scheduleStatus": "late"
         *           }
         *         ]
         *       },
         *       "nextDue": [
         *         {
         *           "deliverableId": "dlv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *           "engagementId": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *           "title": "Design system",
         *           "dueDate": "2027-03-31",
         *           "status": "in_progress",
         *           "scheduleStatus": "at_risk"
         *         }
         *       ],
         *       "blockedTasks": 2,
         *       "awaitingReview": 1,
         *       "money": [
         *         {
         *           "currency": "EUR",
         *           "unlockedMinor": 3420000,
         *           "invoicedMinor": 0,
         *           "paidMinor": 2850000
         *         }
         *       ],
         *       "retention": [
         *         {
         *           "currency": "EUR",
         *           "heldMinor": 330000,
         *           "payableMinor": 0,
         *           "paidMinor": 0
         *         }
         *       ],
         *       "onTime": {
         *         "accepted": 2,
         *         "onTime": 1,
         *         "rate": 0.5
         *       }
         *     }
         */
        ProviderPortfolio: {
            activeEngagements: number;
            /** @description Deliverables ready_for_review: the decisions backlog */
            awaitingReview: number;
            /** @description Blocked tasks, not done, of deliverables not accepted */
            blockedTasks: number;
            /** @description Of its active engagements */
            deliverables: {
                /** @description Deliverables by stored schedule status; not_computed: no recompute has seen it yet */
                bySchedule: {
                    accepted: number;
                    at_risk: number;
                    late: number;
                    not_computed: number;
                    on_track: number;
                };
                total: number;
            };
            /** @description Milestones by status and currency, net where settled (else gross); every engagement */
            money: {
                currency: string;
                invoicedMinor: number;
                paidMinor: number;
                unlockedMinor: number;
            }[];
            name: string;
            /** @description The next 5 due, not accepted */
            nextDue: components["schemas"]["DueDeliverable"][];
            /** @description Deliverables accepted on or before their due date, over those accepted; every engagement */
            onTime: {
                accepted: number;
                onTime: number;
                rate: number | null;
            };
            /** @description Not accepted and past the due date (today in each engagement's time zone) */
            overdue: {
                count: number;
                /** @description The 5 most overdue */
                items: components["schemas"]["DueDeliverable"][];
            };
            providerId: string;
            /** @description Retention of its settled milestones by currency (not part of the net in money); every engagement */
            retention: {
                currency: string;
                /** @description Held back until released after the warranty period */
                heldMinor: number;
                paidMinor: number;
                /** @description Released or invoiced, not paid yet */
                payableMinor: number;
            }[];
        };
        /**
         * @description A reference checked before selecting the provider
         * @example {
         *       "client": "Banque Exemple",
         *       "contact": "J. Leroy, CIO",
         *       "outcome": "Delivered on time, would hire again"
         *     }
         */
        ProviderReference: {
            client: string;
            contact: string;
            outcome: string;
        };
        /**
         * @example {
         *       "status": "ready",
         *       "checks": {
         *         "database": "ok",
         *         "redis": "ok"
         *       }
         *     }
         */
        Readiness: {
            checks: {
                [key: string]: "ok" | "down";
            };
            /** @enum {string} */
            status: "ready" | "not_ready";
        };
        /**
         * @example {
         *       "connectionId": "con_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "callbackUrl": "https://jalon.example.com/webhooks/jira/con_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "links": [
         *         {
         *           "linkId": "lnk_019a0b1c2d3e4f5a6b7c8d9e0f",
         *           "webhooks": [
         *             {
         *               "externalId": "42",
         *               "expiresAt": null
         *             }
         *           ]
         *         }
         *       ]
         *     }
         */
        RegisteredWebhooks: {
            /** Format: uri */
            callbackUrl: string;
            connectionId: string;
            links: {
                linkId: string;
                webhooks: {
                    expiresAt: string | null;
                    externalId: string;
                }[];
            }[];
        };
        /**
         * @example {
         *       "providerId": "prv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "engagements": {
         *         "total": 3,
         *         "draft": 0,
         *         "active": 1,
         *         "closed": 2
         *       },
         *       "evaluations": {
         *         "count": 2,
         *         "averages": {
         *           "quality": 4.5,
         *           "timeliness": 3,
         *           "communication": 4,
         *           "autonomy": 4,
         *           "budget": 3.5,
         *           "overall": 3.8
         *         }
         *       },
         *       "delivery": {
         *         "decidedDeliverables": 6,
         *         "acceptedDeliverables": 5,
         *         "onTimeRate": 0.8,
         *         "firstPassAcceptanceRate": 0.67,
         *         "averageDaysLate": 3,
         *         "rejections": 2,
         *         "rejectionRate": 0.25,
         *         "settledMilestones": 3,
         *         "penalties": [
         *           {
         *             "currency": "EUR",
         *             "amountMinor": 36000
         *           }
         *         ],
         *         "bonuses": []
         *       }
         *     }
         */
        Scorecard: {
            /** @description Measured facts; null where nothing has been measured yet */
            delivery: {
                acceptedDeliverables: number;
                /** @description Mean calendar days late over the late acceptances */
                averageDaysLate: number | null;
                /** @description Early bonuses of the settled milestones, by currency */
                bonuses: {
                    amountMinor: number;
                    currency: string;
                }[];
                /** @description Deliverables with at least one decision */
                decidedDeliverables: number;
                /** @description Deliverables accepted with no earlier rejection / deliverables decided */
                firstPassAcceptanceRate: number | null;
                /** @description Accepted by the due date (in the engagement time zone) / accepted */
                onTimeRate: number | null;
                /** @description Late penalties of the settled milestones, by currency */
                penalties: {
                    amountMinor: number;
                    currency: string;
                }[];
                /** @description Rejecting decisions / decisions */
                rejectionRate: number | null;
                /** @description Rejecting decisions */
                rejections: number;
                /** @description Milestones unlocked, invoiced or paid */
                settledMilestones: number;
            };
            engagements: {
                active: number;
                closed: number;
                draft: number;
                total: number;
            };
            evaluations: {
                /** @description Scores 1–5 averaged over the evaluated engagements; null before the first evaluation */
                averages: {
                    autonomy: number | null;
                    budget: number | null;
                    communication: number | null;
                    overall: number | null;
                    quality: number | null;
                    timeliness: number | null;
                };
                count: number;
            };
            providerId: string;
        };
        /**
         * @example {
         *       "engagement": {
         *         "id": "eng_019a0b1c2d3e4f5a6b7c8d9e0f",
         *         "title": "Portal redesign",
         *         "providerId": "prv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *         "status": "active",
         *         "currency": "EUR"
         *       },
         *       "period": {
         *         "from": "2027-03-01",
         *         "to": "2027-03-07",
         *         "timeZone": "Europe/Paris",
         *         "start": "2027-02-28T23:00:00.000Z",
         *         "end": "2027-03-07T23:00:00.000Z"
         *       },
         *       "generatedAt": "2027-03-08T07:15:02.000Z",
         *       "progress": {
         *         "overall": 0.62,
         *         "deliverables": [
         *           {
         *             "deliverableId": "dlv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *             "title": "Design system",
         *             "dueDate": "2027-03-31",
         *             "status": "in_progress",
         *             "progress": 0.62,
         *             "forecastDate": "2027-04-04",
         *             "scheduleStatus": "at_risk",
         *             "reasons": [
         *               "forecast 2027-04-04 after due 2027-03-31",
         *               "1 blocked task"
         *             ],
         *             "blockedTasks": 1
         *           }
         *         ]
         *       },
         *       "blockers": [
         *         {
         *           "deliverableId": "dlv_019a0b1c2d3e4f5a6b7c8d9e0f",
         *           "taskId": "tsk_019a0b1c2d3e4f5a6b7c8d9e0f",
         *           "tracker": "jira",
         *           "key": "PORTAL-12",
         *           "title": "Colour tokens",
         *           "url": "https://acme.atlassian.net/browse/PORTAL-12"
         *         }
         *       ],
         *       "awaitingDecision": [],
         *       "milestonesUnlocked": [],
         *       "decisions": [],
         *       "changeRequestsApproved": []
         *     }
         */
        StatusReport: {
            awaitingDecision: {
                deliverableId: string;
                /**
                 * Format: date
                 * @description A civil date, YYYY-MM-DD
                 */
                dueDate: string;
                title: string;
            }[];
            blockers: {
                deliverableId: string;
                key: string | null;
                taskId: string;
                title: string;
                tracker: string;
                url: string | null;
            }[];
            /** @description Approved within the period, with the impact they declared */
            changeRequestsApproved: {
                /** Format: date-time */
                approvedAt: string;
                changeRequestId: string;
                /** @description The contract version it made */
                contractVersion: number | null;
                impact: {
                    costMinor: number;
                    quality: string | null;
                    scheduleDays: number;
                };
                title: string;
            }[];
            /** @description Made within the period */
            decisions: {
                /** Format: date-time */
                decidedAt: string;
                /** @enum {string} */
                decision: "accept" | "reject";
                decisionId: string;
                deliverableId: string;
                note: string | null;
                override: boolean;
                title: string;
            }[];
            engagement: {
                currency: string;
                id: string;
                providerId: string;
                status: string;
                title: string;
            };
            /** Format: date-time */
            generatedAt: string;
            /** @description Unlocked within the period */
            milestonesUnlocked: {
                amountMinor: number;
                bonusMinor: number;
                /** @description Days the late-penalty rule charges */
                daysCharged: number;
                /** @description After grace (see PaymentMilestone) */
                daysLate: number;
                /** @description Calendar days late before grace */
                daysLateRaw: number;
                label: string;
                milestoneId: string;
                /** @description amountMinor + bonusMinor − penaltyMinor − retentionMinor */
                netMinor: number;
                penaltyMinor: number;
                retentionMinor: number;
                status: string;
                /** Format: date-time */
                unlockedAt: string;
            }[];
            /** @description Inclusive civil dates in the engagement time zone */
            period: {
                /**
                 * Format: date-time
                 * @description Midnight ending `to` in the time zone (exclusive)
                 */
                end: string;
                /**
                 * Format: date
                 * @description A civil date, YYYY-MM-DD
                 */
                from: string;
                /**
                 * Format: date-time
                 * @description Midnight starting `from` in the time zone
                 */
                start: string;
                timeZone: string;
                /**
                 * Format: date
                 * @description A civil date, YYYY-MM-DD
                 */
                to: string;
            };
            /** @description As the recompute job last stored it, at generatedAt */
            progress: {
                deliverables: {
                    blockedTasks: number;
                    deliverableId: string;
                    /**
                     * Format: date
                     * @description A civil date, YYYY-MM-DD
                     */
                    dueDate: string;
                    forecastDate: string | null;
                    progress: number | null;
                    reasons: string[];
                    /** @description accepted | late | at_risk | on_track; null before the first computation */
                    scheduleStatus: string | null;
                    status: string;
                    title: string;
                }[];
                overall: number | null;
            };
        };
        /**
         * @example {
         *       "id": "sub_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "url": "https://erp.client.example/hooks/jalon",
         *       "events": [
         *         "milestone.unlocked",
         *         "milestone.paid"
         *       ],
         *       "createdBy": "key_019a0b1c2d3e4f5a6b7c8d9e0a",
         *       "createdAt": "2027-01-04T09:00:00.000Z",
         *       "deletedAt": null
         *     }
         */
        Subscription: {
            /** Format: date-time */
            createdAt: string;
            /** @description The API key that created it */
            createdBy: string;
            /** @description Set once deleted: nothing more is delivered */
            deletedAt: string | null;
            events: ("deliverable.ready_for_review" | "deliverable.accepted" | "deliverable.rejected" | "deliverable.rework_started" | "deliverable.at_risk" | "deliverable.late" | "milestone.unlocked" | "milestone.resettled" | "milestone.removed" | "milestone.invoiced" | "milestone.paid" | "milestone.retention_released" | "change_request.approved")[];
            id: string;
            /** Format: uri */
            url: string;
        };
        /**
         * @example {
         *       "jobs": [
         *         {
         *           "linkId": "lnk_019a0b1c2d3e4f5a6b7c8d9e0f",
         *           "jobId": "sync-lnk_019a0b1c2d3e4f5a6b7c8d9e0f-full-1767600000000",
         *           "statusUrl": "/v1/connections/con_019a0b1c2d3e4f5a6b7c8d9e0f/sync/sync-lnk_019a0b1c2d3e4f5a6b7c8d9e0f-full-1767600000000"
         *         }
         *       ]
         *     }
         */
        SyncStarted: {
            jobs: {
                jobId: string;
                linkId: string;
                /** Format: uri-reference */
                statusUrl: string;
            }[];
        };
        /**
         * @example {
         *       "jobId": "sync-lnk_019a0b1c2d3e4f5a6b7c8d9e0f-full-1767600000000",
         *       "linkId": "lnk_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "state": "active",
         *       "progress": {
         *         "pages": 3,
         *         "tasks": 300,
         *         "changed": 299,
         *         "deleted": 0,
         *         "rejected": 1,
         *         "rejectedExternalIds": [
         *           "10042"
         *         ]
         *       },
         *       "result": null,
         *       "failedReason": null
         *     }
         */
        SyncStatus: {
            failedReason: string | null;
            jobId: string;
            linkId: string;
            progress: unknown;
            result: unknown;
            state: string;
        };
        /**
         * @example {
         *       "id": "tsk_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "connectionId": "con_019a0b1c2d3e4f5a6b7c8d9e0f",
         *       "tracker": "jira",
         *       "externalId": "10042",
         *       "key": "PAY-42",
         *       "url": "https://acme.atlassian.net/browse/PAY-42",
         *       "title": "Handle 3-D Secure challenges",
         *       "statusCategory": "done",
         *       "status": "Done",
         *       "cancelled": false,
         *       "blocked": false,
         *       "assignee": "Ana Lima",
         *       "dueDate": "2027-02-28",
         *       "labels": [
         *         "payments"
         *       ],
         *       "parentExternalId": "10040",
         *       "estimate": 5,
         *       "completedAt": "2027-02-20T16:02:11.000Z",
         *       "createdAt": "2027-01-05T09:00:00.000Z",
         *       "updatedAt": "2027-02-20T16:02:11.000Z",
         *       "deleted": false,
         *       "deliverableId": "dlv_019a0b1c2d3e4f5a6b7c8d9e0f"
         *     }
         */
        Task: {
            assignee: string | null;
            blocked: boolean;
            cancelled: boolean;
            completedAt: string | null;
            connectionId: string;
            /** Format: date-time */
            createdAt: string;
            deleted: boolean;
            deliverableId: string | null;
            dueDate: string | null;
            estimate: number | null;
            externalId: string;
            id: string;
            key: string | null;
            labels: string[];
            parentExternalId: string | null;
            status: string;
            /** @enum {string} */
            statusCategory: "todo" | "in_progress" | "done";
            title: string;
            /** @enum {string} */
            tracker: "jira" | "trello" | "asana";
            /** Format: date-time */
            updatedAt: string;
            /** Format: uri */
            url: string;
        };
        /**
         * @example {
         *       "endDate": "2027-07-31",
         *       "contractValueMinor": 13500000
         *     }
         */
        TermsChange: {
            contractValueMinor?: number;
            /**
             * Format: date
             * @description A civil date, YYYY-MM-DD
             */
            endDate?: string;
            paymentTermsDays?: number | null;
        };
        /** @description What the settlement was computed from: the accepted deliverables, their decisions and times */
        UnlockEvidence: {
            deliverables: {
                /** Format: date-time */
                acceptedAt: string;
                /** @description Acceptance date − due date in calendar days (negative: early) */
                daysLate: number;
                /** @description The accepting decision */
                decisionId: string;
                deliverableId: string;
                /**
                 * Format: date
                 * @description The due date as amended by approved change requests
                 */
                dueDate: string;
                override: boolean;
                title: string;
            }[];
            /** @description The largest daysLate of the required deliverables, before grace (negative: early) */
            lateness: number;
            /** @description The engagement’s time zone, in which lateness is counted */
            timeZone: string;
        };
        /**
         * @example {
         *       "received": true,
         *       "duplicate": false
         *     }
         */
        WebhookAck: {
            duplicate: boolean;
            /** @constant */
            received: true;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description `true` when this is the stored answer to an earlier request with the same key */
        IdempotentReplayed: "true";
        /** @description The URL of the created resource */
        Location: string;
        /** @description The id of this request, also in problems and logs */
        RequestId: string;
        /** @description Seconds to wait before retrying */
        RetryAfter: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable: the route’s own answer (JSON), or a problem (overload, an outage) */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listJobs: {
        parameters: {
            query?: {
                limit?: number;
                /** @description One queue (ingest, relay, sync, recompute, …); all when omitted */
                queue?: string;
                state?: "failed" | "completed" | "active" | "waiting" | "delayed" | "prioritized";
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminJobList"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retryJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                queue: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminJob"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ApiKeySummary"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKey"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeApiKey: {
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
            /** @description Revoked */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAudit: {
        parameters: {
            query?: {
                cursor?: string;
                entityId?: string;
                entityType?: string;
                limit?: number;
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AuditRecord"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyAudit: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerification"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getChangeRequest: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approveChangeRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ChangeRequestDecision"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectChangeRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ChangeRequestDecision"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submitChangeRequest: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    withdrawChangeRequest: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listConnections: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                tracker?: "jira" | "trello" | "asana";
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Connection"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createConnection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewConnection"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getConnection: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConnectionPatch"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    syncConnection: {
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
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncStarted"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSyncStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncStatus"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerWebhooks: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisteredWebhooks"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProvidersDashboard: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ProviderPortfolio"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDeliverable: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliverableRead"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateDeliverable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeliverablePatch"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deliverable"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    decideDeliverable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewDecision"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Decision"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDecisions: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Decision"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reworkDeliverable: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deliverable"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEngagements: {
        parameters: {
            query?: {
                /** @description ISO 4217 */
                currency?: string;
                cursor?: string;
                limit?: number;
                providerId?: string;
                status?: "draft" | "active" | "closed";
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Engagement"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createEngagement: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewEngagement"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Engagement"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEngagement: {
        parameters: {
            query?: {
                /** @description Read the contract as it stood in this version, with its deliverables and milestones */
                version?: number;
            };
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContractVersion"] | components["schemas"]["Engagement"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateEngagement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EngagementPatch"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Engagement"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    activateEngagement: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Engagement"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChangeRequests: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                status?: "draft" | "submitted" | "approved" | "rejected" | "withdrawn";
            };
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ChangeRequest"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createChangeRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewChangeRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    closeEngagement: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Engagement"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEngagementDashboard: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EngagementDashboard"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDeliverables: {
        parameters: {
            query?: {
                cursor?: string;
                /** @description Also list what approved change requests removed (default false) */
                includeRemoved?: "true" | "false";
                limit?: number;
                status?: "planned" | "in_progress" | "ready_for_review" | "accepted" | "rejected";
            };
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["DeliverableRead"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createDeliverable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewDeliverable"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deliverable"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEvaluation: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Evaluation"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putEvaluation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationBody"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Evaluation"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Evaluation"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listJournalEntries: {
        parameters: {
            query?: {
                cursor?: string;
                kind?: "kickoff" | "status_meeting" | "decision" | "debrief" | "note" | "status_report";
                limit?: number;
            };
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["JournalEntry"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createJournalEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewJournalEntry"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JournalEntry"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLinks: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Link"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewLink"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Link"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                linkId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMilestones: {
        parameters: {
            query?: {
                cursor?: string;
                /** @description Also list what approved change requests removed (default false) */
                includeRemoved?: "true" | "false";
                limit?: number;
                status?: "locked" | "unlocked" | "invoiced" | "paid";
            };
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Milestone"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createMilestone: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMilestone"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Milestone"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEngagementReport: {
        parameters: {
            query?: {
                /** @description First day of the period (inclusive, engagement time zone); default: `to` minus the report period plus one day */
                from?: string;
                /** @description Last day of the period (inclusive); default today in the engagement time zone */
                to?: string;
            };
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusReport"];
                    "text/markdown": string;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMilestone: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Milestone"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMilestone: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MilestonePatch"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Milestone"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPaymentMilestones: {
        parameters: {
            query?: {
                currency?: string;
                cursor?: string;
                engagementId?: string;
                limit?: number;
                providerId?: string;
                status?: "locked" | "unlocked" | "invoiced" | "paid";
                /** @description Unlocked at or after this instant (a date means its start, UTC) */
                unlockedSince?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description CSV only: the cursor of the next page, absent on the last */
                    "X-Next-Cursor"?: string;
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PaymentMilestone"][];
                        nextCursor: string | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPaymentMilestone: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentMilestone"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    invoicePaymentMilestone: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the write safe to retry: the same key and body replay the first answer (with Idempotent-Replayed: true); the same key with another body is 409 idempotency_key_reused */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvoiceRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentMilestone"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    invoicePaymentMilestoneRetention: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the write safe to retry: the same key and body replay the first answer (with Idempotent-Replayed: true); the same key with another body is 409 idempotency_key_reused */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvoiceRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentMilestone"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    payPaymentMilestone: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the write safe to retry: the same key and body replay the first answer (with Idempotent-Replayed: true); the same key with another body is 409 idempotency_key_reused */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentMilestone"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    payPaymentMilestoneRetention: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the write safe to retry: the same key and body replay the first answer (with Idempotent-Replayed: true); the same key with another body is 409 idempotency_key_reused */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentMilestone"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    releasePaymentMilestoneRetention: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the write safe to retry: the same key and body replay the first answer (with Idempotent-Replayed: true); the same key with another body is 409 idempotency_key_reused */
                "idempotency-key"?: string;
            };
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
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentMilestone"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProviders: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                /** @description Part of the name, case-insensitive */
                name?: string;
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Provider"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createProvider: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewProvider"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Provider"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProvider: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Provider"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProviderPatch"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Provider"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProviderScorecard: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Scorecard"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSubscriptions: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Subscription"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewSubscription"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSubscription: {
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteSubscription: {
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
            /** @description Deleted */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSubscriptionDeliveries: {
        parameters: {
            query?: {
                cursor?: string;
                eventId?: string;
                limit?: number;
                status?: "pending" | "delivered" | "failed" | "cancelled";
            };
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["EventDelivery"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTasks: {
        parameters: {
            query?: {
                connectionId?: string;
                cursor?: string;
                deliverableId?: string;
                engagementId?: string;
                externalId?: string;
                limit?: number;
                statusCategory?: "todo" | "in_progress" | "done";
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
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Task"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    receiveAsanaWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookAck"] | null;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Gone */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    receiveJiraWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookAck"] | null;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Gone */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    receiveTrelloWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookAck"] | null;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Gone */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    event_change_request_approved: {
        parameters: {
            query?: never;
            header: {
                "jalon-event-type": "change_request.approved";
                "webhook-id": string;
                /** @description One or more space-separated `v1,<base64 HMAC-SHA256>` */
                "webhook-signature": string;
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeRequestApprovedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the event is not sent again */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (a bad signature, for one): a failed attempt, retried with backoff */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A failed attempt, retried with backoff */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    event_deliverable_accepted: {
        parameters: {
            query?: never;
            header: {
                "jalon-event-type": "deliverable.accepted";
                "webhook-id": string;
                /** @description One or more space-separated `v1,<base64 HMAC-SHA256>` */
                "webhook-signature": string;
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeliverableAcceptedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the event is not sent again */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (a bad signature, for one): a failed attempt, retried with backoff */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A failed attempt, retried with backoff */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    event_deliverable_at_risk: {
        parameters: {
            query?: never;
            header: {
                "jalon-event-type": "deliverable.at_risk";
                "webhook-id": string;
                /** @description One or more space-separated `v1,<base64 HMAC-SHA256>` */
                "webhook-signature": string;
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeliverableAtRiskEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the event is not sent again */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (a bad signature, for one): a failed attempt, retried with backoff */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A failed attempt, retried with backoff */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    event_deliverable_late: {
        parameters: {
            query?: never;
            header: {
                "jalon-event-type": "deliverable.late";
                "webhook-id": string;
                /** @description One or more space-separated `v1,<base64 HMAC-SHA256>` */
                "webhook-signature": string;
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeliverableLateEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the event is not sent again */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (a bad signature, for one): a failed attempt, retried with backoff */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A failed attempt, retried with backoff */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    event_deliverable_ready_for_review: {
        parameters: {
            query?: never;
            header: {
                "jalon-event-type": "deliverable.ready_for_review";
                "webhook-id": string;
                /** @description One or more space-separated `v1,<base64 HMAC-SHA256>` */
                "webhook-signature": string;
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeliverableReadyForReviewEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the event is not sent again */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (a bad signature, for one): a failed attempt, retried with backoff */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A failed attempt, retried with backoff */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    event_deliverable_rejected: {
        parameters: {
            query?: never;
            header: {
                "jalon-event-type": "deliverable.rejected";
                "webhook-id": string;
                /** @description One or more space-separated `v1,<base64 HMAC-SHA256>` */
                "webhook-signature": string;
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeliverableRejectedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the event is not sent again */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (a bad signature, for one): a failed attempt, retried with backoff */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A failed attempt, retried with backoff */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    event_deliverable_rework_started: {
        parameters: {
            query?: never;
            header: {
                "jalon-event-type": "deliverable.rework_started";
                "webhook-id": string;
                /** @description One or more space-separated `v1,<base64 HMAC-SHA256>` */
                "webhook-signature": string;
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeliverableReworkStartedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the event is not sent again */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (a bad signature, for one): a failed attempt, retried with backoff */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A failed attempt, retried with backoff */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    event_milestone_invoiced: {
        parameters: {
            query?: never;
            header: {
                "jalon-event-type": "milestone.invoiced";
                "webhook-id": string;
                /** @description One or more space-separated `v1,<base64 HMAC-SHA256>` */
                "webhook-signature": string;
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MilestoneInvoicedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the event is not sent again */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (a bad signature, for one): a failed attempt, retried with backoff */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A failed attempt, retried with backoff */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    event_milestone_paid: {
        parameters: {
            query?: never;
            header: {
                "jalon-event-type": "milestone.paid";
                "webhook-id": string;
                /** @description One or more space-separated `v1,<base64 HMAC-SHA256>` */
                "webhook-signature": string;
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MilestonePaidEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the event is not sent again */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (a bad signature, for one): a failed attempt, retried with backoff */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A failed attempt, retried with backoff */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    event_milestone_removed: {
        parameters: {
            query?: never;
            header: {
                "jalon-event-type": "milestone.removed";
                "webhook-id": string;
                /** @description One or more space-separated `v1,<base64 HMAC-SHA256>` */
                "webhook-signature": string;
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MilestoneRemovedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the event is not sent again */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (a bad signature, for one): a failed attempt, retried with backoff */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A failed attempt, retried with backoff */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    event_milestone_resettled: {
        parameters: {
            query?: never;
            header: {
                "jalon-event-type": "milestone.resettled";
                "webhook-id": string;
                /** @description One or more space-separated `v1,<base64 HMAC-SHA256>` */
                "webhook-signature": string;
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MilestoneResettledEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the event is not sent again */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (a bad signature, for one): a failed attempt, retried with backoff */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A failed attempt, retried with backoff */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    event_milestone_retention_released: {
        parameters: {
            query?: never;
            header: {
                "jalon-event-type": "milestone.retention_released";
                "webhook-id": string;
                /** @description One or more space-separated `v1,<base64 HMAC-SHA256>` */
                "webhook-signature": string;
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MilestoneRetentionReleasedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the event is not sent again */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (a bad signature, for one): a failed attempt, retried with backoff */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A failed attempt, retried with backoff */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    event_milestone_unlocked: {
        parameters: {
            query?: never;
            header: {
                "jalon-event-type": "milestone.unlocked";
                "webhook-id": string;
                /** @description One or more space-separated `v1,<base64 HMAC-SHA256>` */
                "webhook-signature": string;
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MilestoneUnlockedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the event is not sent again */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (a bad signature, for one): a failed attempt, retried with backoff */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A failed attempt, retried with backoff */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
