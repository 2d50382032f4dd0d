/**
 * A small procedure the admin tests upload (API and browser), so no built-in procedure and no
 * other scenario's procedure ever changes. `extra` is appended after the last action's roles.
 */
export function demoProcedureYaml(id: string, version: number, name: { zh: string; en: string }, extra = ''): string {
  return `id: ${id}
version: ${version}
name: { zh-CN: ${name.zh}, en: ${name.en} }
roles:
  - { id: demo-handler, label: { zh-CN: 测试处理人, en: Demo handler }, permissions: [read, intake] }
categories:
  - { id: noise, label: { zh-CN: 噪音, en: Noise } }
intake:
  kinds: [complaint]
  channels: [web, phone]
  publicText: { zh-CN: 已登记。, en: Registered. }
states:
  - { id: received, initial: true, label: { zh-CN: 已登记, en: Received } }
  - { id: done, terminal: true, label: { zh-CN: 已办结, en: Done } }
actions:
  - id: finish
    label: { zh-CN: 办结, en: Finish }
    from: [received]
    to: done
    roles: [demo-handler]${extra}
`;
}
