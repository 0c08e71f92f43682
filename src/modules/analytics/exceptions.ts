import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the analytics module; translated under `analytics:errors.<CODE>`. */
export const ANALYTICS_ERRORS = defineErrors({
  ANALYTICS_REPORT_NOT_FOUND: { category: 'NOT_FOUND', message: 'Report "{report}" does not exist.' },
  ANALYTICS_UNKNOWN_METRIC: { category: 'INVALID_DATA', message: 'Unknown metric "{metric}".' },
  ANALYTICS_INVALID_DATE_RANGE: { category: 'INVALID_DATA', message: 'The start date {from} is after the end date {to}.' },
  ANALYTICS_RANGE_TOO_LARGE: { category: 'INVALID_DATA', message: 'A report can cover at most {max} days.' },
  ANALYTICS_EXPORT_NOT_FOUND: { category: 'NOT_FOUND', message: 'Export "{export}" does not exist or has expired.' },
});
