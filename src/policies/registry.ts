import { ccus } from './ccus.js';
import { electrification } from './electrification.js';
import { fuelSwitch } from './fuel-switch.js';
import { greenManufacturing } from './green-manufacturing.js';
import { greenPower } from './green-power.js';
import { keyEmitters } from './key-emitters.js';
import { newProjects } from './new-projects.js';
import { rectification } from './rectification.js';
import { anyPolicy, type PolicyModule } from './types.js';
import { twoHighReview } from './two-high-review.js';
import { villageCleanup } from './village-cleanup.js';

/** The policy types a scenario may use, by `type`: one module per file in this folder. */
export const POLICY_MODULES: readonly PolicyModule[] = [
  anyPolicy(rectification),
  anyPolicy(twoHighReview),
  anyPolicy(greenManufacturing),
  anyPolicy(villageCleanup),
  anyPolicy(newProjects),
  anyPolicy(fuelSwitch),
  anyPolicy(electrification),
  anyPolicy(greenPower),
  anyPolicy(ccus),
  anyPolicy(keyEmitters),
];
