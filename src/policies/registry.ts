import type { PolicyModule } from './types.js';

/**
 * The policy types a scenario may use, by `type`. Each module is one file in this folder; the
 * policies of the district plan (rectification, two_high_review, green_manufacturing,
 * village_cleanup, new_projects) register here as they are built.
 */
export const POLICY_MODULES: readonly PolicyModule[] = [];
