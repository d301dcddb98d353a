/**
 * The error vocabulary. Domain code throws these; the single catch in cli.ts
 * turns them into one sentence and an exit code.
 */

/** Something the user can fix: a bad file, an unknown item, a broken database. Exit 1. */
export class UserError extends Error {
  override readonly name: string = 'UserError';
  readonly exitCode: number = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Wrong use of the command line: a bad option, a malformed duration, an ambiguous reference. Exit 2. */
export class UsageError extends UserError {
  override readonly name = 'UsageError';
  override readonly exitCode = 2;
}

/** A roadmap that cannot be read: names the source and, where known, the line. */
export class RoadmapError extends UserError {
  override readonly name = 'RoadmapError';
}

/** The database cannot be used as it is (locked, corrupt, newer schema). */
export class StoreError extends UserError {
  override readonly name = 'StoreError';
}

/** A question answered with Ctrl+C or Ctrl+D: the command stops before it changes anything. Exit 130, as for an interrupt. */
export class Cancelled extends UserError {
  override readonly name = 'Cancelled';
  override readonly exitCode = 130;
  constructor() {
    super('Cancelled; nothing was changed.');
  }
}
