import { z } from 'zod';

/** A text in zh-CN (required, the first language) and optionally English. */
export const ZLabel = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1).optional() }).strict();
export type TLabel = z.infer<typeof ZLabel>;

/** "受理 / Accept" style rendering for messages read by both audiences. */
export function bilingual(label: TLabel): string {
  return label.en ? `${label['zh-CN']} / ${label.en}` : label['zh-CN'];
}
