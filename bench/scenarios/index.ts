import { occupancyDecade, occupancyYear, pace } from './analytics.ts';
import { checklistRead, checklistToggle } from './checklists.ts';
import { houseLedgerMonth, yearSummary } from './finance.ts';
import { health } from './health.ts';
import { instance } from './instance.ts';
import { houseWorkOrders, workOrdersOpen } from './maintenance.ts';
import { calendar, createConflict, createStay, houseMonth, reservationById } from './reservations.ts';
import { ownerStatement, ownerStatementPdf } from './statements.ts';
import type { Scenario } from './types.ts';

/** Every scenario, in the order they run; `health` first, as the others are measured against it. */
export const scenarios: Scenario[] = [
  health,
  instance,
  reservationById,
  houseMonth,
  calendar,
  createStay,
  createConflict,
  checklistRead,
  checklistToggle,
  workOrdersOpen,
  houseWorkOrders,
  houseLedgerMonth,
  yearSummary,
  occupancyYear,
  occupancyDecade,
  pace,
  ownerStatement,
  ownerStatementPdf,
];
