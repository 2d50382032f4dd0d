import { DomainError } from '../domain/errors.ts';

/** Thrown inside a transaction when the case moved on; the caller retries or answers 409. */
export class VersionConflict extends DomainError {
  constructor(currentVersion?: number) {
    super(
      'VERSION_CONFLICT',
      '案件已被他人更新，请刷新后重试 / the case changed since you read it; reload and retry',
      currentVersion === undefined ? {} : { currentVersion },
    );
  }
}

export function isVersionConflict(err: unknown): boolean {
  return err instanceof DomainError && err.code === 'VERSION_CONFLICT';
}
