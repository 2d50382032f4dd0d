import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

/** The default set, shipped as files; a deployment overrides them per procedure (PLAINT_TEMPLATES_DIR). */
export const BUILT_IN_TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url));

const ZText = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }).strict();
const ZTemplate = z.object({ subject: ZText, body: ZText }).strict();
export type Template = z.infer<typeof ZTemplate>;
export type Rendered = { subject: { 'zh-CN': string; en: string }; body: { 'zh-CN': string; en: string } };

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Finds the template for a notice: the most specific file wins — `<dir>/<procedure>/<name>.yaml`
 * before `<dir>/<name>.yaml`, later (deployment) folders before the built-in one — and
 * `generic.yaml` when no file has the name. Files are read once and kept.
 */
export class TemplateSet {
  private readonly cache = new Map<string, Template>();
  private readonly dirs: string[];

  constructor(extraDirs: string[] = []) {
    this.dirs = [...extraDirs].reverse().concat(BUILT_IN_TEMPLATES);
  }

  get(procedureId: string, name: string): Template {
    const key = `${procedureId}/${name}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const found = (NAME.test(name) ? this.find(procedureId, name) : undefined) ?? this.find(procedureId, 'generic');
    if (!found) throw new Error(`no template "${name}" and no generic.yaml in ${this.dirs.join(', ')}`);
    this.cache.set(key, found);
    return found;
  }

  private find(procedureId: string, name: string): Template | undefined {
    for (const dir of this.dirs) {
      for (const file of [join(dir, procedureId, `${name}.yaml`), join(dir, `${name}.yaml`)]) {
        if (!existsSync(file)) continue;
        const parsed = ZTemplate.safeParse(parse(readFileSync(file, 'utf8')));
        if (!parsed.success)
          throw new Error(
            `template ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          );
        return parsed.data;
      }
    }
    return undefined;
  }
}

/** Replaces `{{name}}` by its value; an unknown name renders empty, never as raw braces. */
export function render(template: Template, vars: Record<string, string>): Rendered {
  const fill = (text: string) =>
    text
      .replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_, k: string) => vars[k] ?? '')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  return {
    subject: { 'zh-CN': fill(template.subject['zh-CN']), en: fill(template.subject.en) },
    body: { 'zh-CN': fill(template.body['zh-CN']), en: fill(template.body.en) },
  };
}

/** zh-CN first, English second, in one plain-text body (STYLE: Chinese first). */
export function bilingualText(r: Rendered): string {
  return `${r.body['zh-CN']}\n\n——\n\n${r.body.en}`;
}
