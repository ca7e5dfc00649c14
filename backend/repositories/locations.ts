import type { Location } from '../../common/location.js';
import { query, type Database } from '../db/query.js';

const insertLocation = query<{ id: string; name: string; createdAt: string }>()((db, args) =>
  db.insertInto('locations').values({ id: args.id, name: args.name, created_at: args.createdAt }).onConflict((conflict) => conflict.column('id').doNothing()),
);
// Every location starts its own log at seq 0.
const insertSequence = query<{ id: string }>()((db, args) => db.insertInto('event_sequences').values({ location_id: args.id, last_seq: 0 }));
const byId = query<{ id: string }>()((db, args) => db.selectFrom('locations').selectAll().where('id', '=', args.id));
const allLocations = query()((db) => db.selectFrom('locations').selectAll().orderBy('id'));

/** The chain's locations; `default` exists from the first start. */
export class LocationRepository {
  constructor(private readonly db: Database) {}

  /** Answers false when a location with this id exists already. */
  create(id: string, name: string, createdAt: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if ((await tx.run(insertLocation, { id, name, createdAt })) !== 1) return false;
      await tx.run(insertSequence, { id });
      return true;
    });
  }

  async get(id: string): Promise<Location | undefined> {
    const row = await this.db.first(byId, { id });
    return row ? { id: row.id, name: row.name, createdAt: row.created_at } : undefined;
  }

  async list(): Promise<Location[]> {
    return (await this.db.all(allLocations)).map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }
}
