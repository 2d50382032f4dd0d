/** The inbox and search queries timed by bench/scale.ts and bench/versions.ts (issues 9, 24). */
export type Query = { name: string; kind: 'inbox' | 'search'; who: 'handler' | 'supervisor'; path: string };

export function scaleQueries(): Query[] {
  const inbox = (name: string, who: Query['who'], qs: string): Query => ({
    name,
    kind: 'inbox',
    who,
    path: `/api/v1/cases?limit=50${qs}`,
  });
  const search = (word: string, who: Query['who'], qs = ''): Query => ({
    name: `"${word}" (${who})${qs ? ` ${qs.slice(1)}` : ''}`,
    kind: 'search',
    who,
    path: `/api/v1/cases?limit=50&q=${encodeURIComponent(word)}${qs}`,
  });
  return [
    inbox('all (supervisor)', 'supervisor', ''),
    inbox('all in scope (handler)', 'handler', ''),
    inbox('mine (assignee=me)', 'handler', '&assignee=me'),
    inbox('my unit', 'handler', '&unit=mine'),
    inbox('due soon', 'handler', '&due=soon'),
    inbox('overdue', 'handler', '&due=overdue'),
    inbox('overdue (supervisor)', 'supervisor', '&due=overdue'),
    inbox('procedure', 'supervisor', '&procedure=employee-complaint'),
    inbox('state received', 'supervisor', '&status=received'),
    inbox('open states', 'handler', '&status=received,accepted,assigned,investigating'),
    inbox('severity', 'supervisor', '&severity=major'),
    inbox('category', 'supervisor', '&procedure=property-complaint&category=fees'),
    inbox('unassigned (assignee=none)', 'handler', '&assignee=none&status=received'),
    // Issue 25: the combinations that match few rows when the data is skewed (one busy unit, rare
    // working states, one dominant procedure): a plan that walks an index and filters reads it all.
    inbox('rare state (supervisor)', 'supervisor', '&status=investigating'),
    inbox('working states (handler)', 'handler', '&status=accepted,assigned,investigating'),
    inbox('working states, my unit', 'handler', '&status=accepted,assigned,investigating&unit=mine'),
    inbox('mine, working states', 'handler', '&assignee=me&status=accepted,assigned,investigating'),
    inbox('rare procedure', 'supervisor', '&procedure=internal-report'),
    inbox('procedure + state', 'supervisor', '&procedure=customer-complaint&status=investigating'),
    inbox('procedure + severity', 'supervisor', '&procedure=property-complaint&severity=major'),
    inbox('overdue, procedure', 'supervisor', '&due=overdue&procedure=property-complaint'),
    inbox('sorted by due (handler)', 'handler', '&sort=due'),
    inbox('sorted by severity, state', 'supervisor', '&sort=severity&status=investigating'),
    search('物业', 'supervisor'),
    search('物业', 'handler'),
    search('电梯', 'supervisor'),
    search('退款', 'supervisor'),
    search('加班费', 'handler'),
    search('白蚁', 'supervisor'),
    search('物业 电梯 维修', 'supervisor'),
    search('退款', 'handler', '&status=investigating'),
    search('物业', 'handler', '&unit=mine'),
  ];
}

/** The public complaint bench/run.ts and bench/versions.ts file (`POST /api/v1/public/cases`). */
export const SUBMIT_BODY = {
  procedure: 'customer-complaint',
  kind: 'complaint',
  subject: '电梯故障',
  description: '小区3号楼电梯停运三天，物业无人处理，老人上下楼很困难。',
  anonymous: true,
  requestedOutcome: '尽快修好电梯',
  affirmTruthful: true,
};
