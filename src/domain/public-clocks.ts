import type { TLabel } from './labels.ts';
import type { TProcedure } from './procedure.schema.ts';

/** Issue 18: the clocks a procedure promises to the submitter (`public: true`). */
export function publicClockIds(procedure: TProcedure | undefined): Set<string> {
  return new Set((procedure?.clocks ?? []).filter((c) => c.public).map((c) => c.id));
}

/** The actions that stop a clock: what the submitter waits for ("至「书面答复」止"). */
export function clockStoppedBy(procedure: TProcedure, clockId: string): TLabel[] {
  return procedure.actions.filter((a) => a.clocks.stop.includes(clockId)).map((a) => a.label);
}

/** How the organisation's time zone is named beside a time, once per screen or message. */
export function zoneLabel(timeZone: string): TLabel {
  if (timeZone === 'Asia/Shanghai' || timeZone === 'Asia/Chongqing' || timeZone === 'PRC')
    return { 'zh-CN': '北京时间', en: 'Beijing time' };
  return { 'zh-CN': timeZone, en: timeZone };
}
