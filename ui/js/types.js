/**
 * The API shapes the dashboard reads (openapi.yaml is the full contract). Types only: the other
 * modules name them in JSDoc comments, `tsc -p ui` checks them, and the browser never loads this file.
 */

/** @typedef {'on_track' | 'at_risk' | 'late' | 'accepted' | 'not_computed'} ScheduleBucket */
/** @typedef {Record<ScheduleBucket, number>} BySchedule */

/**
 * @template T
 * @typedef {{ items: T[], nextCursor: string | null }} Page
 */

/**
 * @typedef {object} DueDeliverable
 * @property {string} deliverableId
 * @property {string} engagementId
 * @property {string} title
 * @property {string} dueDate
 * @property {string} status
 * @property {ScheduleBucket | null} scheduleStatus
 */

/** @typedef {{ currency: string, unlockedMinor: number, invoicedMinor: number, paidMinor: number }} CurrencyTotals */

/**
 * @typedef {object} ProviderPortfolio
 * @property {string} providerId
 * @property {string} name
 * @property {number} activeEngagements
 * @property {{ total: number, bySchedule: BySchedule }} deliverables
 * @property {{ count: number, items: DueDeliverable[] }} overdue
 * @property {DueDeliverable[]} nextDue
 * @property {number} blockedTasks
 * @property {number} awaitingReview
 * @property {CurrencyTotals[]} money
 * @property {{ accepted: number, onTime: number, rate: number | null }} onTime
 */

/**
 * @typedef {object} Provider
 * @property {string} id
 * @property {string} name
 */

/**
 * @typedef {object} Engagement
 * @property {string} id
 * @property {string} providerId
 * @property {string} title
 * @property {string} status
 * @property {string} currency
 * @property {number} contractValueMinor
 * @property {string} startDate
 * @property {string} endDate
 * @property {string} timeZone
 * @property {number} contractVersion
 */

/**
 * @typedef {object} TaskLine
 * @property {string} id
 * @property {string | null} key
 * @property {string} title
 * @property {string} url
 * @property {string} status
 * @property {boolean} blocked
 * @property {boolean} cancelled
 */

/**
 * @typedef {object} TaskGroup
 * @property {'jira' | 'trello' | 'asana'} tracker
 * @property {'todo' | 'in_progress' | 'done'} statusCategory
 * @property {number} count
 * @property {number} blocked
 * @property {number} cancelled
 * @property {TaskLine[]} items
 */

/**
 * @typedef {object} Figures
 * @property {number | null} progress
 * @property {boolean} noTasks
 * @property {number} taskCount
 * @property {number} doneCount
 * @property {number} blockedCount
 * @property {string | null} forecastDate
 * @property {Exclude<ScheduleBucket, 'not_computed'>} scheduleStatus
 * @property {string[]} reasons
 * @property {string} computedAt
 */

/**
 * @typedef {object} DeliverableDashboard
 * @property {string} id
 * @property {string} title
 * @property {string} dueDate
 * @property {number} weight
 * @property {string} status
 * @property {Figures | null} figures
 * @property {{ total: number, shown: number, groups: TaskGroup[] }} tasks
 */

/**
 * @typedef {object} MilestoneLine
 * @property {string} id
 * @property {string} label
 * @property {string} status
 * @property {string} currency
 * @property {number} amountMinor
 * @property {number | null} bonusMinor
 * @property {number | null} penaltyMinor
 * @property {number | null} retentionMinor
 * @property {number | null} netMinor
 * @property {number | null} daysLate after grace
 * @property {number | null} [daysLateRaw] calendar days late, before grace
 * @property {number | null} [daysCharged] days the late-penalty rule charges
 * @property {string | null} [retentionStatus] held, released, invoiced or paid; null when none is held
 * @property {string | null} notBefore
 * @property {string | null} unlockedAt
 */

/**
 * @typedef {object} JournalLine
 * @property {string} id
 * @property {string} kind
 * @property {string} occurredAt
 * @property {string} summary
 * @property {string[]} participants
 */

/**
 * @typedef {object} OpenChangeRequest
 * @property {string} id
 * @property {string} title
 * @property {string} status
 * @property {number} costMinor
 * @property {number} scheduleDays
 * @property {string | null} submittedAt
 * @property {string} createdAt
 */

/**
 * @typedef {object} EngagementDashboard
 * @property {Engagement} engagement
 * @property {string} today
 * @property {{ progress: number | null, deliverables: number, bySchedule: BySchedule }} summary
 * @property {DeliverableDashboard[]} deliverables
 * @property {MilestoneLine[]} milestones
 * @property {JournalLine[]} journal
 * @property {OpenChangeRequest[]} changeRequests
 */

/**
 * @typedef {MilestoneLine & { engagementId: string, providerId: string }} PaymentMilestone
 */

export {};
