import { DomainError } from '../domain/errors.ts';
import { msg } from '../domain/messages.ts';

/** Thrown inside a transaction when the case moved on; the caller retries or answers 409. */
export class VersionConflict extends DomainError {
  constructor(currentVersion?: number) {
    super(
      'VERSION_CONFLICT',
      msg('common.caseChangedSinceYouReadIt'),
      currentVersion === undefined ? {} : { currentVersion },
    );
  }
}

export function isVersionConflict(err: unknown): boolean {
  return err instanceof DomainError && err.code === 'VERSION_CONFLICT';
}
