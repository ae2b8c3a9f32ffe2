/**
 * Days and months are Asia/Shanghai local time. China has kept UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact and needs no tz data.
 */
const offsetMs = 8 * 3600 * 1000;

const local = (at: Date) => new Date(at.getTime() + offsetMs).toISOString();

/** "2026-11-21" */
export const shanghaiDate = (at: Date): string => local(at).slice(0, 10);

/** "2026-11" */
export const shanghaiMonth = (at: Date): string => local(at).slice(0, 7);

/** The UTC instant at which a Shanghai local date begins. */
export const startOfShanghaiDay = (date: string): Date => new Date(Date.parse(`${date}T00:00:00.000Z`) - offsetMs);

export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * 24 * 3600 * 1000);
