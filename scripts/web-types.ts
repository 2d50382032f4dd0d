/**
 * The web app's API types, generated from docs/openapi.json with openapi-typescript (issue 15):
 * web/src/types.ts and web/src/stats/types.ts alias them, so a renamed field breaks the web build.
 * `npm run openapi` writes both files; test/openapi-contract.test.ts fails when either is stale.
 */
import openapiTS, { astToString } from 'openapi-typescript';

export const WEB_TYPES_PATH = ['web', 'src', 'api', 'schema.d.ts'];

const HEADER = '// Generated from docs/openapi.json by `npm run openapi` (openapi-typescript): do not edit.\n\n';

/** The TypeScript declarations of one OpenAPI document, as written to WEB_TYPES_PATH. */
export async function webTypesText(openapiJson: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(openapiJson), { alphabetize: false });
  return HEADER + astToString(ast);
}
