/** Why a whole import file was refused. Record-level faults never raise this: they are reported per record. */
export type ImportFileErrorCode =
  | 'UNSUPPORTED_ENCODING'
  | 'INVALID_ENCODING'
  | 'MALFORMED_XML'
  | 'MALFORMED_CSV'
  | 'UNEXPECTED_ROOT'
  | 'MISSING_PARAMETERS'
  | 'MISSING_COLUMNS'
  | 'EMPTY_FILE'
  | 'INVALID_ARCHIVE'
  | 'NO_ENTRY_IN_ARCHIVE';

/**
 * The file cannot be imported at all: nothing from it may be stored. The message is French and
 * meant for the person who uploaded the file (it names the place of the fault when there is one).
 */
export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode;

  constructor(code: ImportFileErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportFileError';
    this.code = code;
  }
}
