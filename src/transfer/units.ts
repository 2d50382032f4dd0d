import type { Db } from '../store/cases.repository.ts';

export type PlacedUnit = { id: string; path: string };

/**
 * The 承办单位 column of `plaint import` and `plaint export`: a unit by its id, or by its name where
 * one unit has it. Names read better in a sheet, but two estates may each have a 客服部: such a name
 * is a problem to report (give the id), never a guess. Export writes the name where it is unique,
 * else the id, so that the file it writes imports again to the same units.
 */
export async function orgUnitCells(db: Db): Promise<{
  read: (cell: string) => PlacedUnit | { problem: string };
  write: (unitId: string | null) => string;
}> {
  const units = await db.selectFrom('org_units').select(['id', 'name', 'path']).execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const byName = new Map<string, (typeof units)[number][]>();
  for (const u of units) byName.set(u.name, [...(byName.get(u.name) ?? []), u]);
  return {
    read(cell) {
      // An id names one unit; a name may name several.
      const found = byId.has(cell) ? [byId.get(cell)!] : (byName.get(cell) ?? []);
      if (found.length === 0) return { problem: '没有这个单位 / no such org unit' };
      if (found.length > 1)
        return { problem: '有多个同名单位，请填单位编号 / several units have this name: give its id' };
      return { id: found[0]!.id, path: found[0]!.path };
    },
    write(unitId) {
      const u = unitId ? byId.get(unitId) : undefined;
      if (!u) return '';
      return byName.get(u.name)!.length === 1 ? u.name : u.id;
    },
  };
}
