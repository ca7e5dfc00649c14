import { CodedError, ERRORS } from '../../common/errors.js';
import { LOCATION_ID_PATTERN, LOCATION_NAME_MAX, type Location } from '../../common/location.js';
import type { LocationRepository } from '../repositories/locations.js';
import { instantOf, type Clock } from '../time.js';

/**
 * The chain's locations. Requests ask whether one exists on every chain-wide admin call, so the
 * answer is kept once it is yes: a location is never deleted, and one made by another process
 * (the CLI) is found by the next miss.
 */
export class LocationService {
  private readonly known = new Set<string>();

  constructor(
    private readonly locations: LocationRepository,
    private readonly clock: Clock,
  ) {}

  async create(id: string, name: string): Promise<Location> {
    if (!LOCATION_ID_PATTERN.test(id)) {
      throw new CodedError(ERRORS.LOCATION_ID_INVALID, `location id "${id}" must match ${LOCATION_ID_PATTERN.source}`, { id });
    }
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > LOCATION_NAME_MAX) {
      throw new CodedError(ERRORS.VALIDATION_FAILED, `a location's name is 1-${LOCATION_NAME_MAX} characters`, { name });
    }
    const createdAt = instantOf(this.clock).iso;
    if (!(await this.locations.create(id, trimmed, createdAt))) throw new CodedError(ERRORS.LOCATION_EXISTS, `location ${id} exists already`, { id });
    this.known.add(id);
    return { id, name: trimmed, createdAt };
  }

  list(): Promise<Location[]> {
    return this.locations.list();
  }

  async exists(id: string): Promise<boolean> {
    if (this.known.has(id)) return true;
    const found = (await this.locations.get(id)) !== undefined;
    if (found) this.known.add(id);
    return found;
  }
}
