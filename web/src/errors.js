// Errors from the engine, as JS Error objects carrying the engine's fields.
// The codes mirror crm::ErrorCode in core/common/status.h (keep both in sync).

/** Every error code the engine reports. */
export const ERROR_CODES = Object.freeze([
  'notATable', 'empty', 'headerOnly', 'badJson', 'badEncoding', 'badCsv', 'missingRole',
  'badRequest', 'noData', 'readFailed', 'outOfMemory', 'internal',
]);

/** An engine error: `code`, `file`, `line`, `column` (1-based, 0 when unknown), `expected`, and the
 *  file report as far as reading got (`fileReport`, for role editing after a missingRole error). */
export class CrmError extends Error {
  constructor(fields, fileReport = null) {
    super(fields.text || fields.message);
    this.name = 'CrmError';
    this.code = fields.code;
    this.reason = fields.message;
    this.file = fields.file || '';
    this.line = fields.line || 0;
    this.column = fields.column || 0;
    this.expected = fields.expected || '';
    this.fileReport = fileReport;
  }
}
